/**
 * The normalized thread model every stage of threadmod works on.
 *
 * The JSON printed by `threadmod tree --json` is exactly `Dump`, and
 * `schema/thread.schema.json` is generated from these schemas, so changing a
 * field here changes a published contract: add fields, do not rename them.
 */
import { z } from 'zod';

/** Badges Lemmy shows next to a name. `op` is the post's author. */
export const Badge = z.enum(['moderator', 'admin', 'op', 'bot']);
export type Badge = z.infer<typeof Badge>;

export const Author = z
  .object({
    /** Lemmy user name, without the leading `@`. */
    name: z.string().min(1),
    /** Home instance host (`lemmy.world`), or null when the dump does not say. */
    instance: z.string().nullable(),
    displayName: z.string().nullable().optional(),
    /** Lemmy's person id, needed to ban; only API dumps carry it. */
    lemmyPersonId: z.number().int().nullable().optional(),
    /** The person's ActivityPub id (`actor_id` in v3, `ap_id` in v4). */
    actorId: z.string().nullable().optional(),
  })
  .meta({ description: 'Who wrote a comment or post.' });
export type Author = z.infer<typeof Author>;

/** Where a span of a body is someone else's words rather than the author's. */
export const QuoteKind = z.enum([
  /** A Markdown block quote (`> ...`). */
  'markdown',
  /** A whole paragraph set in quotation marks: the author cites someone. */
  'quotation',
  /** Words repeated from an ancestor comment (copied or quoted inline). */
  'ancestor',
]);
export type QuoteKind = z.infer<typeof QuoteKind>;

export const QuoteSpan = z.object({
  /** UTF-16 offsets into `body`, end exclusive (what `String.slice` takes). */
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  kind: QuoteKind,
  /** For `ancestor` quotes: the id of the comment whose words are repeated. */
  sourceId: z.string().nullable().optional(),
});
export type QuoteSpan = z.infer<typeof QuoteSpan>;

/** Lemmy's own identifiers, present when the dump came from the API. */
export const LemmyCommentRef = z.object({
  commentId: z.number().int(),
  apId: z.string(),
  postId: z.number().int(),
  communityId: z.number().int().nullable(),
  creatorId: z.number().int().nullable(),
  /** Lemmy's `path` as given, e.g. `0.24.27`. */
  path: z.string(),
});
export type LemmyCommentRef = z.infer<typeof LemmyCommentRef>;

export const Comment = z.object({
  /**
   * Stable id: the Lemmy comment id for API dumps; `L<line>` (the header's
   * 1-based line) for page text. Placeholders get `<child id>~<depth>` in
   * text dumps and the missing Lemmy comment id in API dumps.
   */
  id: z.string().min(1),
  /** null for a top-level comment. */
  parentId: z.string().nullable(),
  /** Ids from the top-level ancestor down to this comment, itself included. */
  path: z.array(z.string()),
  /** 1 for a top-level comment. */
  depth: z.number().int().positive(),
  author: Author.nullable(),
  badges: z.array(Badge),
  score: z.number().int().nullable(),
  /** True when the page text allowed two readings of score and age. */
  scoreUncertain: z.boolean(),
  /** Relative age as shown on the page ("6 months ago"), when that is all we have. */
  age: z.string().nullable(),
  /** ISO 8601 time, when the dump has one. */
  published: z.string().nullable(),
  /** The comment's text; paragraphs are separated by a blank line. */
  body: z.string(),
  /** Spans of `body` that quote others. Empty when nothing is quoted. */
  quotes: z.array(QuoteSpan),
  removed: z.boolean(),
  deleted: z.boolean(),
  distinguished: z.boolean(),
  /** An ancestor the dump does not contain, inserted to keep the tree's shape. */
  placeholder: z.boolean(),
  lemmy: LemmyCommentRef.nullable(),
  /** 1-based line of the comment's header in a text dump, or null. */
  line: z.number().int().positive().nullable(),
});
export type Comment = z.infer<typeof Comment>;

export const Community = z.object({
  name: z.string(),
  instance: z.string().nullable(),
  lemmyCommunityId: z.number().int().nullable().optional(),
});
export type Community = z.infer<typeof Community>;

export const Post = z.object({
  title: z.string().nullable(),
  body: z.string(),
  url: z.string().nullable(),
  community: Community.nullable(),
  author: Author.nullable(),
  lemmyPostId: z.number().int().nullable(),
  apId: z.string().nullable(),
});
export type Post = z.infer<typeof Post>;

export const Thread = z.object({
  post: Post,
  /** Flat, in reading order (depth-first, as the page shows them). */
  comments: z.array(Comment),
});
export type Thread = z.infer<typeof Thread>;

/** An open report a member filed (Lemmy `CommentReport` / `PostReport`), from `fetch --reports`. */
export const Report = z
  .object({
    kind: z.enum(['comment', 'post']),
    /** Lemmy's report id; comment and post reports are numbered apart. */
    reportId: z.number().int(),
    /** The reported comment's `id` in this dump, or null for a post report. */
    commentId: z.string().nullable(),
    lemmyPostId: z.number().int(),
    /** The reporter's words. */
    reason: z.string(),
    reporter: Author.nullable(),
    /** ISO 8601 time of the report, when known. */
    published: z.string().nullable(),
  })
  .meta({ description: 'An open report on a comment or post.' });
export type Report = z.infer<typeof Report>;

/** A modlog entry about a member in this community (their comment removed or restored, a ban or unban). */
export const ModlogEntry = z
  .object({
    kind: z.enum(['comment-removed', 'comment-restored', 'banned', 'unbanned']),
    /** The member the entry is about. */
    lemmyPersonId: z.number().int(),
    at: z.string().nullable(),
    reason: z.string().nullable(),
    lemmyCommentId: z.number().int().nullable(),
    /** When a ban ends; null for permanent bans and other entries. */
    expires: z.string().nullable(),
  })
  .meta({ description: "An entry of the community's modlog about a member." });
export type ModlogEntry = z.infer<typeof ModlogEntry>;

export const DumpFormat = z.enum(['lemmy-text', 'lemmy-json']);
export type DumpFormat = z.infer<typeof DumpFormat>;

export const Dump = z
  .object({
    format: DumpFormat,
    /** One entry per post; an API comment list can span several posts. */
    posts: z.array(Thread),
    /** Open reports, when the dump was fetched with `--reports`. */
    reports: z.array(Report).optional(),
    /** Modlog entries about the reported members, when fetched with `--reports`. */
    modlog: z.array(ModlogEntry).optional(),
  })
  .meta({
    title: 'threadmod thread dump',
    description: 'Output of `threadmod tree --json`: the reply trees rebuilt from a Lemmy dump.',
  });
export type Dump = z.infer<typeof Dump>;

/** A comment with every field at its neutral value, for parsers to fill in. */
// Defined without zod (the page-text parser and `tree` load no zod); re-exported here for everyone else.
export { blankComment, emptyPost } from './blank.js';
