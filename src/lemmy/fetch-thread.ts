/**
 * Downloads one post and every comment on it.
 *
 * Comments are listed flat (no `max_depth`), oldest first, page by page:
 * v3 with `page`/`limit` (limit at most 50), v4 with `page_cursor` until
 * `next_page` runs out. Flat, because Lemmy treats `max_depth` as a tree
 * fetch that ignores `page` and `limit` and returns at most 300 comments
 * (crates/db_views comment_view.rs, 0.19 and 1.0 alike): paging with it
 * would loop on the same 300 or lose the rest. Oldest first, because new
 * comments then land after the pages already read instead of shifting them.
 *
 * Afterwards every comment's `child_count` (all descendants, as Lemmy counts
 * them) is compared with the descendants in hand; where some are missing,
 * the topmost such comment's subtree is listed again with `parent_id`.
 * Deleted comments Lemmy still counts but no longer lists make this a few
 * extra requests, so it runs once and is bounded.
 *
 * Everything is kept as received: the dump holds Lemmy's own JSON.
 */
import { z } from 'zod';
import { UserError } from '../errors.js';
import {
  type ApiVersion,
  CommentListV3,
  CommentListV4,
  type LemmyCommentView,
  PostResponse,
} from '../lemmy-api/schema.js';
import { LemmyRequestError } from './errors.js';
import type { LemmyHttp } from './http.js';

/** Lemmy refuses a larger `limit` (`invalid_fetch_limit`). */
export const MAX_PAGE_SIZE = 50;

export interface FetchProgress {
  readonly phase: 'post' | 'comments' | 'replies';
  /** Distinct comments so far. */
  readonly comments: number;
  /** Comment pages read so far. */
  readonly pages: number;
  /** The comment count the post reports, or null. */
  readonly expected: number | null;
}

export interface FetchThreadOptions {
  readonly apiVersion: ApiVersion;
  readonly postId: number;
  readonly onProgress?: (progress: FetchProgress) => void;
  /** Comments per page, at most 50. */
  readonly pageSize?: number;
  /** Stop (with a warning) after this many pages: a guard against servers that page forever. */
  readonly maxPages?: number;
  /** At most this many subtrees are listed again to fill gaps. */
  readonly maxRefetches?: number;
  /**
   * The post as a community listing gave it (a `PostView`): the post is then
   * not asked for again, and `post` in the result is this view.
   */
  readonly listed?: unknown;
}

export interface FetchedThread {
  /** `GetPostResponse` as received. */
  readonly post: unknown;
  /** Comment views as received, each comment once, in the order first seen. */
  readonly comments: unknown[];
  /** Comment-list requests made (pages), the post and site requests not counted. */
  readonly pages: number;
  readonly expected: number | null;
  /** Things the user should know about: shown on stderr, not fatal. */
  readonly warnings: string[];
}

/** The counts threadmod needs beyond `LemmyCommentView`: v3 keeps them in `counts`, v4 in `comment`. */
const ChildCount = z.looseObject({
  comment: z.looseObject({ child_count: z.int().optional() }),
  counts: z.looseObject({ child_count: z.int().optional() }).optional(),
});

const PostCounts = z.looseObject({
  post_view: z.looseObject({
    post: z.looseObject({ comments: z.int().optional() }),
    counts: z.looseObject({ comments: z.int().optional() }).optional(),
  }),
});

interface Held {
  readonly raw: unknown;
  readonly id: number;
  /** Ancestor ids, top-level first, without the comment itself. */
  readonly ancestors: number[];
  readonly childCount: number | null;
}

