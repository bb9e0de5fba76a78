/**
 * Parses Lemmy API JSON (v3 = Lemmy 0.19, v4 = Lemmy 1.0) into reply trees.
 *
 * Accepted shapes (see `src/lemmy-api/schema.ts` for the fields read):
 * - a comment list: v3 `{comments: CommentView[]}`, v4 `{items: CommentView[], next_page, prev_page}`;
 * - a JSON array of comment views;
 * - a post response `{post_view, community_view, moderators?, cross_posts}`: one post, no comments;
 * - a bundle `{post: <post response>, comments: <comment list | CommentView[]>}`, or a post
 *   response that also has a `comments` or `items` array;
 * - the dump `threadmod fetch` writes: `{threadmod: {...}, post: <post response>, comments: CommentView[]}`.
 *
 * Trees come from `comment.path`, never from input order: one thread per
 * post, threads by ascending post id; within a thread depth-first with
 * siblings oldest first (`published`, then comment id), which is Lemmy's
 * "Old" sort and reads as the conversation happened. A comment whose
 * ancestors are missing is kept under one placeholder per missing ancestor
 * (id = the missing Lemmy comment id). The same comment twice (overlapping
 * pages) is read once, first copy wins; two copies that disagree on post or
 * path are an error.
 */
import { z } from 'zod';
import { InputError, jsonPath } from '../errors.js';
import type { Author, Badge, Comment, Dump, ModlogEntry, Post, Report, Thread } from '../thread/schema.js';
import { CommunityDump, type PostListView } from '../lemmy-api/community.js';
import {
  CommentReportView,
  ModBanFromCommunityView,
  ModRemoveCommentView,
  PostReportView,
} from '../lemmy-api/moderation.js';
import { TreeConflictError, assembleThread } from '../thread/tree.js';
import {
  FetchedDump,
  type LemmyCommentView,
  LemmyCommentView as CommentViewSchema,
  type LemmyCommunity,
  type LemmyPerson,
  type LemmyPost,
  PostResponse,
  isLemmyCommentView,
} from '../lemmy-api/schema.js';
import { parseJsonText } from '../io/json.js';
import { parseIsoTime } from './iso-time.js';
import { splitViews } from './json-views.js';

type Key = string | number;

/** Deepest comment read, as in the page-text parser: no Lemmy thread a moderator reads nests deeper. */
export const MAX_DEPTH = 100;

/** Where the comment views sit in the document, and the post response if any. */
interface Envelope {
  readonly post: PostResponse | null;
  readonly views: readonly unknown[];
  readonly viewsAt: readonly Key[];
  /** For a `threadmod fetch` dump, the post URL it was fetched from. */
  readonly fetchedFrom?: string;
  /** A community dump's post listing: posts that may have no comments. */
  readonly listed?: readonly PostListView[];
  /** `fetch --reports`: report views and modlog views, as saved. */
  readonly reports?: readonly unknown[];
  readonly modlog?: readonly unknown[];
}

interface ReadView {
  readonly view: LemmyCommentView;
  /** Index of the view in its array; its JSON path is `[...viewsAt, index]`. */
  readonly index: number;
  /** Lemmy's path without the leading `0`, as our string ids. */
  readonly path: string[];
}

export function parseLemmyJson(text: string, file: string): Dump {
  return readLemmyJson(text, file).dump;
}

/** The dump, and for a `threadmod fetch` dump the post URL it was fetched from (Lemmy ids are per instance). */
export function readLemmyJson(text: string, file: string): { dump: Dump; fetchedFrom: string | null } {
  return readStreamed(text, file) ?? readWholeLemmyJson(text, file);
}

/** `readLemmyJson` by parsing the whole document at once: the path every error is reported on, and the fast path's reference. */
export function readWholeLemmyJson(text: string, file: string): { dump: Dump; fetchedFrom: string | null } {
  return readDocument(parseJsonText(text, file), file, false);
}

/**
 * The fast path (json-views.ts): the comment views parsed one at a time.
 * null whenever it cannot answer exactly as `readDocument` would, including
 * for every input with a problem, so that errors are found and reported by
 * the whole-document parse alone.
 */
