/**
 * What a finished effect does to the session: the journal's new decisions,
 * the selection moving on (or back, for undo and redo) and the notice that
 * says what happened.
 */
import type { Decision } from '../../decisions/schema.js';
import { ACTIONS } from '../../decisions/actions.js';
import { durationText } from './marks.js';
import { info } from './notice.js';
import { rowPositions } from './queue.js';
import { ruleLabel } from './row-lines.js';
import { firstUndecided, nextUndecided, visibleRows } from './selectors.js';
import { authorLabel, threadIndex } from './thread-index.js';
import type { EffectResult, PendingEffect, ReviewState } from './types.js';

export function afterEffect(state: ReviewState, pending: PendingEffect, result: EffectResult): ReviewState {
  const done: ReviewState = { ...state, pending: null };
  if (result.kind === 'exported') {
    const n = result.count;
    return info(done, `exported ${n} decision${n === 1 ? '' : 's'} to ${result.file}`);
  }
  if (result.kind !== 'decisions') return done;
  const effect = pending.effect;
  const next = { ...done, decisions: result.snapshot };
  if (effect.kind === 'decide') return afterDecision(next, pending, effect.input.commentId);
  if (effect.kind === 'decide-batch') return afterDecision(next, pending, effect.inputs[0]!.commentId, effect.label);
  const changed = changedComments(state.decisions.active, result.snapshot.active);
  const first = changed[0];
  if (first === undefined) return info(next, `nothing to ${effect.kind}`);
  const decision = (effect.kind === 'undo' ? state.decisions.active : result.snapshot.active).get(first);
  // A bulk removal comes back or goes as a whole: say how many comments.
  const whom = changed.length > 1 ? `${changed.length} comments` : describe(state, first);
  const what = decision ? `${decision.action} of ${whom}` : whom;
  return info(select(next, first), `${effect.kind === 'undo' ? 'undone' : 'redone'}: ${what}`);
}

/** After a decision the queue moves on to the next undecided flag; the thread view to the next comment. */
function afterDecision(state: ReviewState, pending: PendingEffect, commentId: string, bulk?: string): ReviewState {
  const decision = state.decisions.active.get(commentId);
  const spec = decision ? ACTIONS[decision.action] : null;
  // An action taken without a form (skip) cites no rule; one against the author names the author.
  const rule = decision?.ruleId && spec?.form ? ` (${ruleLabel(decision.ruleId, state.rulesById)})` : '';
  const who = spec?.needsAuthor ? describeAuthor(state, commentId) : describe(state, commentId);
  const duration = decision ? durationText(decision.action, decision.banDays, false) : '';
  const said = `${spec?.pastTense ?? 'decided'} ${bulk ?? who}${duration}${rule}`;
  if (pending.view === 'thread') {
    const comments = state.thread.comments;
    const at = threadIndex(state.thread).order.get(commentId);
    const next = at === undefined ? undefined : comments[at + 1];
    return info({ ...state, threadSel: next?.id ?? commentId }, said);
  }
  const rows = visibleRows(state);
  const at = rowPositions(rows).get(commentId);
  const next =
    at === undefined ? firstUndecided(rows, state.decisions.active) : nextUndecided(rows, at, state.decisions.active);
  if (next === undefined) return info({ ...state, queueSel: commentId }, `${said} · every flag has a decision`);
  return info({ ...state, queueSel: next.id }, said);
}

/** Selects a comment in the current view when it is there (undo and redo go back to what changed). */
function select(state: ReviewState, id: string): ReviewState {
  if (state.view === 'thread') return { ...state, threadSel: id };
  return rowPositions(visibleRows(state)).has(id) ? { ...state, queueSel: id } : { ...state, threadSel: id };
}

/** Comments whose decision in force differs between the two snapshots. */
function changedComments(before: ReadonlyMap<string, Decision>, after: ReadonlyMap<string, Decision>): string[] {
  const out: string[] = [];
  for (const [id, decision] of after) if (before.get(id)?.seq !== decision.seq) out.push(id);
  for (const id of before.keys()) if (!after.has(id)) out.push(id);
  return out;
}

function describe(state: ReviewState, commentId: string): string {
  const comment = threadIndex(state.thread).byId.get(commentId);
  return comment ? `${authorLabel(comment)}'s comment` : `comment ${commentId}`;
}

function describeAuthor(state: ReviewState, commentId: string): string {
  const comment = threadIndex(state.thread).byId.get(commentId);
  return comment ? authorLabel(comment) : `the author of ${commentId}`;
}
