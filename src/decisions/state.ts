/**
 * What the journal's entries add up to: the decision in force per comment
 * and the undo and redo stacks. Pure: no I/O, so the journal, the review UI
 * and the export all replay entries the same way.
 *
 * The decisions in force are exactly those on the undo stack; a comment's
 * current decision is the latest of them on that comment. So undoing a
 * second decision on a comment brings back the first, and undoing the first
 * leaves the comment undecided.
 */
import type { Decision, DroppedDecision, JournalDump, JournalEntry } from './schema.js';

/** A decision that did not carry over to a later dump, with why (see `JournalDump`). */
export interface Dropped {
  readonly decision: Decision;
  readonly why: DroppedDecision['why'];
  /** For `text-changed`: the edited comment's id in the current dump. */
  readonly now: string | null;
}

export interface DecisionState {
  /** commentId -> the decision currently in force. */
  readonly active: ReadonlyMap<string, Decision>;
  /** Seqs of the decisions in force, oldest first; `undo` reverts the last. */
  readonly undoStack: readonly number[];
  /** Seqs of undone decisions, the most recently undone last; `redo` re-applies the last. */
  readonly redoStack: readonly number[];
  /** Every decision ever recorded, undone or not, in journal order. */
  readonly history: readonly Decision[];
  /** seq -> decision, for every decision in `history`. */
  readonly bySeq: ReadonlyMap<number, Decision>;
  /** The highest seq recorded so far (0 for none); the next entry takes `lastSeq + 1`. */
  readonly lastSeq: number;
  /** Decisions left behind by `dump` entries (comment edited or gone), oldest first. */
  readonly dropped: readonly Dropped[];
}

/** An entry that does not follow from the state before it (a journal edited by hand, or a bug). */
export class StateError extends Error {
  override readonly name = 'StateError';
  /** Set by `replay`: the position of the offending entry in its input. */
  index: number | null = null;
}

export function emptyState(): DecisionState {
  return { active: new Map(), undoStack: [], redoStack: [], history: [], bySeq: new Map(), lastSeq: 0, dropped: [] };
}

/** The state after one more entry. `open` entries leave it unchanged. Throws StateError on an inconsistent entry. */
export function applyEntry(state: DecisionState, entry: JournalEntry): DecisionState {
  const draft = toDraft(state);
  applyToDraft(draft, entry);
  return draft;
}

/** The state after all `entries`, in order. A StateError says which entry (`index`) did not follow. */
export function replay(entries: Iterable<JournalEntry>): DecisionState {
  const draft = toDraft(emptyState());
  let index = 0;
  for (const entry of entries) {
    try {
      applyToDraft(draft, entry);
    } catch (error) {
      if (error instanceof StateError) error.index = index;
      throw error;
    }
    index++;
  }
  return draft;
}

/** The decision that `undo` would revert, or null. */
export function nextUndo(state: DecisionState): Decision | null {
  const seq = state.undoStack.at(-1);
  return seq === undefined ? null : (state.bySeq.get(seq) ?? null);
}

/** The decision that `redo` would re-apply, or null. */
export function nextRedo(state: DecisionState): Decision | null {
  const seq = state.redoStack.at(-1);
  return seq === undefined ? null : (state.bySeq.get(seq) ?? null);
}

/** What `undo` reverts, most recent first: the top decision and, for a bulk action, the rest of its batch. */
export function nextUndoBatch(state: DecisionState): Decision[] {
  return batchAtTop(state.undoStack, state);
}

/** What `redo` re-applies, most recently undone first: a decision, or a bulk action's whole batch. */
export function nextRedoBatch(state: DecisionState): Decision[] {
  return batchAtTop(state.redoStack, state);
}

function batchAtTop(stack: readonly number[], state: DecisionState): Decision[] {
  const out: Decision[] = [];
  for (let i = stack.length - 1; i >= 0; i--) {
    const decision = state.bySeq.get(stack[i]!)!;
    if (out.length > 0 && (out[0]!.batch === undefined || decision.batch !== out[0]!.batch)) break;
    out.push(decision);
  }
  return out;
}

