/**
 * The Lemmy HTTP API shapes threadmod reads: v3 (Lemmy 0.19) and v4 (Lemmy
 * 1.0) comment lists and post responses, bundles of the two, and the dump
 * `threadmod fetch` writes.
 *
 * Only the fields threadmod uses are declared; every object is loose because
 * Lemmy adds fields between releases and a moderator's tool must not reject a
 * response over a field it ignores. Fields that differ between v3 and v4
 * (`published`/`published_at`, `actor_id`/`ap_id`, `counts.score`/`score`) are
 * both optional, so one schema accepts either version and lists that mix them.
 */
import { z } from 'zod';

const id = z.int();
const optionalText = z.string().nullish();

/** Lemmy `Person` (the `creator` of a comment or post). */
export const LemmyPerson = z.looseObject({
  id,
  name: z.string().min(1),
  display_name: optionalText,
  /** v3. */
  actor_id: z.string().optional(),
  /** v4. */
  ap_id: z.string().optional(),
  bot_account: z.boolean().optional(),
});
export type LemmyPerson = z.infer<typeof LemmyPerson>;

export const LemmyCommunity = z.looseObject({
  id,
  name: z.string(),
  /** v3. */
  actor_id: z.string().optional(),
  /** v4. */
  ap_id: z.string().optional(),
});
export type LemmyCommunity = z.infer<typeof LemmyCommunity>;

export const LemmyPost = z.looseObject({
  id,
  /** The post's title. */
  name: z.string(),
  body: optionalText,
  url: optionalText,
  creator_id: id,
  community_id: id,
  ap_id: z.string(),
});
export type LemmyPost = z.infer<typeof LemmyPost>;

/** Lemmy's comment path: `0`, the ancestor ids, then the comment's own id. */
export const COMMENT_PATH = /^0(\.[1-9]\d*)+$/;

export const LemmyComment = z.looseObject({
  id,
  creator_id: id,
  post_id: id,
  /** Markdown. */
  content: z.string(),
  removed: z.boolean(),
  deleted: z.boolean(),
  /** v3. */
  published: z.string().optional(),
  /** v4. */
  published_at: z.string().optional(),
  ap_id: z.string(),
  path: z.string().regex(COMMENT_PATH, 'expected a comment path like "0.24.27"'),
  distinguished: z.boolean().optional(),
  /** v4 inlines the counts into the comment. */
  score: id.optional(),
});
export type LemmyComment = z.infer<typeof LemmyComment>;

/** v3 `CommentAggregates`. */
export const LemmyCommentCounts = z.looseObject({ score: id });

/** `CommentView`, as listed by `GET /api/v{3,4}/comment/list`. */
export const LemmyCommentView = z.looseObject({
  comment: LemmyComment,
  creator: LemmyPerson,
  post: LemmyPost,
  community: LemmyCommunity,
  /** v3 only. */
  counts: LemmyCommentCounts.optional(),
  creator_is_moderator: z.boolean().optional(),
  creator_is_admin: z.boolean().optional(),
});
export type LemmyCommentView = z.infer<typeof LemmyCommentView>;

/** `GET /api/v3/comment/list`. */
export const CommentListV3 = z.looseObject({ comments: z.array(LemmyCommentView) });
/** `GET /api/v4/comment/list` (paged by cursor). */
export const CommentListV4 = z.looseObject({
  items: z.array(LemmyCommentView),
  next_page: z.string().nullish(),
  prev_page: z.string().nullish(),
});
export const CommentListResponse = z.union([CommentListV3, CommentListV4]);
export type CommentListResponse = z.infer<typeof CommentListResponse>;

export const LemmyPostView = z.looseObject({
  post: LemmyPost,
  creator: LemmyPerson,
  community: LemmyCommunity,
  creator_is_moderator: z.boolean().optional(),
  creator_is_admin: z.boolean().optional(),
});
export type LemmyPostView = z.infer<typeof LemmyPostView>;

/** `GET /api/v{3,4}/post`; v4 leaves out `moderators`. */
export const PostResponse = z.looseObject({
  post_view: LemmyPostView,
  community_view: z.looseObject({ community: LemmyCommunity }),
  moderators: z.array(z.unknown()).optional(),
  cross_posts: z.array(z.unknown()).optional(),
});
export type PostResponse = z.infer<typeof PostResponse>;

