/**
 * A stand-in for a Lemmy instance on 127.0.0.1 (an ephemeral port), serving
 * given post and comment views the way Lemmy 0.19 (API v3) or 1.0 (API v4)
 * does, recording every request it receives, and misbehaving on demand
 * (5xx, 429, hangs, dropped connections, cut-off JSON).
 *
 * What it copies from Lemmy, because the client must cope with it:
 * - v3 enums are capitalized (`Old`, `All`), v4 lower case; a wrong case is a 400.
 * - v3 pages with `page`/`limit`, refusing limit > 50 (`invalid_fetch_limit`);
 *   v4 with an opaque `page_cursor`, sending `next_page` while pages are full.
 * - `max_depth` makes a tree fetch that ignores paging and stops at 300.
 * - `parent_id` lists that comment and everything below it.
 * - A missing post is `400 {"error":"couldnt_find_post"}` on v3 and
 *   `404 {"error":"not_found"}` on v4; the other API version's routes are 404.
 * - Moderation needs `Authorization: Bearer <token>`; v4 requires `reason`.
 * - A community (`GET /community?name=`) lists its posts newest first, pinned
 *   ones before the rest (`GET /post/list`, v3 `page`, v4 `page_cursor`).
 * - Reports are for moderators only (the token): v3 `comment/report/list` and
 *   `post/report/list`, v4 the combined `report/list` (views with `type_`);
 *   `PUT comment/report/resolve` marks one resolved. The modlog
 *   (`GET /modlog?other_person_id=`) is public, as in Lemmy.
 */
import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export type Api = 'v3' | 'v4';
type Json = Record<string, any>;

export interface Received {
  readonly method: string;
  /** Path without the query. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: IncomingHttpHeaders;
  /** Parsed JSON body of a POST, or null. */
  readonly body: unknown;
  /** Status answered, or null when the stand-in hung up or never answered. */
  status: number | null;
}

export type Fault =
  | {
      readonly kind: 'status';
      readonly status: number;
      readonly body?: string;
      readonly headers?: Record<string, string>;
    }
  /** Never answers; the client's timeout has to end it. */
  | { readonly kind: 'hang' }
  /** Closes the connection without answering. */
  | { readonly kind: 'drop' }
  /** Sends the headers and half the body announced by Content-Length, then closes. */
  | { readonly kind: 'cut-body' }
  /** A complete 200 answer whose JSON stops halfway. */
  | { readonly kind: 'truncated-json' };

export interface FaultRule {
  readonly match: (request: Received) => boolean;
  /** How many matching requests get the fault. */
  times: number;
  readonly fault: Fault;
}

export interface StandinOptions {
  readonly api: Api;
  /** `GetPostResponse` of the one post served. */
  readonly post: Json;
  /** Comment views of that post, in the shape of `api`. */
  readonly comments: readonly Json[];
  /** What `/site` reports as `version`. */
  readonly lemmyVersion?: string;
  /** The login token the moderation endpoints accept. */
  readonly token?: string;
  /** Flat listings (without parent_id) leave out comments deeper than this, like an instance that hides deep replies. */
  readonly flatDepthLimit?: number;
  /** `GetCommunityResponse` of the one community served (with `posts`). */
  readonly community?: Json;
  /** Post views of the community, in the shape of `api`; `GET /post` answers for these too. */
  readonly posts?: readonly Json[];
  /** Comment and post report views (v4: with `type_`). */
  readonly reports?: readonly Json[];
  /** Modlog views: `mod_remove_comment` and `mod_ban_from_community` ones (v4: with `type_`). */
  readonly modlog?: readonly Json[];
}

/** Starts a plain HTTP server on 127.0.0.1 with an ephemeral port. */
export async function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ server: Server; url: string; close: () => Promise<void> }> {
  const server = createServer(handler);
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const close = () =>
    new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return { server, url: `http://127.0.0.1:${port}`, close };
}

