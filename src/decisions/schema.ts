/**
 * The moderator's decisions: what one decision holds, the lines of the
 * crash-safe journal (`<dump>.decisions.jsonl`), and the exported decisions
 * file. `schema/decisions.schema.json` is generated from `DecisionsFile`
 * (`npm run schema`), so its fields are a published contract: add, never rename.
 */
import { z } from 'zod';
import { Evidence } from '../flag/flag-schema.js';
import { Label } from '../flag/labels.js';
import { Author, Community, DumpFormat } from '../thread/schema.js';
import { LemmyRequest } from '../lemmy-api/requests.js';
import { ACTION_NAMES, type ActionName } from './actions.js';

/** The actions of src/decisions/actions.ts, in its order. */
export const Action = z.enum(ACTION_NAMES);
export type Action = z.infer<typeof Action>;

/** What the reviewer decides about one comment; the journal adds `seq` and the time. */
export const DecisionInput = z.object({
  commentId: z.string(),
  action: Action,
  /** The rule cited, or null (approve, skip, or a removal for no listed rule). */
  ruleId: z.string().nullable(),
  /**
   * Every rule that flagged the comment when the decision was made, most severe
   * first: the flags an approval clears. Absent for comments nothing flagged.
   */
  flaggedRuleIds: z.array(z.string()).optional(),
  /** The removal reason as the moderator would post it. */
  reason: z.string(),
  evidence: z.array(Evidence),
  /** The comment's label scores when the decision was made, or null when none were computed. */
  scores: z.record(Label, z.number()).nullable(),
  /** Ban length in days; null or absent means a permanent ban. Only meaningful for `ban`. */
  banDays: z.number().int().positive().nullable().optional(),
  /** For `warn`: the reply drafted to the comment's author. */
  message: z.string().optional(),
  /**
   * Bulk actions (a comment with its replies, every comment of an author):
   * the seq of the batch's first decision, the same on every decision of the
   * batch. Undo and redo take a batch whole. Absent for a single decision.
   */
  batch: z.number().int().positive().optional(),
});
export type DecisionInput = z.infer<typeof DecisionInput>;

/**
 * The comment a decision is on, as it was when decided (see
 * src/decisions/comment-identity.ts): what lets the decision follow the
 * comment into a later dump of the thread, and notice an edit.
 */
export const CommentStamp = z.object({
  /** `ap:<ap_id>` for API dumps; `text:<hash of author, parent and text>` for page text. */
  key: z.string(),
  /** Hash of the comment's text as decided on (white space normalised). */
  text: z.string(),
  /** `name@instance` of the author, or null. */
  author: z.string().nullable(),
  /** Hash of the parent's author and text, or `post` for a top-level comment. */
  parent: z.string(),
});
export type CommentStamp = z.infer<typeof CommentStamp>;

/**
 * A decision as recorded: `seq` is its journal sequence number, `decidedAt`
 * an ISO time, `comment` the comment's identity (absent in journals written
 * before threadmod recorded it).
 */
export type Decision = DecisionInput & { seq: number; decidedAt: string; comment?: CommentStamp };

/** Which dump a journal or export belongs to; the sha256 is of the dump's bytes. */
export const DumpRef = z.object({
  file: z.string(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'a hex SHA-256 digest'),
  format: DumpFormat,
});
export type DumpRef = z.infer<typeof DumpRef>;

/** Same fields as `ScorerInfo` in src/flag/scorer.ts. */
export const ScorerRef = z.object({
  name: z.string(),
  backend: z.string().nullable(),
  model: z.string().nullable(),
});
export type ScorerRef = z.infer<typeof ScorerRef>;

export const RulesRef = z.object({
  /** The rules file used, or null for the built-in rules. */
  file: z.string().nullable(),
  ids: z.array(z.string()),
});
export type RulesRef = z.infer<typeof RulesRef>;

/**
 * The journal format this code writes. Version 2 adds comment identities and
 * `dump` lines; version 1 journals are read as they are.
 */
export const JOURNAL_VERSION = 2;
export const READABLE_JOURNAL_VERSIONS: readonly number[] = [1, 2];

const seq = z.number().int().positive();
const isoTime = z.iso.datetime({ offset: true });

/** First line of every journal: what the decisions are about and who made them. */
export const JournalOpen = z.object({
  type: z.literal('open'),
  /** Checked in code rather than by a literal so a newer journal gets a clear message. */
  version: z.number().int(),
  /** When the journal was started. */
  at: isoTime.optional(),
  dump: DumpRef,
  moderator: z.string(),
  scorer: ScorerRef,
  rules: RulesRef,
  /** Short hashes of the dump's comment identities, to tell new comments in a later dump (version 2). */
  comments: z.array(z.string()).optional(),
  /** Short hashes of the dump's posts, to tell a later dump of the same thread from another thread (version 2). */
  posts: z.array(z.string()).optional(),
});
export type JournalOpen = z.infer<typeof JournalOpen>;

export const JournalDecide = z.object({
  type: z.literal('decide'),
  seq,
  at: isoTime,
  decision: DecisionInput,
  /** The comment decided on (version 2). */
  comment: CommentStamp.optional(),
});
export type JournalDecide = z.infer<typeof JournalDecide>;

