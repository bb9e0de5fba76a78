/**
 * Threads for the stand-in, grown from the recorded Lemmy responses in
 * ../shared/lemmy: each new comment is a clone of the recorded comment view
 * with a new id, path, author, time and text, so every field Lemmy sends
 * (and threadmod ignores) is still there, in Lemmy's order.
 */
import { readFileSync } from 'node:fs';
import type { Api } from '../support/lemmy-standin.js';
import { LEMMY_JSON } from '../support/shared.js';

type Json = Record<string, any>;

export interface Recorded {
  /** `GetPostResponse`. */
  readonly post: Json;
  /** The comment list response as recorded (`{comments}` or `{items, next_page, prev_page}`). */
  readonly list: Json;
  readonly views: Json[];
}

export function recorded(api: Api): Recorded {
  const suffix = api === 'v3' ? 'V3' : 'V4';
  const post = JSON.parse(readFileSync(LEMMY_JSON(`lemmykit_getPostResponse${suffix}.json`), 'utf8')) as Json;
  const list = JSON.parse(readFileSync(LEMMY_JSON(`lemmykit_getCommentsResponse${suffix}.json`), 'utf8')) as Json;
  return { post, list, views: api === 'v3' ? list.comments : list.items };
}

export interface GrownThread {
  readonly post: Json;
  /** The recorded comment first, then `extra` clones. */
  readonly views: Json[];
  /** The same views as a comment list response of the API. */
  readonly list: Json;
  /** Deepest comment depth (1 = top level). */
  readonly maxDepth: number;
}

/**
 * The recorded thread plus `extra` comments. Shape, fixed so tests can reason
 * about it: the first 14 new comments form one chain under the recorded
 * comment (depth 15 at the bottom); after that every fifth comment is
 * top-level and the others answer one of the five comments before them.
 */
export function grownThread(api: Api, extra: number): GrownThread {
  const base = recorded(api);
  const template = base.views[0]!;
  const postId = template.comment.post_id as number;
  const host = new URL(template.comment.ap_id as string).origin;
  const start = Date.parse(template.comment.published ?? template.comment.published_at);

  const views: Json[] = [structuredClone(template)];
  const paths = new Map<number, string>([[template.comment.id, template.comment.path]]);
  const ids = [template.comment.id as number];
  for (let i = 0; i < extra; i++) {
    const id = 1000 + i;
    let parentPath = '0';
    if (i < 14) parentPath = paths.get(ids[ids.length - 1]!)!;
    else if (i % 5 !== 0) parentPath = paths.get(ids[ids.length - 1 - (i % 5)]!)!;
    const path = `${parentPath}.${id}`;
    paths.set(id, path);
    ids.push(id);
    views.push(
      cloneView(template, api, { id, path, postId, host, n: i, published: new Date(start + (i + 1) * 60_000) }),
    );
  }
  setChildCounts(views, api);

  const post = structuredClone(base.post);
  if (api === 'v3') post.post_view.counts.comments = views.length;
  else post.post_view.post.comments = views.length;
  const list = api === 'v3' ? { comments: views } : { items: views, next_page: null, prev_page: null };
  const maxDepth = Math.max(...views.map((v) => String(v.comment.path).split('.').length - 1));
  return { post, views, list, maxDepth };
}

function cloneView(
  template: Json,
  api: Api,
  at: { id: number; path: string; postId: number; host: string; n: number; published: Date },
): Json {
  const view = structuredClone(template);
  const person = 200 + (at.n % 6);
  const stamp = at.published.toISOString().replace('Z', '000Z');
  Object.assign(view.comment, {
    id: at.id,
    content: `Reply ${at.id}: ${at.n % 3 === 0 ? 'I disagree with the parent comment.' : 'Thanks, that helps.'}`,
    ap_id: `${at.host}/comment/${at.id}`,
    path: at.path,
    removed: at.n % 17 === 3,
  });
  Object.assign(view.creator, { id: person, name: `standin_user${person}`, display_name: null });
  if (api === 'v3') {
    view.comment.published = stamp;
    view.creator.actor_id = `${at.host}/u/standin_user${person}`;
    Object.assign(view.counts, { comment_id: at.id, score: at.n % 7, upvotes: at.n % 7, published: stamp });
  } else {
    view.comment.published_at = stamp;
    view.creator.ap_id = `${at.host}/u/standin_user${person}`;
    Object.assign(view.comment, { score: at.n % 7, upvotes: at.n % 7 });
  }
  view.comment.creator_id = person;
  return view;
}

/** Lemmy's child_count: all descendants, not just direct replies. */
export function setChildCounts(views: Json[], api: Api): void {
  const counts = new Map<number, number>();
  for (const view of views) {
    for (const ancestor of String(view.comment.path).split('.').slice(1, -1)) {
      counts.set(Number(ancestor), (counts.get(Number(ancestor)) ?? 0) + 1);
    }
  }
  for (const view of views) {
    const n = counts.get(view.comment.id) ?? 0;
    if (api === 'v3') view.counts.child_count = n;
    else view.comment.child_count = n;
  }
}
