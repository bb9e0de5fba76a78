/**
 * What the screen shows, derived from the state: the visible queue, the
 * selected comment, the counts. Each is cached on the arrays and maps it
 * reads, which the reducer replaces (never mutates), so a key press that
 * only moves the selection recomputes nothing.
 */
import type { Decision } from '../../decisions/schema.js';
import { filterRows, rowPositions, type QueueRow } from './queue.js';
import { threadIndex } from './thread-index.js';
import type { ReviewState } from './types.js';
import { zeroPerAction } from '../../decisions/actions.js';
import type { Action } from '../../decisions/schema.js';

export function visibleRows(state: ReviewState): readonly QueueRow[] {
  return filterRows(state.rows, state.filter, state.rulesById);
}

export function firstUndecided(rows: readonly QueueRow[], active: ReadonlyMap<string, Decision>): QueueRow | undefined {
  return rows.find((row) => !active.has(row.id));
}

/** The next row without a decision after `from`, wrapping around; undefined when all are decided. */
export function nextUndecided(
  rows: readonly QueueRow[],
  from: number,
  active: ReadonlyMap<string, Decision>,
): QueueRow | undefined {
  for (let step = 1; step <= rows.length; step++) {
    const row = rows[(from + step) % rows.length]!;
    if (!active.has(row.id)) return row;
  }
  return undefined;
}

/** The queue's selection: the pinned comment if visible, else the first undecided row. */
export function selectedQueueId(state: ReviewState): string | null {
  const rows = visibleRows(state);
  if (rows.length === 0) return null;
  if (state.queueSel !== null && rowPositions(rows).has(state.queueSel)) return state.queueSel;
  return (firstUndecided(rows, state.decisions.active) ?? rows[0]!).id;
}

export function selectedThreadId(state: ReviewState): string | null {
  return state.threadSel ?? selectedQueueId(state) ?? state.thread.comments[0]?.id ?? null;
}

/** The comment the context pane shows and actions apply to. */
export function selectedId(state: ReviewState): string | null {
  return state.view === 'queue' ? selectedQueueId(state) : selectedThreadId(state);
}

/** Index of the selection in the current list (visible rows, or the whole thread). */
export function selectedIndex(state: ReviewState): number {
  const id = selectedId(state);
  if (id === null) return 0;
  const index =
    state.view === 'queue' ? rowPositions(visibleRows(state)).get(id) : threadIndex(state.thread).order.get(id);
  return index ?? 0;
}

/** Queue progress, and the decisions in force per action. */
export type Counts = Readonly<Record<Action, number>> & {
  readonly flagged: number;
  /** Flagged comments with a decision. */
  readonly decided: number;
  readonly left: number;
  /** Decisions on comments the flagger did not flag (made in the thread view). */
  readonly unflagged: number;
};

const countCache = new WeakMap<ReadonlyMap<string, Decision>, { rows: readonly QueueRow[]; counts: Counts }>();

export function counts(state: ReviewState): Counts {
  const active = state.decisions.active;
  const cached = countCache.get(active);
  if (cached?.rows === state.rows) return cached.counts;
  const positions = rowPositions(state.rows);
  const tally = zeroPerAction();
  let decided = 0;
  let unflagged = 0;
  for (const [id, decision] of active) {
    tally[decision.action]++;
    if (positions.has(id)) decided++;
    else unflagged++;
  }
  const result: Counts = {
    flagged: state.rows.length,
    decided,
    left: state.rows.length - decided,
    ...tally,
    unflagged,
  };
  countCache.set(active, { rows: state.rows, counts: result });
  return result;
}