/** A post response and a comment list saved together, e.g. by a script calling both endpoints. */
export const PostAndComments = z.looseObject({
  post: PostResponse,
  comments: z.union([CommentListV3, CommentListV4, z.array(LemmyCommentView)]),
});
export type PostAndComments = z.infer<typeof PostAndComments>;

export const ApiVersion = z.enum(['v3', 'v4']);
export type ApiVersion = z.infer<typeof ApiVersion>;

/**
 * What `threadmod fetch` writes: the post response and every page of
 * comments, concatenated as the API returned them (pages may overlap).
 */
export const FetchedDump = z
  .object({
    threadmod: z.object({
      /** The post's URL, as given to `threadmod fetch`. */
      fetchedFrom: z.string(),
      /** ISO 8601 time of the fetch. */
      fetchedAt: z.string(),
      apiVersion: ApiVersion,
    }),
    post: PostResponse,
    comments: z.array(LemmyCommentView),
    /** With `fetch --reports`: the open comment and post reports (`./moderation.ts` reads each). */
    reports: z.array(z.unknown()).optional(),
    /** With `fetch --reports`: modlog entries of the reported authors (`./moderation.ts`). */
    modlog: z.array(z.unknown()).optional(),
  })
  .meta({
    title: 'threadmod fetched dump',
    description: 'A Lemmy post and its comments as `threadmod fetch` saves them (API v3 or v4 views).',
  });
export type FetchedDump = z.infer<typeof FetchedDump>;

/*
 * A fast yes/no version of `LemmyCommentView` for the hot path: zod took
 * 2.5-3.4 s for 200,000 recorded-shape views on the shared 2-core box (it
 * copies every loose object); this takes about 0.1 s and copies nothing. It accepts
 * exactly what the schema accepts (a property test holds it to that), so the
 * parser runs zod only on a view this rejects, to name the problem.
 */

type Rec = Record<string, unknown>;

const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): boolean => typeof v === 'number' && Number.isSafeInteger(v);
const isStr = (v: unknown): boolean => typeof v === 'string';
const isBool = (v: unknown): boolean => typeof v === 'boolean';
const optional = (v: unknown, test: (v: unknown) => boolean): boolean => v === undefined || test(v);
const nullish = (v: unknown, test: (v: unknown) => boolean): boolean => v === undefined || v === null || test(v);

function isPerson(p: unknown): boolean {
  return (
    isRec(p) &&
    isInt(p.id) &&
    typeof p.name === 'string' &&
    p.name.length > 0 &&
    nullish(p.display_name, isStr) &&
    optional(p.actor_id, isStr) &&
    optional(p.ap_id, isStr) &&
    optional(p.bot_account, isBool)
  );
}

function isCommunity(c: unknown): boolean {
  return isRec(c) && isInt(c.id) && isStr(c.name) && optional(c.actor_id, isStr) && optional(c.ap_id, isStr);
}

function isPost(p: unknown): boolean {
  return (
    isRec(p) &&
    isInt(p.id) &&
    isStr(p.name) &&
    nullish(p.body, isStr) &&
    nullish(p.url, isStr) &&
    isInt(p.creator_id) &&
    isInt(p.community_id) &&
    isStr(p.ap_id)
  );
}

function isComment(c: unknown): boolean {
  return (
    isRec(c) &&
    isInt(c.id) &&
    isInt(c.creator_id) &&
    isInt(c.post_id) &&
    isStr(c.content) &&
    isBool(c.removed) &&
    isBool(c.deleted) &&
    optional(c.published, isStr) &&
    optional(c.published_at, isStr) &&
    isStr(c.ap_id) &&
    typeof c.path === 'string' &&
    COMMENT_PATH.test(c.path) &&
    optional(c.distinguished, isBool) &&
    optional(c.score, isInt)
  );
}

/** True exactly when `LemmyCommentView.safeParse(v)` succeeds. */
export function isLemmyCommentView(v: unknown): v is LemmyCommentView {
  return (
    isRec(v) &&
    isComment(v.comment) &&
    isPerson(v.creator) &&
    isPost(v.post) &&
    isCommunity(v.community) &&
    optional(v.counts, (counts) => isRec(counts) && isInt(counts.score)) &&
    optional(v.creator_is_moderator, isBool) &&
    optional(v.creator_is_admin, isBool)
  );
}