function readStreamed(text: string, file: string): { dump: Dump; fetchedFrom: string | null } | null {
  const split = splitViews(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  if (split === null) return null;
  let data: unknown;
  try {
    data = JSON.parse(split.skeleton);
  } catch {
    return null;
  }
  try {
    const envelope = readEnvelope(data, file);
    // The envelope must take its views from the array that was emptied.
    const at = envelope.viewsAt;
    const same = split.key === null ? at.length === 0 : at.length === 1 && at[0] === split.key;
    if (!same || envelope.views.length !== 0) return null;
    return readDocument({ ...envelope, views: split.views }, file, true);
  } catch (error) {
    if (error instanceof InputError) return null;
    throw error;
  }
}

/** `checked`: the views have passed `isLemmyCommentView` already. */
function readDocument(source: unknown, file: string, checked: boolean): { dump: Dump; fetchedFrom: string | null } {
  const envelope = checked ? (source as Envelope) : readEnvelope(source, file);
  const views = readViews(envelope, file, checked);
  const viewPath = (read: ReadView) => [...envelope.viewsAt, read.index];

  const byPost = new Map<number, ReadView[]>();
  for (const read of views) {
    const postId = read.view.comment.post_id;
    const list = byPost.get(postId);
    if (list === undefined) byPost.set(postId, [read]);
    else list.push(read);
  }
  const responsePost = envelope.post?.post_view.post.id;
  if (responsePost !== undefined && !byPost.has(responsePost)) byPost.set(responsePost, []);
  const listed = new Map((envelope.listed ?? []).map((view) => [view.post.id, view]));
  for (const postId of listed.keys()) if (!byPost.has(postId)) byPost.set(postId, []);

  const posts: Thread[] = [];
  for (const postId of [...byPost.keys()].sort((a, b) => a - b)) {
    const reads = byPost.get(postId)!;
    const listedView = listed.get(postId);
    const post =
      envelope.post !== null && postId === responsePost
        ? postFromResponse(envelope.post)
        : listedView !== undefined
          ? toPost(listedView.post, listedView.community, toAuthor(listedView.creator))
          : postFromViews(reads);
    const postCreatorId =
      envelope.post !== null && postId === responsePost
        ? envelope.post.post_view.post.creator_id
        : (listedView?.post.creator_id ?? reads[0]!.view.post.creator_id);
    posts.push({ post, comments: buildComments(reads, postCreatorId, viewPath, file) });
  }
  const dump: Dump = { format: 'lemmy-json', posts };
  if (envelope.reports !== undefined) dump.reports = readReports(envelope.reports, file);
  if (envelope.modlog !== undefined) dump.modlog = readModlog(envelope.modlog, file);
  return { dump, fetchedFrom: envelope.fetchedFrom ?? null };
}

function readReports(raws: readonly unknown[], file: string): Report[] {
  return raws.map((raw, i) => {
    const commentView = CommentReportView.safeParse(raw);
    if (commentView.success) {
      const view = commentView.data;
      const r = view.comment_report;
      return {
        kind: 'comment',
        reportId: r.id,
        commentId: String(r.comment_id),
        lemmyPostId: view.comment.post_id,
        reason: r.reason,
        reporter: toAuthor(view.creator),
        published: r.published_at ?? r.published ?? null,
      } satisfies Report;
    }
    const view = check(PostReportView, raw, ['reports', i], file);
    const r = view.post_report;
    return {
      kind: 'post',
      reportId: r.id,
      commentId: null,
      lemmyPostId: r.post_id,
      reason: r.reason,
      reporter: toAuthor(view.creator),
      published: r.published_at ?? r.published ?? null,
    } satisfies Report;
  });
}

function readModlog(raws: readonly unknown[], file: string): ModlogEntry[] {
  return raws.map((raw, i) => {
    const removal = ModRemoveCommentView.safeParse(raw);
    if (removal.success) {
      const view = removal.data;
      const m = view.mod_remove_comment;
      return {
        kind: m.removed ? 'comment-removed' : 'comment-restored',
        lemmyPersonId: view.comment.creator_id,
        at: m.published_at ?? m.when_ ?? null,
        reason: m.reason ?? null,
        lemmyCommentId: m.comment_id,
        expires: null,
      } satisfies ModlogEntry;
    }
    const m = check(ModBanFromCommunityView, raw, ['modlog', i], file).mod_ban_from_community;
    return {
      kind: m.banned ? 'banned' : 'unbanned',
      lemmyPersonId: m.other_person_id,
      at: m.published_at ?? m.when_ ?? null,
      reason: m.reason ?? null,
      lemmyCommentId: null,
      expires: m.expires_at ?? m.expires ?? null,
    } satisfies ModlogEntry;
  });
}

function readEnvelope(data: unknown, file: string): Envelope {
  const none = { post: null };
  if (Array.isArray(data)) return { ...none, views: data, viewsAt: [] };
  if (!isRecord(data)) {
    throw new InputError(`${file}: $`, `expected a Lemmy API response (a JSON object or array), got ${describe(data)}`);
  }
  if ('threadmod' in data && 'community' in data) {
    const envelope = check(CommunityEnvelope, data, [], file);
    return {
      post: null,
      views: envelope.comments,
      viewsAt: ['comments'],
      listed: envelope.posts,
      reports: envelope.reports,
      modlog: envelope.modlog,
    };
  }
  if ('threadmod' in data) {
    const envelope = check(FetchedEnvelope, data, [], file);
    return {
      post: envelope.post,
      views: envelope.comments,
      viewsAt: ['comments'],
      fetchedFrom: envelope.threadmod.fetchedFrom,
      reports: envelope.reports,
      modlog: envelope.modlog,
    };
  }
  if ('post' in data && 'comments' in data) {
    const post = check(PostResponse, data.post, ['post'], file);
    return { post, ...commentList(data.comments, ['comments'], file) };
  }
  if ('post_view' in data) {
    const post = check(PostResponse, data, [], file);
    const key = 'comments' in data ? 'comments' : 'items' in data ? 'items' : null;
    if (key === null) return { post, views: [], viewsAt: [] };
    return { post, views: viewArray(data[key], [key], file), viewsAt: [key] };
  }
  if ('comments' in data)
    return { ...none, views: viewArray(data.comments, ['comments'], file), viewsAt: ['comments'] };
  if ('items' in data) return { ...none, views: viewArray(data.items, ['items'], file), viewsAt: ['items'] };
  throw new InputError(
    `${file}: $`,
    'not a Lemmy API response threadmod reads: expected a comment list ({comments} or {items}), a post response ' +
      '({post_view, ...}), a bundle {post, comments}, a threadmod fetch dump, or an array of comment views',
  );
}

/** The fetch dump with its comments left for the per-view check. */
const FetchedEnvelope = FetchedDump.extend({ comments: z.array(z.unknown()) });
const CommunityEnvelope = CommunityDump.extend({ comments: z.array(z.unknown()) });

function commentList(value: unknown, at: Key[], file: string): Pick<Envelope, 'views' | 'viewsAt'> {
  if (Array.isArray(value)) return { views: value, viewsAt: at };
  if (isRecord(value)) {
    if ('comments' in value)
      return { views: viewArray(value.comments, [...at, 'comments'], file), viewsAt: [...at, 'comments'] };
    if ('items' in value) return { views: viewArray(value.items, [...at, 'items'], file), viewsAt: [...at, 'items'] };
  }
  throw new InputError(
    `${file}: ${jsonPath(at)}`,
    `expected a comment list ({comments} or {items}) or an array of comment views, got ${describe(value)}`,
  );
}

function viewArray(value: unknown, at: Key[], file: string): unknown[] {
  if (Array.isArray(value)) return value;
  throw new InputError(`${file}: ${jsonPath(at)}`, `expected an array of comment views, got ${describe(value)}`);
}

/** Validates every view, drops repeated copies and checks what zod cannot: path against id and post. */
function readViews(envelope: Envelope, file: string, checked: boolean): ReadView[] {
  // While the ids only grow no comment can be a repeat: the map of ids seen
  // is made from `out` at the first id that does not (Lemmy's Old sort
  // lists comments by time, so ids mostly grow).
  let seen: Map<number, ReadView> | null = null;
  let lastId = Number.NEGATIVE_INFINITY;
  const out: ReadView[] = [];
  for (let i = 0; i < envelope.views.length; i++) {
    const raw = envelope.views[i];
    // zod only to name what is wrong: it is far slower than the check and copies the view.
    const view =
      checked || isLemmyCommentView(raw)
        ? (raw as LemmyCommentView)
        : check(CommentViewSchema, raw, [...envelope.viewsAt, i], file);
    const { comment } = view;
    // COMMENT_PATH (checked above) makes every path start with `0.`, and
    // gives one segment per further dot.
    const path = comment.path.slice(2).split('.');
    // Each missing ancestor becomes a placeholder holding its own path, so
    // cost grows with the square of the depth: capped as the text parser caps it.
    const levels = path.length;
    if (levels > MAX_DEPTH) {
      throw new InputError(
        `${file}: ${jsonPath([...envelope.viewsAt, i, 'comment', 'path'])}`,
        `comment ${comment.id} is nested ${levels} levels deep; threadmod reads threads up to ${MAX_DEPTH} levels`,
      );
    }
    // Compared as numbers, without a string per comment: the segment is
    // `[1-9]\d*` (COMMENT_PATH) and the id a safe integer (checked), so the
    // two are equal exactly when the segment is the id's decimal form.
    if (Number(path[path.length - 1]) !== comment.id) {
      throw new InputError(
        `${file}: ${jsonPath([...envelope.viewsAt, i, 'comment', 'path'])}`,
        `path "${comment.path}" does not end with the comment's id ${comment.id}`,
      );
    }
    if (view.post.id !== comment.post_id) {
      throw new InputError(
        `${file}: ${jsonPath([...envelope.viewsAt, i, 'post', 'id'])}`,
        `post ${view.post.id} is not the comment's post_id ${comment.post_id}`,
      );
    }
    const read = { view, index: i, path };
    if (seen === null) {
      if (comment.id > lastId) {
        lastId = comment.id;
        out.push(read);
        continue;
      }
      seen = new Map(out.map((r) => [r.view.comment.id, r]));
    }
    const first = seen.get(comment.id);
    if (first !== undefined) {
      // Overlapping pages repeat a comment, perhaps with a newer score; only
      // a different place in the tree makes the two copies contradict.
      const a = first.view.comment;
      if (a.post_id !== comment.post_id || a.path !== comment.path) {
        const field = a.post_id !== comment.post_id ? 'post_id' : 'path';
        throw new InputError(
          `${file}: ${jsonPath([...envelope.viewsAt, i, 'comment', field])}`,
          `comment ${comment.id} appears again with ${field} ${JSON.stringify(comment[field])}, ` +
            `but ${jsonPath([...envelope.viewsAt, first.index])} has ${JSON.stringify(a[field])}`,
        );
      }
      continue;
    }
    seen.set(comment.id, read);
    out.push(read);
  }
  return out;
}

function buildComments(
  reads: readonly ReadView[],
  postCreatorId: number,
  viewPath: (read: ReadView) => Key[],
  file: string,
): Comment[] {
  const comments = reads.map((read) => toComment(read, postCreatorId));
  try {
    return assembleThread(comments, { key: publishedKey });
  } catch (error) {
    if (!(error instanceof TreeConflictError)) throw error;
    const read = reads.find((r) => String(r.view.comment.id) === error.commentId);
    const where = read ? jsonPath([...viewPath(read), 'comment', 'path']) : '$';
    throw new InputError(`${file}: ${where}`, error.message);
  }
}

function publishedKey(comment: Comment): number {
  return comment.published === null ? Number.POSITIVE_INFINITY : parseIsoTime(comment.published);
}

function toComment(read: ReadView, postCreatorId: number): Comment {
  const { view, path } = read;
  const { comment, creator } = view;
  const badges: Badge[] = [];
  if (view.creator_is_moderator === true) badges.push('moderator');
  if (view.creator_is_admin === true) badges.push('admin');
  if (comment.creator_id === postCreatorId) badges.push('op');
  if (creator.bot_account === true) badges.push('bot');
  return {
    id: path[path.length - 1]!,
    parentId: path.length > 1 ? path[path.length - 2]! : null,
    path,
    depth: path.length,
    author: toAuthor(creator),
    badges,
    score: comment.score ?? view.counts?.score ?? null,
    scoreUncertain: false,
    age: null,
    published: comment.published_at ?? comment.published ?? null,
    body: comment.content,
    quotes: [],
    removed: comment.removed,
    deleted: comment.deleted,
    distinguished: comment.distinguished ?? false,
    placeholder: false,
    lemmy: {
      commentId: comment.id,
      apId: comment.ap_id,
      postId: comment.post_id,
      communityId: view.community.id,
      creatorId: comment.creator_id,
      path: comment.path,
    },
    line: null,
  };
}

function toAuthor(person: LemmyPerson): Author {
  const actorId = person.actor_id ?? person.ap_id ?? null;
  return {
    name: person.name,
    instance: hostOf(actorId),
    displayName: person.display_name ?? null,
    lemmyPersonId: person.id,
    actorId,
  };
}

function postFromResponse(response: PostResponse): Post {
  const { post, creator, community } = response.post_view;
  return toPost(post, community, toAuthor(creator));
}

/** A post known only from its comments' views: the author is known if they also commented. */
function postFromViews(reads: readonly ReadView[]): Post {
  const { post, community } = reads[0]!.view;
  const byAuthor = reads.find((read) => read.view.creator.id === post.creator_id);
  return toPost(post, community, byAuthor ? toAuthor(byAuthor.view.creator) : null);
}

function toPost(post: LemmyPost, community: LemmyCommunity, author: Author | null): Post {
  return {
    title: post.name,
    body: post.body ?? '',
    url: post.url ?? null,
    community: {
      name: community.name,
      instance: hostOf(community.actor_id ?? community.ap_id ?? null),
      lemmyCommunityId: community.id,
    },
    author,
    lemmyPostId: post.id,
    apId: post.ap_id,
  };
}

/** The host `hostOf` read last: its text in the url, and that lower-cased. */
let lastHost = { text: '', host: '' };

/** Host of an ActivityPub id (`https://lemmy.world/u/x` -> `lemmy.world`), or null. */
function hostOf(url: string | null): string | null {
  if (url === null) return null;
  // The usual `https://host/...` without the regex (one per comment adds up):
  // with no `@` before the first `/?#`, the regex's host is the text up to it.
  if (url.startsWith('https://')) {
    let end = 8;
    for (; end < url.length; end++) {
      const c = url.charCodeAt(end);
      if (c === 0x2f || c === 0x3f || c === 0x23) break;
      if (c === 0x40) {
        end = -1;
        break;
      }
    }
    if (end > 8) {
      // Most comments of a thread come from a few instances: the last host
      // is reused when the url names it again, instead of a new string.
      if (end - 8 === lastHost.text.length && url.startsWith(lastHost.text, 8)) return lastHost.host;
      const text = url.slice(8, end);
      lastHost = { text, host: text.toLowerCase() };
      return lastHost.host;
    }
  }
  const match = /^[a-z][a-z0-9+.-]*:\/\/(?:[^/?#@]*@)?([^/?#]+)/i.exec(url);
  return match ? match[1]!.toLowerCase() : null;
}

/** Parses with `schema`, or throws an InputError naming the JSON path of the first problem. */
function check<T extends z.ZodType>(schema: T, value: unknown, at: readonly Key[], file: string): z.infer<T> {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new InputError(`${file}: ${jsonPath([...at, ...(issue.path as Key[])])}`, describeIssue(issue));
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const hasInput = 'input' in issue && issue.input !== undefined;
  switch (issue.code) {
    case 'invalid_type': {
      const expected = issue.expected === 'int' ? 'integer' : issue.expected;
      return hasInput ? `expected ${expected}, got ${describe(issue.input)}` : `missing; expected ${expected}`;
    }
    case 'invalid_format':
      return hasInput ? `${issue.message}, got ${describe(issue.input)}` : issue.message;
    default:
      return issue.message;
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