export class LemmyStandin {
  readonly received: Received[] = [];
  readonly faults: FaultRule[] = [];
  /** Called for each request before it is answered (tests kill a client from here). */
  onRequest: ((request: Received) => void) | null = null;
  readonly #options: StandinOptions;
  readonly #comments: Json[];
  readonly #posts: Json[];
  readonly #reports: Json[];
  #url = '';
  #close: () => Promise<void> = async () => {};

  private constructor(options: StandinOptions) {
    this.#options = options;
    this.#comments = options.comments.map((view) => structuredClone(view));
    this.#posts = (options.posts ?? []).map((view) => structuredClone(view));
    this.#reports = (options.reports ?? []).map((view) => structuredClone(view));
  }

  /** The report views with the state moderation left them in. */
  get reports(): readonly Json[] {
    return this.#reports;
  }

  static async start(options: StandinOptions): Promise<LemmyStandin> {
    const standin = new LemmyStandin(options);
    const { url, close } = await listen((req, res) => void standin.#handle(req, res));
    standin.#url = url;
    standin.#close = close;
    return standin;
  }

  get url(): string {
    return this.#url;
  }

  get api(): Api {
    return this.#options.api;
  }

  close(): Promise<void> {
    return this.#close();
  }

  /** Injects `fault` into the next `times` requests that `match`. */
  fail(match: (request: Received) => boolean, fault: Fault, times = 1): void {
    this.faults.push({ match, fault, times });
  }

  /** Moderation requests Lemmy carried out (answered 2xx). */
  get applied(): Received[] {
    return this.received.filter((r) => r.method === 'POST' && r.status !== null && r.status < 300);
  }

  /** Requests to a path ending with `suffix` (`/comment/list`). */
  to(suffix: string): Received[] {
    return this.received.filter((r) => r.path.endsWith(suffix));
  }

  /** The comment view served for `id`, with the state moderation left it in. */
  comment(id: number): Json | undefined {
    return this.#comments.find((view) => view.comment.id === id);
  }

  /** A comment posted since: served from now on, after the others. */
  addComment(view: Json): void {
    this.#comments.push(structuredClone(view));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let body: unknown = null;
    if (text !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    const received: Received = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body,
      status: null,
    };
    this.received.push(received);
    this.onRequest?.(received);

    const rule = this.faults.find((f) => f.times > 0 && f.match(received));
    if (rule) {
      rule.times--;
      this.#misbehave(rule.fault, received, res);
      return;
    }
    const [status, answer] = this.#route(received);
    send(res, received, status, answer === undefined ? '' : JSON.stringify(answer));
  }

  #misbehave(fault: Fault, received: Received, res: ServerResponse): void {
    switch (fault.kind) {
      case 'status':
        send(res, received, fault.status, fault.body ?? '', fault.headers);
        return;
      case 'hang':
        return;
      case 'drop':
        res.socket?.destroy();
        return;
      case 'cut-body': {
        const [status, answer] = this.#route(received);
        const full = JSON.stringify(answer);
        res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(full) });
        res.write(full.slice(0, Math.floor(full.length / 2)), () => res.socket?.destroy());
        return;
      }
      case 'truncated-json': {
        const [status, answer] = this.#route(received);
        const full = JSON.stringify(answer);
        send(res, received, status, full.slice(0, Math.floor(full.length / 2)));
        return;
      }
    }
  }

  #route(r: Received): [number, unknown] {
    const api = this.#options.api;
    const match = /^\/api\/(v\d)(\/.*)$/.exec(r.path);
    // actix answers unknown routes with an empty 404.
    if (!match || match[1] !== api) return [404, undefined];
    const route = `${r.method} ${match[2]}`;
    switch (route) {
      case 'GET /site':
        return [200, this.#site()];
      case 'GET /post':
        return this.#getPost(r);
      case 'GET /comment/list':
        return this.#listComments(r);
      case 'GET /community':
        return this.#getCommunity(r);
      case 'GET /post/list':
        return this.#listPosts(r);
      case 'GET /comment/report/list':
      case 'GET /post/report/list':
      case 'GET /report/list':
        return this.#authorized(r) ?? this.#listReports(match[2]!, r);
      case 'PUT /comment/report/resolve':
        return this.#authorized(r) ?? this.#resolve(r);
      case 'GET /modlog':
        return this.#modlog(r);
      case 'POST /comment/remove':
      case 'POST /community/ban_user':
      case 'POST /comment':
        return this.#moderate(route, r);
      default:
        return [404, undefined];
    }
  }

  #site(): Json {
    const v4 = this.#options.api === 'v4';
    return {
      site_view: {
        site: { id: 1, name: 'Stand-in', [v4 ? 'published_at' : 'published']: '2026-06-12T22:00:00.000000Z' },
        local_site: { id: 1, site_id: 1 },
      },
      admins: [],
      version: this.#options.lemmyVersion ?? (v4 ? '1.0.0' : '0.19.5'),
      all_languages: [],
      discussion_languages: [],
    };
  }

  #getPost(r: Received): [number, unknown] {
    const id = Number(r.query.id);
    const listed = this.#posts.find((v) => v.post.id === id);
    if (listed !== undefined) {
      return [
        200,
        { post_view: listed, community_view: { community: listed.community }, moderators: [], cross_posts: [] },
      ];
    }
    if (id !== this.#options.post.post_view.post.id) {
      return this.#options.api === 'v3'
        ? [400, { error: 'couldnt_find_post' }]
        : [404, { error: 'not_found', message: 'Record not found' }];
    }
    return [200, this.#options.post];
  }

  #listComments(r: Received): [number, unknown] {
    const { api } = this.#options;
    const q = r.query;
    const sorts =
      api === 'v3' ? ['Hot', 'Top', 'New', 'Old', 'Controversial'] : ['hot', 'top', 'new', 'old', 'controversial'];
    const types =
      api === 'v3' ? ['All', 'Local', 'Subscribed', 'ModeratorView'] : ['all', 'local', 'subscribed', 'moderator_view'];
    if ((q.sort !== undefined && !sorts.includes(q.sort)) || (q.type_ !== undefined && !types.includes(q.type_))) {
      return [400, { error: 'couldnt_parse_query' }];
    }
    const limit = q.limit === undefined ? 10 : Number(q.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 50) return [400, { error: 'invalid_fetch_limit' }];

    let list = this.#comments.filter((v) => q.post_id === undefined || v.comment.post_id === Number(q.post_id));
    const depthOf = (v: Json) => String(v.comment.path).split('.').length - 1;
    if (q.parent_id !== undefined) {
      list = list.filter((v) => String(v.comment.path).split('.').includes(q.parent_id!));
    } else if (this.#options.flatDepthLimit !== undefined && q.max_depth === undefined) {
      list = list.filter((v) => depthOf(v) <= this.#options.flatDepthLimit!);
    }
    const published = (v: Json) => String(v.comment.published ?? v.comment.published_at);
    list.sort((a, b) => published(a).localeCompare(published(b)) || a.comment.id - b.comment.id);

    if (q.max_depth !== undefined) {
      const base =
        q.parent_id !== undefined
          ? depthOf(list.find((v) => v.comment.id === Number(q.parent_id)) ?? { comment: { path: '0' } })
          : 0;
      const tree = list.filter((v) => depthOf(v) <= base + Number(q.max_depth)).slice(0, 300);
      return [200, api === 'v3' ? { comments: tree } : { items: tree, next_page: null, prev_page: null }];
    }
    if (api === 'v3') {
      const page = q.page === undefined ? 1 : Number(q.page);
      return [200, { comments: list.slice((page - 1) * limit, page * limit) }];
    }
    let offset = 0;
    if (q.page_cursor !== undefined) {
      const m = /^Pc([0-9a-z]+)$/.exec(q.page_cursor);
      if (!m) return [400, { error: 'couldnt_parse_pagination_token' }];
      offset = parseInt(m[1]!, 36);
    }
    const items = list.slice(offset, offset + limit);
    const next = items.length === limit ? `Pc${(offset + limit).toString(36)}` : null;
    return [
      200,
      { items, next_page: next, prev_page: offset > 0 ? `Pc${Math.max(0, offset - limit).toString(36)}` : null },
    ];
  }

  #getCommunity(r: Received): [number, unknown] {
    const community = this.#options.community;
    if (community === undefined || r.query.name !== community.community_view.community.name) {
      return this.#options.api === 'v3'
        ? [400, { error: 'couldnt_find_community' }]
        : [404, { error: 'not_found', message: 'Record not found' }];
    }
    return [200, community];
  }

  #listPosts(r: Received): [number, unknown] {
    const { api } = this.#options;
    const q = r.query;
    const sorts = api === 'v3' ? ['New', 'Hot', 'Active', 'Old', 'TopAll'] : ['new', 'hot', 'active', 'old', 'top'];
    const types = api === 'v3' ? ['All', 'Local', 'Subscribed', 'ModeratorView'] : ['all', 'local', 'subscribed'];
    if ((q.sort !== undefined && !sorts.includes(q.sort)) || (q.type_ !== undefined && !types.includes(q.type_))) {
      return [400, { error: 'couldnt_parse_query' }];
    }
    const limit = q.limit === undefined ? 10 : Number(q.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 50) return [400, { error: 'invalid_fetch_limit' }];
    const published = (v: Json) => String(v.post.published ?? v.post.published_at);
    const list = this.#posts
      .filter((v) => q.community_id === undefined || v.post.community_id === Number(q.community_id))
      .sort(
        (a, b) =>
          Number(b.post.featured_community === true) - Number(a.post.featured_community === true) ||
          published(b).localeCompare(published(a)) ||
          b.post.id - a.post.id,
      );
    return this.#page(api === 'v3' ? 'posts' : 'items', list, q, limit);
  }

  /** v3: `page`; v4: `page_cursor` and `next_page` while pages are full. */
  #page(key: string, list: Json[], q: Readonly<Record<string, string>>, limit: number): [number, unknown] {
    if (this.#options.api === 'v3') {
      const page = q.page === undefined ? 1 : Number(q.page);
      return [200, { [key]: list.slice((page - 1) * limit, page * limit) }];
    }
    let offset = 0;
    if (q.page_cursor !== undefined) {
      const m = /^Pc([0-9a-z]+)$/.exec(q.page_cursor);
      if (!m) return [400, { error: 'couldnt_parse_pagination_token' }];
      offset = parseInt(m[1]!, 36);
    }
    const items = list.slice(offset, offset + limit);
    const next = items.length === limit ? `Pc${(offset + limit).toString(36)}` : null;
    return [200, { [key]: items, next_page: next, prev_page: null }];
  }

  #authorized(r: Received): [number, unknown] | null {
    const { api, token } = this.#options;
    const auth = r.headers.authorization;
    if (auth === undefined) return api === 'v3' ? [400, { error: 'not_logged_in' }] : [401, { error: 'not_logged_in' }];
    if (token === undefined || auth !== `Bearer ${token}`) {
      return api === 'v3' ? [400, { error: 'incorrect_login' }] : [401, { error: 'incorrect_login' }];
    }
    return null;
  }

  #listReports(route: string, r: Received): [number, unknown] {
    const q = r.query;
    const limit = q.limit === undefined ? 10 : Number(q.limit);
    if (!Number.isInteger(limit) || limit < 1 || limit > 50) return [400, { error: 'invalid_fetch_limit' }];
    const isComment = (v: Json) => v.comment_report !== undefined;
    const report = (v: Json) => (isComment(v) ? v.comment_report : v.post_report);
    let list = this.#reports.filter((v) => q.unresolved_only !== 'true' || report(v).resolved !== true);
    if (q.community_id !== undefined) list = list.filter((v) => v.community.id === Number(q.community_id));
    if (q.post_id !== undefined) {
      list = list.filter((v) => (isComment(v) ? v.comment.post_id : v.post.id) === Number(q.post_id));
    }
    if (route === '/comment/report/list') return this.#page('comment_reports', list.filter(isComment), q, limit);
    if (route === '/post/report/list')
      return this.#page(
        'post_reports',
        list.filter((v) => !isComment(v)),
        q,
        limit,
      );
    return this.#page('reports', list, q, limit);
  }

  #resolve(r: Received): [number, unknown] {
    const body = (r.body ?? {}) as Json;
    const view = this.#reports.find((v) => v.comment_report?.id === body.report_id);
    if (view === undefined || typeof body.resolved !== 'boolean') {
      return this.#options.api === 'v3'
        ? [400, { error: 'couldnt_find_comment_report' }]
        : [404, { error: 'not_found' }];
    }
    view.comment_report.resolved = body.resolved;
    return [200, { comment_report_view: view }];
  }

  #modlog(r: Received): [number, unknown] {
    const q = r.query;
    const person = (v: Json) =>
      v.mod_remove_comment !== undefined ? v.comment.creator_id : v.mod_ban_from_community.other_person_id;
    const community = (v: Json) =>
      v.mod_remove_comment !== undefined ? v.community?.id : v.mod_ban_from_community.community_id;
    const list = (this.#options.modlog ?? []).filter(
      (v) =>
        (q.other_person_id === undefined || person(v) === Number(q.other_person_id)) &&
        (q.community_id === undefined || community(v) === Number(q.community_id)),
    );
    if (this.#options.api === 'v4') return [200, { modlog: list, next_page: null, prev_page: null }];
    const empty = ['removed_posts', 'locked_posts', 'featured_posts', 'removed_communities', 'banned', 'added'];
    return [
      200,
      {
        ...Object.fromEntries(empty.map((k) => [k, []])),
        removed_comments: list.filter((v) => v.mod_remove_comment !== undefined),
        banned_from_community: list.filter((v) => v.mod_ban_from_community !== undefined),
      },
    ];
  }

  #moderate(route: string, r: Received): [number, unknown] {
    const { api, token } = this.#options;
    const auth = r.headers.authorization;
    if (auth === undefined) return api === 'v3' ? [400, { error: 'not_logged_in' }] : [401, { error: 'not_logged_in' }];
    if (token === undefined || auth !== `Bearer ${token}`) {
      return api === 'v3' ? [400, { error: 'incorrect_login' }] : [401, { error: 'incorrect_login' }];
    }
    const body = (r.body ?? {}) as Json;
    if (api === 'v4' && route !== 'POST /comment' && typeof body.reason !== 'string') {
      return [400, { error: 'invalid_body_field' }];
    }
    if (route === 'POST /community/ban_user') {
      const person = this.#comments.find((v) => v.creator.id === body.person_id)?.creator;
      if (!person || typeof body.ban !== 'boolean') return [400, { error: 'couldnt_find_person' }];
      return [200, { person_view: { person }, banned: body.ban }];
    }
    const target = this.#comments.find(
      (v) => v.comment.id === (route === 'POST /comment' ? body.parent_id : body.comment_id),
    );
    if (!target) return api === 'v3' ? [400, { error: 'couldnt_find_comment' }] : [404, { error: 'not_found' }];
    if (route === 'POST /comment/remove') {
      target.comment.removed = body.removed === true;
      return [200, { comment_view: target, recipient_ids: [] }];
    }
    const reply = structuredClone(target);
    reply.comment = {
      ...reply.comment,
      id: 900_000 + this.received.length,
      content: body.content,
      path: `${target.comment.path}.${900_000 + this.received.length}`,
    };
    return [200, { comment_view: reply, recipient_ids: [] }];
  }
}

function send(
  res: ServerResponse,
  received: Received,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  received.status = status;
  res.writeHead(status, {
    ...(text !== '' && !('Content-Type' in headers) ? { 'Content-Type': 'application/json' } : {}),
    'Content-Length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}
