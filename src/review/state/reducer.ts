/**
 * The review session as a pure state machine: `(state, action) -> state`.
 * Keys arrive as data and are interpreted by mode; anything that touches the
 * outside world (journal writes, export, quitting) is requested as a
 * `pending` effect that the app runs and answers with `effect-done`. Keys
 * typed while an effect runs wait in `typeahead` and are replayed in order
 * afterwards, so typing ahead is safe: `a` after `r⏎` approves the comment
 * the removal moved to, never the one being removed.
 */
import type { Rule } from '../../flag/rules-schema.js';
import type { Thread } from '../../thread/schema.js';
import { afterEffect } from './after-effect.js';
import { onKey, pin } from './keys.js';
import { addFlags, buildRows } from './queue.js';
import { threadIndex } from './thread-index.js';
import type { Mode, ReviewAction, ReviewState } from './types.js';

export interface InitialOptions {
  readonly thread: Thread;
  readonly rules: readonly Rule[];
  readonly pageSize?: number;
}

const BROWSE: Mode = { kind: 'browse' };

export function initialState(options: InitialOptions): ReviewState {
  return {
    thread: options.thread,
    rules: options.rules,
    rulesById: new Map(options.rules.map((r) => [r.id, r])),
    rows: [],
    analyses: new Map(),
    decisions: { active: new Map(), undo: 0, redo: 0 },
    journalReady: false,
    scorer: null,
    phase: { kind: 'loading', status: 'starting…' },
    view: 'queue',
    mode: BROWSE,
    filter: '',
    queueSel: null,
    threadSel: null,
    pageSize: options.pageSize ?? 10,
    pending: null,
    typeahead: [],
    nextEffectId: 1,
    notice: null,
    warnings: [],
    memberView: false,
    contextScroll: null,
  };
}

export function reviewReducer(state: ReviewState, action: ReviewAction): ReviewState {
  switch (action.type) {
    case 'key':
      if (state.pending) return { ...state, typeahead: [...state.typeahead, action.key] };
      return onKey(state, action.key);
    case 'status':
      return state.phase.kind === 'loading' ? { ...state, phase: { kind: 'loading', status: action.message } } : state;
    case 'warning':
      if (state.warnings.includes(action.message)) return state;
      // Kept for the `?` screen in full; the footer keeps its key hints and only counts them.
      return { ...state, warnings: [...state.warnings, action.message] };
    case 'journal-opened':
      return {
        ...state,
        scorer: action.scorer,
        decisions: action.snapshot,
        journalReady: true,
        phase: { kind: 'scanning', done: 0, total: 0 },
      };
    case 'flags-found':
      return { ...state, rows: addFlags(state.rows, action.flags, threadIndex(state.thread)) };
    case 'scan-progress':
      return state.phase.kind === 'ready'
        ? state
        : { ...state, phase: { kind: 'scanning', done: action.done, total: action.total } };
    case 'scan-done':
      return pin({
        ...state,
        rows: buildRows(action.flags, threadIndex(state.thread)),
        analyses: action.analyses,
        phase: { kind: 'ready' },
      });
    case 'effect-done':
      return state.pending?.id === action.id
        ? replayTypeahead(afterEffect(state, state.pending, action.result))
        : state;
    case 'effect-failed': {
      const pending = state.pending;
      if (pending?.id !== action.id) return state;
      const dropped = state.typeahead.length;
      const tail = dropped > 0 ? ` (${dropped} key${dropped === 1 ? '' : 's'} typed meanwhile ignored)` : '';
      return {
        ...state,
        pending: null,
        typeahead: [],
        mode: pending.restore,
        notice: { level: 'error', text: `not saved: ${action.message}${tail}` },
      };
    }
    case 'resize':
      return action.pageSize === state.pageSize ? state : { ...state, pageSize: Math.max(1, action.pageSize) };
    case 'help-extent': {
      const mode = state.mode;
      if (mode.kind !== 'help' || mode.max === action.max) return state;
      return { ...state, mode: { ...mode, max: action.max, offset: Math.min(mode.offset, action.max) } };
    }
    case 'context-extent': {
      const { id, min, max, step } = action;
      const previous = state.contextScroll;
      const offset = previous?.id === id ? Math.min(max, Math.max(min, previous.offset)) : 0;
      if (
        previous?.id === id &&
        previous.offset === offset &&
        previous.min === min &&
        previous.max === max &&
        previous.step === step
      )
        return state;
      return { ...state, contextScroll: { id, offset, min, max, step } };
    }
  }
}

function replayTypeahead(state: ReviewState): ReviewState {
  let next: ReviewState = { ...state, typeahead: [] };
  for (const [i, stroke] of state.typeahead.entries()) {
    if (next.pending) return { ...next, typeahead: [...next.typeahead, ...state.typeahead.slice(i)] };
    next = onKey(next, stroke);
  }
  return next;
}
