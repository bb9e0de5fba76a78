/**
 * `threadmod fetch <community>`: the community's recent posts (newest
 * first, back to `since` and at most `maxPosts`), every comment of each,
 * and with a moderator's login the open reports and the reported authors'
 * modlog entries, saved as one `CommunityDump`.
 *
 * Resumable: the plan (community and post list) and then each finished post
 * are appended to `<out>.partial.jsonl` and fsynced as they complete. A fetch
 * stopped anywhere (Ctrl-C, kill -9, a network that gave up) is run again
 * with the same arguments and continues with the first unfinished post; the
 * partial file is removed once the dump is written. A post is the unit:
 * one cut mid-post is fetched again from its start.
 */
import { open, readFile, rm, stat, truncate } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { UserError } from '../errors.js';
import { writeFileAtomically, fsyncDirectory } from '../io/atomic-write.js';
import { isMissing } from '../io/errno.js';
import {
  CommunityDump,
  CommunityResponse,
  PostListV3,
  PostListV4,
  PostListView,
  postPublished,
} from '../lemmy-api/community.js';
import { CommentReportView, PostReportView } from '../lemmy-api/moderation.js';
import type { ApiVersion } from '../lemmy-api/schema.js';
import { detectApi, type DetectedApi } from './api-version.js';
import { LemmyRequestError } from './errors.js';
import { fetchModlog, fetchReports } from './fetch-reports.js';
import { fetchThread, MAX_PAGE_SIZE } from './fetch-thread.js';
import type { LemmyHttp } from './http.js';
import type { CommunityLocation } from './instance-url.js';

export interface CommunityProgress {
  readonly phase: 'community' | 'posts' | 'comments' | 'reports' | 'modlog';
  /** Posts whose comments are all in hand. */
  readonly postsDone: number;
  /** Posts to fetch (known once the listing is done). */
  readonly postsTotal: number;
  /** Comments in hand, all posts together. */
  readonly comments: number;
  readonly reports: number;
}

export interface FetchCommunityOptions {
  readonly location: CommunityLocation;
  readonly fetchedFrom: string;
  readonly out: string;
  readonly force: boolean;
  /**
   * Only posts published at or after `at` (ms since the epoch); null for no
   * limit. `text` is what the user gave (`24h`): a resumed run must be asked
   * the same, though `at` moved on.
   */
  readonly since: { readonly text: string; readonly at: number } | null;
  /** At most this many posts, newest first (pinned posts count when recent enough). */
  readonly maxPosts: number;
  /** Also the open reports and the reported authors' modlog (needs a moderator's token on `http`). */
  readonly reports: boolean;
  readonly now?: () => Date;
  readonly onDetected?: (api: DetectedApi) => void;
  readonly onProgress?: (progress: CommunityProgress) => void;
  /** Stop (with a warning) after this many pages of the post listing. */
  readonly maxListingPages?: number;
  /** Reported comments on posts outside the listing: at most this many such posts are added. */
  readonly maxExtraPosts?: number;
}

export interface FetchCommunityResult {
  readonly api: DetectedApi;
  readonly posts: number;
  readonly comments: number;
  readonly commentReports: number;
  readonly postReports: number;
  readonly modlogEntries: number;
  /** Posts found already fetched in the partial file of an interrupted run. */
  readonly resumedPosts: number;
  readonly warnings: readonly string[];
}

export function partialPath(out: string): string {
  return `${out}.partial.jsonl`;
}

/** First line of the partial file: what is being fetched, and the posts planned. */
const PartialPlan = z.object({
  plan: z.object({
    fetchedFrom: z.string(),
    origin: z.string(),
    apiVersion: z.enum(['v3', 'v4']),
    since: z.string().nullable(),
    maxPosts: z.number(),
    community: z.unknown(),
    posts: z.array(z.unknown()),
  }),
});
/** Each further line: one finished post. */
const PartialPost = z.object({ post: z.unknown(), comments: z.array(z.unknown()) });

