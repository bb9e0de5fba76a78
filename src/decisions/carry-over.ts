/**
 * Carrying decisions over to a new dump of the same thread (a `fetch
 * --force`, or page text copied again with more comments). Each decision
 * still open to undo or redo is looked up by the identity recorded with it
 * (comment-identity.ts):
 *
 * - found with the same text: carried over, under the comment's id in the
 *   new dump (which may differ: page-text ids are line numbers);
 * - found with other text: the comment was edited since the decision; the
 *   decision is dropped from force and reported, never applied silently;
 * - not found: the comment vanished (deleted, or not in this copy); reported.
 *
 * Page text has no ids, so a comment is first looked up by its fingerprint,
 * then by author and text (its parent was edited), then by author and parent
 * (its own text was edited); each fallback needs exactly one candidate.
 * A removed or deleted comment whose text the dump no longer shows counts as
 * unchanged: its text is hidden, not edited.
 */
import type { CommentStamp, IdentityIndex } from './comment-identity.js';
import { textHash } from './comment-identity.js';
import type { Decision } from './schema.js';

/** What a new dump does to the decisions: keyed by the decision's seq. */
export interface CarryOver {
  /** seq -> the comment's id in the new dump, for decisions whose comment id changed. */
  readonly moved: Readonly<Record<string, string>>;
  /** seq -> the id of the comment whose text changed since the decision. */
  readonly changed: Readonly<Record<string, string>>;
  /** Seqs of decisions whose comment is not in the new dump. */
  readonly vanished: readonly number[];
}

type Found = { readonly id: string; readonly same: boolean } | null;

/**
 * Looks up every decision in `decisions` (each with its `comment` stamp) in
 * the new dump. Decisions without a stamp are not looked up (the caller
 * refuses journals that have them).
 */
export function carryOver(decisions: Iterable<Decision>, index: IdentityIndex): CarryOver {
  const moved: Record<string, string> = {};
  const changed: Record<string, string> = {};
  const vanished: number[] = [];
  const byAuthor = groupByAuthor(index);
  for (const decision of decisions) {
    const stamp = decision.comment;
    if (!stamp) continue;
    const found = lookUp(stamp, index, byAuthor);
    if (found === null) vanished.push(decision.seq);
    else if (!found.same) changed[decision.seq] = found.id;
    else if (found.id !== decision.commentId) moved[decision.seq] = found.id;
  }
  return { moved, changed, vanished };
}

function lookUp(stamp: CommentStamp, index: IdentityIndex, byAuthor: Map<string, string[]>): Found {
  const id = index.byKey.get(stamp.key);
  if (id !== undefined) return { id, same: sameText(stamp, id, index) };
  // An API comment is its ap_id: another comment with the same words is another comment.
  if (!stamp.key.startsWith('text:')) return null;
  const mine = byAuthor.get(stamp.author ?? '') ?? [];
  const sameWords = mine.filter((c) => index.byId.get(c)!.text === stamp.text);
  if (sameWords.length === 1) return { id: sameWords[0]!, same: true };
  const sameParent = mine.filter((c) => index.byId.get(c)!.parent === stamp.parent);
  if (sameParent.length === 1) return { id: sameParent[0]!, same: false };
  return null;
}

const BLANK = textHash('');

function sameText(stamp: CommentStamp, id: string, index: IdentityIndex): boolean {
  const now = index.byId.get(id)!;
  return now.text === stamp.text || (now.text === BLANK && index.hidden.has(id));
}

function groupByAuthor(index: IdentityIndex): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [id, stamp] of index.byId) {
    const list = out.get(stamp.author ?? '');
    if (list) list.push(id);
    else out.set(stamp.author ?? '', [id]);
  }
  return out;
}
