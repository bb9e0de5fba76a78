/**
 * Bulk removals: a comment with all its replies (`R`), or every comment of
 * its author in the dump (`D`). The moderator confirms in the ordinary
 * removal form, whose title says how many comments it covers; the journal
 * records one decision per comment, sharing a batch, so one undo takes the
 * whole removal back.
 */
import type { DecisionInput } from '../../decisions/schema.js';
import type { Rule } from '../../flag/rules-schema.js';
import { subtreeEnd } from '../../thread/tree.js';
import type { Comment } from '../../thread/schema.js';
import { evidenceList, scoresOf, type Subject } from './form.js';
import { commentsBy } from './member.js';
import { threadIndex, type ThreadIndex } from './thread-index.js';
import type { ReviewState } from './types.js';

export type BulkKind = 'replies' | 'author';

/** The comments a bulk removal covers: the selected one first, then the others in reading order. */
export interface BulkScope {
  readonly kind: BulkKind;
  readonly ids: readonly string[];
}

/**
 * What `kind` covers from `comment`. Left out: missing comments (no text to
 * act on) and comments this moderator has already removed (nothing to add,
 * and no second request to Lemmy).
 */
export function bulkScope(state: ReviewState, comment: Comment, kind: BulkKind): BulkScope {
  const index = threadIndex(state.thread);
  const others = (kind === 'replies' ? repliesOf(index, comment) : commentsBy(index, comment)).filter(
    (c) => c.id !== comment.id && !c.placeholder && state.decisions.active.get(c.id)?.action !== 'remove',
  );
  return { kind, ids: [comment.id, ...others.map((c) => c.id)] };
}

function repliesOf(index: ThreadIndex, comment: Comment): readonly Comment[] {
  const start = index.order.get(comment.id);
  if (start === undefined) return [];
  return index.comments.slice(start + 1, subtreeEnd(index.comments, start));
}

/** How the form's title and the notices name what a bulk removal covers. */
export function bulkText(scope: BulkScope, who: string): string {
  const others = scope.ids.length - 1;
  const total = `${scope.ids.length} comment${scope.ids.length === 1 ? '' : 's'}`;
  return scope.kind === 'replies'
    ? `${who}'s comment and its ${others} repl${others === 1 ? 'y' : 'ies'} (${total})`
    : `all ${total} by ${who} in this dump`;
}

/** Why a bulk key does nothing here, or null when it covers more than the selected comment. */
export function bulkRefusal(scope: BulkScope, comment: Comment): string | null {
  if (scope.ids.length > 1) return null;
  if (scope.kind === 'replies') return 'no replies to remove with this comment (r removes it alone)';
  if (comment.author === null)
    return 'this comment has no author (deleted, anonymous, or a page-text dump without author lines)';
  return 'no other comment by this author left to remove here (r removes this one)';
}

/**
 * The journal inputs of an accepted bulk removal: the form's own decision for
 * the selected comment, then the same rule and reason for each other comment,
 * with that comment's own evidence and scores.
 */
export function bulkInputs(
  root: DecisionInput,
  scope: BulkScope,
  subjectOf: (id: string) => Subject | null,
  rule: Rule | undefined,
): DecisionInput[] {
  const inputs = [root];
  for (const id of scope.ids.slice(1)) {
    const subject = subjectOf(id);
    if (subject === null) continue;
    inputs.push({
      commentId: id,
      action: root.action,
      ruleId: root.ruleId,
      reason: root.reason,
      evidence: evidenceList(subject, rule),
      scores: scoresOf(subject),
    });
  }
  return inputs;
}