export async function fetchThread(http: LemmyHttp, options: FetchThreadOptions): Promise<FetchedThread> {
  const { apiVersion, postId } = options;
  const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, options.pageSize ?? MAX_PAGE_SIZE));
  const maxRefetches = options.maxRefetches ?? 100;
  const warnings: string[] = [];

  let post: unknown;
  if (options.listed !== undefined) post = options.listed;
  else
    try {
      const answer = await http.get(`/api/${apiVersion}/post`, { id: postId }, PostResponse);
      if (answer.data.post_view.post.id !== postId) {
        throw new UserError(
          `${http.origin} answered post ${answer.data.post_view.post.id} when asked for post ${postId}`,
        );
      }
      post = answer.raw;
    } catch (error) {
      if (error instanceof LemmyRequestError && error.failure === 'not-found') {
        throw new UserError(
          `post ${postId} not found on ${http.origin} (${error.lemmyError ?? `HTTP ${error.status}`})`,
        );
      }
      throw error;
    }
  const counts = PostCounts.safeParse(options.listed === undefined ? post : { post_view: post });
  const expected = counts.success
    ? (counts.data.post_view.post.comments ?? counts.data.post_view.counts?.comments ?? null)
    : null;

  // A server that pages forever (new comments, new cursors on every page)
  // stops at a page budget: twice the pages the post's comment count needs,
  // plus room for the subtrees listed again; 10,000 when it gives no count.
  const maxPages =
    options.maxPages ??
    (expected !== null ? 2 * Math.ceil((expected + 100) / pageSize) + 2 * maxRefetches + 10 : 10_000);
  const held = new Map<number, Held>();
  let pages = 0;
  const report = (phase: FetchProgress['phase']) =>
    options.onProgress?.({ phase, comments: held.size, pages, expected });
  report('post');

  /** Lists comments (of the post, or of one subtree) to the last page; returns how many were new. */
  let stopped = false;
  const listAll = async (phase: FetchProgress['phase'], parentId?: number): Promise<number> => {
    if (stopped) return 0;
    let added = 0;
    let cursor: string | undefined;
    const cursorsSeen = new Set<string>();
    let previousPage = '';
    for (let page = 1; ; page++) {
      if (pages >= maxPages) {
        const listed = expected !== null ? ` (the post lists ${expected} comments, ${held.size} were received)` : '';
        warnings.push(
          `stopped after ${pages} pages of comments${listed}; the server kept sending more, the dump holds what was received`,
        );
        stopped = true;
        return added;
      }
      const query = {
        post_id: postId,
        parent_id: parentId,
        limit: pageSize,
        // Without type_=All an instance whose default listing is Local lists nothing for a federated post.
        ...(apiVersion === 'v3'
          ? { sort: 'Old', type_: 'All', page }
          : { sort: 'old', type_: 'all', page_cursor: cursor }),
      };
      let views: { data: LemmyCommentView; raw: unknown }[];
      let next: string | null = null;
      if (apiVersion === 'v3') {
        const answer = await http.get(`/api/v3/comment/list`, query, CommentListV3);
        views = zipRaw(answer.data.comments, answer.raw, 'comments');
      } else {
        const answer = await http.get(`/api/v4/comment/list`, query, CommentListV4);
        views = zipRaw(answer.data.items, answer.raw, 'items');
        next = answer.data.next_page ?? null;
      }
      pages++;
      let fresh = 0;
      for (const { data, raw } of views) {
        if (data.comment.post_id !== postId || held.has(data.comment.id)) continue;
        held.set(data.comment.id, hold(data, raw));
        fresh++;
      }
      added += fresh;
      report(phase);
      if (views.length === 0) return added;
      if (apiVersion === 'v3') {
        if (views.length < pageSize) return added;
        const ids = views.map((v) => v.data.comment.id).join(',');
        if (ids === previousPage) {
          warnings.push(`page ${page} repeated page ${page - 1}; stopped paging (the server seems to ignore "page")`);
          return added;
        }
        previousPage = ids;
      } else {
        if (next === null) return added;
        if (cursorsSeen.has(next)) {
          warnings.push(`the server sent the same next_page cursor twice; stopped paging`);
          return added;
        }
        cursorsSeen.add(next);
        cursor = next;
      }
    }
  };

  await listAll('comments');

  const roots = incompleteSubtrees(held);
  if (roots.length > maxRefetches) {
    warnings.push(`${roots.length} subtrees look incomplete; listed only the first ${maxRefetches} again`);
  }
  for (const root of roots.slice(0, maxRefetches)) await listAll('replies', root);

  return { post, comments: [...held.values()].map((h) => h.raw), pages, expected, warnings };
}

/** Pairs each validated view with the same element of the raw answer, so the dump keeps Lemmy's JSON as sent. */
function zipRaw(views: LemmyCommentView[], raw: unknown, key: 'comments' | 'items') {
  const rawViews = (raw as Record<string, unknown[]>)[key]!;
  return views.map((data, i) => ({ data, raw: rawViews[i] }));
}

function hold(view: LemmyCommentView, raw: unknown): Held {
  const ids = view.comment.path.split('.').slice(1).map(Number);
  const counts = ChildCount.safeParse(raw);
  const childCount = counts.success
    ? (counts.data.comment.child_count ?? counts.data.counts?.child_count ?? null)
    : null;
  return { raw, id: view.comment.id, ancestors: ids.slice(0, -1), childCount };
}

/**
 * Comments that Lemmy says have more descendants than we hold, keeping only
 * the topmost of each chain: listing a subtree lists everything under it.
 */
function incompleteSubtrees(held: ReadonlyMap<number, Held>): number[] {
  const descendants = new Map<number, number>();
  for (const comment of held.values()) {
    for (const ancestor of comment.ancestors) descendants.set(ancestor, (descendants.get(ancestor) ?? 0) + 1);
  }
  const short = new Set<number>();
  for (const comment of held.values()) {
    if (comment.childCount !== null && comment.childCount > (descendants.get(comment.id) ?? 0)) short.add(comment.id);
  }
  return [...short].filter((id) => !held.get(id)!.ancestors.some((a) => short.has(a))).sort((a, b) => a - b);
}