export async function fetchCommunity(http: LemmyHttp, options: FetchCommunityOptions): Promise<FetchCommunityResult> {
  if (!options.force) await refuseExisting(options.out);
  const api = await detectApi(http);
  options.onDetected?.(api);
  const { apiVersion } = api;
  const warnings: string[] = [];
  const partialFile = partialPath(options.out);
  const fetchedAt = (options.now?.() ?? new Date()).toISOString();

  const progress = { postsDone: 0, postsTotal: 0, comments: 0, reports: 0 };
  const report = (phase: CommunityProgress['phase']) => options.onProgress?.({ phase, ...progress });

  const identity = {
    fetchedFrom: options.fetchedFrom,
    origin: http.origin,
    apiVersion,
    since: options.since?.text ?? null,
    maxPosts: options.maxPosts,
  };
  let partial = await readPartial(partialFile, identity);
  const resumedPosts = partial?.done.length ?? 0;
  if (partial === null) {
    report('community');
    const community = await getCommunity(http, apiVersion, options.location.name);
    report('posts');
    const posts = await listPosts(http, apiVersion, communityIdOf(community), options, warnings);
    partial = { plan: { ...identity, community, posts }, done: [] };
    await appendLine(partialFile, { plan: partial.plan }, true);
  }
  const { plan } = partial;
  const communityId = communityIdOf(plan.community);
  const done = new Map(partial.done.map((d) => [postIdOf(d.post), d]));
  progress.postsTotal = plan.posts.length;
  progress.postsDone = done.size;
  progress.comments = partial.done.reduce((n, d) => n + d.comments.length, 0);
  report('comments');

  const fetchPost = async (postId: number, listed: unknown | undefined) => {
    const before = progress.comments;
    const thread = await fetchThread(http, {
      apiVersion,
      postId,
      listed,
      onProgress: (p) => {
        progress.comments = before + p.comments;
        report('comments');
      },
    });
    warnings.push(...thread.warnings.map((w) => `post ${postId}: ${w}`));
    const post = listed ?? (thread.post as { post_view: unknown }).post_view;
    const entry = { post, comments: thread.comments };
    await appendLine(partialFile, entry, false);
    done.set(postId, entry);
    progress.postsDone = done.size;
    progress.comments = before + thread.comments.length;
    report('comments');
  };

  for (const listed of plan.posts) {
    const postId = postIdOf(listed);
    if (!done.has(postId)) await fetchPost(postId, listed);
  }

  let reports: unknown[] | undefined;
  let modlog: unknown[] | undefined;
  let commentReports = 0;
  let postReports = 0;
  if (options.reports) {
    report('reports');
    const fetched = await fetchReports(http, {
      apiVersion,
      communityId,
      postIds: null,
      onPage: (n) => {
        progress.reports = n;
        report('reports');
      },
    });
    warnings.push(...fetched.warnings);
    ({ reports, commentReports, postReports } = fetched);
    // A report on an older post is still the moderator's business: its post joins the dump.
    const outside = [...new Set(reports.map(reportedPostId))].filter((id) => !done.has(id)).sort((a, b) => a - b);
    const maxExtra = options.maxExtraPosts ?? 50;
    if (outside.length > maxExtra) {
      warnings.push(`${outside.length} reported posts are older than the listing; fetched the first ${maxExtra}`);
    }
    progress.postsTotal += Math.min(outside.length, maxExtra);
    for (const postId of outside.slice(0, maxExtra)) await fetchPost(postId, undefined);

    report('modlog');
    const people = reports.map(reportedPersonId);
    const log = await fetchModlog(http, { apiVersion, communityId, personIds: people });
    warnings.push(...log.warnings);
    modlog = log.entries;
  }

  const entries = [...done.values()];
  const dump = {
    threadmod: { fetchedFrom: options.fetchedFrom, fetchedAt, apiVersion, origin: http.origin },
    community: plan.community,
    posts: entries.map((e) => e.post),
    comments: entries.flatMap((e) => e.comments),
    ...(reports !== undefined ? { reports, modlog } : {}),
  };
  CommunityDump.parse(dump);
  if (!options.force) await refuseExisting(options.out);
  await writeFileAtomically(options.out, `${JSON.stringify(dump, null, 2)}\n`);
  await rm(partialFile, { force: true });
  return {
    api,
    posts: dump.posts.length,
    comments: dump.comments.length,
    commentReports,
    postReports,
    modlogEntries: modlog?.length ?? 0,
    resumedPosts,
    warnings,
  };
}

async function getCommunity(http: LemmyHttp, apiVersion: ApiVersion, name: string): Promise<unknown> {
  try {
    return (await http.get(`/api/${apiVersion}/community`, { name }, CommunityResponse)).raw;
  } catch (error) {
    if (error instanceof LemmyRequestError && error.failure === 'not-found') {
      throw new UserError(
        `community ${name} not found on ${http.origin} (${error.lemmyError ?? `HTTP ${error.status}`})`,
      );
    }
    throw error;
  }
}