/** Reverts decision `of` (always the most recent one not yet undone). */
export const JournalUndo = z.object({ type: z.literal('undo'), seq, at: isoTime, of: seq });
export type JournalUndo = z.infer<typeof JournalUndo>;

/** Re-applies decision `of` (always the most recently undone one). */
export const JournalRedo = z.object({ type: z.literal('redo'), seq, at: isoTime, of: seq });
export type JournalRedo = z.infer<typeof JournalRedo>;

/**
 * From here on the journal's comment ids are those of another dump of the
 * same thread (re-fetched, or copied again): what happened to each earlier
 * decision still open to undo or redo, by seq (src/decisions/carry-over.ts).
 * Decisions not named keep their comment id.
 */
export const JournalDump = z.object({
  type: z.literal('dump'),
  seq,
  at: isoTime,
  dump: DumpRef,
  comments: z.array(z.string()),
  posts: z.array(z.string()),
  /** seq -> the comment's id in this dump, where it differs. */
  moved: z.record(z.string(), z.string()),
  /** seq -> the comment whose text changed since the decision: the decision is no longer in force. */
  changed: z.record(z.string(), z.string()),
  /** Seqs of decisions whose comment is not in this dump: no longer in force. */
  vanished: z.array(seq),
});
export type JournalDump = z.infer<typeof JournalDump>;

export const JournalEntry = z.discriminatedUnion('type', [
  JournalOpen,
  JournalDecide,
  JournalUndo,
  JournalRedo,
  JournalDump,
]);
export type JournalEntry = z.infer<typeof JournalEntry>;

/** One exported decision: the decision plus where the comment is, on the page and in Lemmy. */
export const ExportedDecision = z.object({
  commentId: z.string(),
  /** Lemmy's comment id; null for page-text dumps. */
  lemmyCommentId: z.number().int().nullable(),
  /** Lemmy's post id of the comment; null for page-text dumps. */
  lemmyPostId: z.number().int().nullable(),
  /** The comment's ActivityPub id; null for page-text dumps. */
  apId: z.string().nullable(),
  /** Comment ids from the top-level ancestor down to this comment. */
  path: z.array(z.string()),
  author: Author.nullable(),
  action: Action,
  ruleId: z.string().nullable(),
  /** Every rule that flagged the comment (an approval clears them all); absent when nothing flagged it. */
  flaggedRuleIds: z.array(z.string()).optional(),
  reason: z.string(),
  evidence: z.array(Evidence),
  scores: z.record(Label, z.number()).nullable(),
  decidedAt: isoTime,
  /** Bans only: days, or null for a permanent ban. */
  banDays: z.number().int().positive().nullable().optional(),
  /** Warnings only: the reply to the author. */
  message: z.string().optional(),
  /**
   * With `--lemmy`, for comments that have a Lemmy id: the API calls that
   * carry the decision out, in order (empty when there is nothing to send).
   */
  lemmy: z.array(LemmyRequest).optional(),
});
export type ExportedDecision = z.infer<typeof ExportedDecision>;

export const ExportedPost = z.object({
  title: z.string().nullable(),
  lemmyPostId: z.number().int().nullable(),
  apId: z.string().nullable(),
  community: Community.nullable(),
});
export type ExportedPost = z.infer<typeof ExportedPost>;

/** A decision made on an earlier dump of the thread that does not carry over to this one. */
export const DroppedDecision = z.object({
  /** The comment's id in the dump it was decided on. */
  commentId: z.string(),
  action: Action,
  ruleId: z.string().nullable(),
  reason: z.string(),
  decidedAt: isoTime,
  /** `text-changed`: the comment was edited since; `vanished`: it is not in this dump. */
  why: z.enum(['text-changed', 'vanished']),
  /** For `text-changed`: the comment's id in this dump (decide on it again). */
  now: z.string().nullable(),
});
export type DroppedDecision = z.infer<typeof DroppedDecision>;

const count = z.number().int().nonnegative();
const perAction = Object.fromEntries(ACTION_NAMES.map((a) => [a, count])) as Record<ActionName, typeof count>;

export const DecisionsFile = z
  .object({
    version: z.literal(1),
    source: DumpRef,
    /**
     * The Lemmy instance (`https://host[:port]`) the dump was fetched from, or
     * null when the dump does not say (page text, API JSON saved by hand).
     * Lemmy ids are per instance: `apply` refuses any other. Absent in files
     * written before threadmod recorded it.
     */
    instance: z.string().nullable().optional(),
    /**
     * The dump's (first) post. A Lemmy comment list can span several posts;
     * each decision then names its own post by `lemmyPostId`.
     */
    post: ExportedPost,
    moderator: z.string(),
    scorer: ScorerRef,
    rules: RulesRef,
    /** The decisions in force (undone ones are left out), in the thread's reading order. */
    decisions: z.array(ExportedDecision),
    /**
     * Decisions made on an earlier dump of the thread whose comment was
     * edited or is gone in this one: not exported as decisions, listed so
     * nothing is lost silently. Absent in files written before threadmod
     * carried decisions over.
     */
    dropped: z.array(DroppedDecision).optional(),
    /** Number of decisions per action. */
    summary: z.object(perAction),
  })
  .meta({
    title: 'threadmod decisions',
    description:
      "Output of `threadmod export`: a moderator's decisions on a Lemmy thread, optionally with the Lemmy API calls.",
  });
export type DecisionsFile = z.infer<typeof DecisionsFile>;