interface Draft {
  active: Map<string, Decision>;
  undoStack: number[];
  redoStack: number[];
  history: Decision[];
  bySeq: Map<number, Decision>;
  lastSeq: number;
  dropped: Dropped[];
}

// Copying once per entry keeps `applyEntry` pure; `replay` copies only once.
function toDraft(state: DecisionState): Draft {
  return {
    active: new Map(state.active),
    undoStack: [...state.undoStack],
    redoStack: [...state.redoStack],
    history: [...state.history],
    bySeq: new Map(state.bySeq),
    lastSeq: state.lastSeq,
    dropped: [...state.dropped],
  };
}

function applyToDraft(draft: Draft, entry: JournalEntry): void {
  if (entry.type === 'open') return;
  if (entry.seq <= draft.lastSeq) {
    throw new StateError(`entry seq ${entry.seq} does not follow seq ${draft.lastSeq}`);
  }
  draft.lastSeq = entry.seq;
  switch (entry.type) {
    case 'decide': {
      const decision: Decision = { ...entry.decision, seq: entry.seq, decidedAt: entry.at };
      if (entry.comment) decision.comment = entry.comment;
      draft.history.push(decision);
      draft.bySeq.set(entry.seq, decision);
      draft.undoStack.push(entry.seq);
      draft.redoStack.length = 0;
      draft.active.set(decision.commentId, decision);
      return;
    }
    case 'undo': {
      const top = draft.undoStack.at(-1);
      if (top !== entry.of) {
        throw new StateError(`undo of seq ${entry.of}, but the last decision in force is ${top ?? 'none'}`);
      }
      draft.undoStack.pop();
      draft.redoStack.push(entry.of);
      refreshComment(draft, draft.bySeq.get(entry.of)!.commentId);
      return;
    }
    case 'redo': {
      const top = draft.redoStack.at(-1);
      if (top !== entry.of) {
        throw new StateError(`redo of seq ${entry.of}, but the last undone decision is ${top ?? 'none'}`);
      }
      draft.redoStack.pop();
      draft.undoStack.push(entry.of);
      refreshComment(draft, draft.bySeq.get(entry.of)!.commentId);
      return;
    }
    case 'dump':
      applyDump(draft, entry);
      return;
  }
}

/**
 * Moves the decisions open to undo or redo into the new dump's comment ids;
 * those on edited or vanished comments leave both stacks (nothing can
 * bring them back into force on words nobody decided on) for `dropped`.
 */
function applyDump(draft: Draft, entry: JournalDump): void {
  const vanished = new Set(entry.vanished);
  const position = new Map(draft.history.map((d, i) => [d.seq, i]));
  const keep = (seq: number): boolean => {
    const decision = draft.bySeq.get(seq);
    if (!decision) throw new StateError(`dump line names seq ${seq}, which is no decision`);
    const changed = entry.changed[seq];
    if (changed !== undefined || vanished.has(seq)) {
      draft.dropped.push({ decision, why: changed !== undefined ? 'text-changed' : 'vanished', now: changed ?? null });
      return false;
    }
    const moved = entry.moved[seq];
    if (moved !== undefined && moved !== decision.commentId) {
      const renamed = { ...decision, commentId: moved };
      draft.bySeq.set(seq, renamed);
      draft.history[position.get(seq)!] = renamed;
    }
    return true;
  };
  draft.undoStack = draft.undoStack.filter(keep);
  draft.redoStack = draft.redoStack.filter(keep);
  draft.active.clear();
  for (const seq of draft.undoStack) {
    const decision = draft.bySeq.get(seq)!;
    draft.active.set(decision.commentId, decision);
  }
}

/** Sets a comment's current decision to the latest one in force on it, or clears it. */
function refreshComment(draft: Draft, commentId: string): void {
  for (let i = draft.undoStack.length - 1; i >= 0; i--) {
    const decision = draft.bySeq.get(draft.undoStack[i]!)!;
    if (decision.commentId === commentId) {
      draft.active.set(commentId, decision);
      return;
    }
  }
  draft.active.delete(commentId);
}