/** The newest posts, back to `since`, at most `maxPosts`; pinned posts older than `since` are passed over. */
async function listPosts(
  http: LemmyHttp,
  apiVersion: ApiVersion,
  communityId: number,
  options: FetchCommunityOptions,
  warnings: string[],
): Promise<unknown[]> {
  const maxPages = options.maxListingPages ?? 200;
  const posts: unknown[] = [];
  const seen = new Set<number>();
  let cursor: string | undefined;
  const cursors = new Set<string>();
  for (let page = 1; ; page++) {
    if (page > maxPages) {
      warnings.push(`stopped after ${maxPages} pages of posts`);
      return posts;
    }
    // The same limit on every page: v3 pages by offset (page - 1) * limit.
    const limit = Math.min(MAX_PAGE_SIZE, Math.max(1, options.maxPosts));
    const query = {
      community_id: communityId,
      limit,
      ...(apiVersion === 'v3'
        ? { sort: 'New', type_: 'All', page }
        : { sort: 'new', type_: 'all', page_cursor: cursor }),
    };
    let raws: unknown[];
    let next: string | null = null;
    if (apiVersion === 'v3') {
      const answer = await http.get('/api/v3/post/list', query, PostListV3);
      raws = (answer.raw as { posts: unknown[] }).posts;
    } else {
      const answer = await http.get('/api/v4/post/list', query, PostListV4);
      raws = (answer.raw as { items: unknown[] }).items;
      next = answer.data.next_page ?? null;
    }
    let older = false;
    let fresh = 0;
    for (const raw of raws) {
      const view = PostListView.parse(raw);
      if (view.post.community_id !== communityId || seen.has(view.post.id)) continue;
      seen.add(view.post.id);
      fresh++;
      const at = postPublished(view.post);
      if (options.since !== null && at !== null && at < options.since.at) {
        if (view.post.featured_community !== true) older = true;
        continue;
      }
      posts.push(raw);
      if (posts.length >= options.maxPosts) return posts;
    }
    if (older || raws.length === 0 || fresh === 0) return posts;
    if (apiVersion === 'v3') {
      if (raws.length < limit) return posts;
    } else {
      if (next === null) return posts;
      if (cursors.has(next)) {
        warnings.push('the server sent the same post next_page cursor twice; stopped listing');
        return posts;
      }
      cursors.add(next);
      cursor = next;
    }
  }
}

function communityIdOf(raw: unknown): number {
  return CommunityResponse.parse(raw).community_view.community.id;
}

function postIdOf(raw: unknown): number {
  return (raw as { post: { id: number } }).post.id;
}

function reportedPostId(raw: unknown): number {
  const comment = CommentReportView.safeParse(raw);
  return comment.success ? comment.data.comment.post_id : PostReportView.parse(raw).post.id;
}

function reportedPersonId(raw: unknown): number {
  const comment = CommentReportView.safeParse(raw);
  return comment.success ? comment.data.comment.creator_id : PostReportView.parse(raw).post.creator_id;
}

interface Partial {
  plan: z.infer<typeof PartialPlan>['plan'];
  done: z.infer<typeof PartialPost>[];
}

/** The partial file of an interrupted run of this same fetch, or null. A last line cut by a crash is dropped. */
async function readPartial(
  file: string,
  identity: Omit<Partial['plan'], 'community' | 'posts'>,
): Promise<Partial | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
  const complete = text === '' || text.endsWith('\n');
  if (!complete) {
    // A line cut by a crash: dropped, so that the next line starts clean.
    text = text.slice(0, text.lastIndexOf('\n') + 1);
    await truncate(file, Buffer.byteLength(text));
  }
  const lines = text.split('\n');
  const parsed: unknown[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]!.trim() === '') continue;
    try {
      parsed.push(JSON.parse(lines[i]!));
    } catch {
      throw new UserError(`${file}:${i + 1}: not a JSON line; remove the file to fetch from the start`);
    }
  }
  const head = PartialPlan.safeParse(parsed[0]);
  if (!head.success) return null;
  const plan = head.data.plan;
  const same = (Object.keys(identity) as (keyof typeof identity)[]).every((k) => plan[k] === identity[k]);
  if (!same) {
    throw new UserError(
      `${file} is left from an interrupted fetch with other options (${plan.fetchedFrom}, API ${plan.apiVersion}); ` +
        'run that fetch again to finish it, or remove the file',
    );
  }
  const done: Partial['done'] = [];
  for (let i = 1; i < parsed.length; i++) {
    const entry = PartialPost.safeParse(parsed[i]);
    if (!entry.success) throw new UserError(`${file}:${i + 1}: not a fetched post; remove the file to start over`);
    done.push(entry.data);
  }
  return { plan, done };
}

async function appendLine(file: string, value: unknown, fresh: boolean): Promise<void> {
  const handle = await open(file, fresh ? 'w' : 'a');
  try {
    await handle.write(`${JSON.stringify(value)}\n`);
    await handle.sync();
  } finally {
    await handle.close();
  }
  if (fresh) await fsyncDirectory(path.dirname(path.resolve(file)));
}

async function refuseExisting(file: string): Promise<void> {
  try {
    await stat(file);
  } catch (error) {
    if (isMissing(error)) return;
    throw error;
  }
  throw new UserError(`${file} already exists; pass --force to replace it, or --out to write elsewhere`);
}
