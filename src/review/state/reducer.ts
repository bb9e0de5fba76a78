/**
 * The review session as a pure state machine: `(state, action) -> state`.
 * Keys arrive as data and are interpreted by mode; anything that touches the
 * outside world (journal writes, export, quitting) is requested as a
 * `pending` effect that the app runs and answers with `effect-done`. Keys
 * typed while an effect runs wait in `typeahead` and are replayed in order
 * afterwards, so typing ahead is safe: `a` after `r⏎` approves the comment
 * the removal moved to, never the one being removed.
 */
import type { Decision } from '../../decisions/schema.js';
import type { Rule } from '../../flag/rules-schema.js';
import type { Thread } from '../../thread/schema.js';
import { BROWSE_COMMANDS, Command, TEXT_COMMANDS, resolve } from '../keymap.js';
import { isPrintable, type Keystroke } from '../keystroke.js';
import { changeRule, formInput, openForm, quickInput, type Subject } from './form.js';
import { ACTION_MARKS } from './marks.js';
import { addFlags, buildRows, rowPositions } from './queue.js';
import { ruleLabel } from './row-lines.js';
import { firstUndecided, nextUndecided, selectedId, selectedIndex, selectedQueueId, visibleRows } from './selectors.js';
import {
  cursorTo,
  deleteBack,
  deleteForward,
  deleteWord,
  insertText,
  moveCursor,
  textField,
  type TextField,
} from './text-field.js';
import { authorLabel, threadIndex } from './thread-index.js';
import type {
  DecisionForm,
  DecisionsSnapshot,
  Effect,
  EffectResult,
  FormAction,
  Mode,
  PendingEffect,
  ReviewAction,
  ReviewState,
} from './types.js';

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
      // Shown once in the footer; the status bar keeps what still matters (the scorer in use).
      return { ...state, warnings: [...state.warnings, action.message], notice: { level: 'warn', text: action.message } };
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
      return state.pending?.id === action.id ? replayTypeahead(afterEffect(state, state.pending, action.result)) : state;
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
  }
}

/**
 * Until the moderator presses a key (or scoring ends), the queue's selection
 * follows the most severe undecided flag as flags arrive; from then on it is
 * pinned to a comment, so arriving flags never move it under their fingers.
 */
function pin(state: ReviewState): ReviewState {
  if (state.queueSel !== null) return state;
  const id = selectedQueueId(state);
  return id === null ? state : { ...state, queueSel: id };
}

function onKey(state: ReviewState, stroke: Keystroke): ReviewState {
  switch (state.mode.kind) {
    case 'browse':
      return onBrowseKey(pin({ ...state, notice: null }), stroke);
    case 'help':
      return resolve(stroke, [Command.Cancel, Command.Help, Command.Quit]) ? { ...state, mode: BROWSE } : state;
    case 'filter':
      return onFilterKey(state, state.mode, stroke);
    case 'form':
      return onFormKey(state, state.mode, stroke);
  }
}

function onBrowseKey(state: ReviewState, stroke: Keystroke): ReviewState {
  // A paste or a fast typist can deliver several keys at once; browse them one by one.
  if (isPrintable(stroke) && [...stroke.input].length > 1) {
    let next = state;
    for (const ch of stroke.input) next = next.pending ? { ...next, typeahead: [...next.typeahead, { input: ch }] } : onKey(next, { input: ch });
    return next;
  }
  const command = resolve(stroke, BROWSE_COMMANDS);
  switch (command) {
    case Command.Down:
      return move(state, (i) => i + 1);
    case Command.Up:
      return move(state, (i) => i - 1);
    case Command.PageDown:
      return move(state, (i) => i + state.pageSize);
    case Command.PageUp:
      return move(state, (i) => i - state.pageSize);
    case Command.First:
      return move(state, () => 0);
    case Command.Last:
      return move(state, (_, n) => n - 1);
    case Command.Remove:
      return startForm(state, 'remove');
    case Command.Warn:
      return startForm(state, 'warn');
    case Command.Ban:
      return startForm(state, 'ban');
    case Command.Approve:
    case Command.Skip:
      return quickDecision(state, command === Command.Approve ? 'approve' : 'skip');
    case Command.Undo:
      if (!state.journalReady) return notReady(state);
      if (state.decisions.undo === 0) return info(state, 'nothing to undo');
      return request(state, { kind: 'undo' });
    case Command.Redo:
      if (!state.journalReady) return notReady(state);
      if (state.decisions.redo === 0) return info(state, 'nothing to redo');
      return request(state, { kind: 'redo' });
    case Command.ToggleThread:
      return toggleView(state);
    case Command.Filter:
      return {
        ...toQueue(state),
        mode: { kind: 'filter', draft: textField(state.filter), previous: state.filter },
      };
    case Command.Export:
      return state.journalReady ? request(state, { kind: 'export' }) : notReady(state);
    case Command.Help:
      return { ...state, mode: { kind: 'help' } };
    case Command.Quit:
      return request(state, { kind: 'quit' });
    case Command.Cancel:
      return state.filter !== '' ? info({ ...state, filter: '' }, 'filter cleared') : state;
    default:
      if (isPrintable(stroke)) return info(state, `no command on "${stroke.input}"; press ? for the keys`);
      return state;
  }
}

function move(state: ReviewState, to: (index: number, length: number) => number): ReviewState {
  if (state.view === 'queue') {
    const rows = visibleRows(state);
    if (rows.length === 0) return state;
    const next = clamp(to(selectedIndex(state), rows.length), 0, rows.length - 1);
    return { ...state, queueSel: rows[next]!.id };
  }
  const comments = state.thread.comments;
  if (comments.length === 0) return state;
  const next = clamp(to(selectedIndex(state), comments.length), 0, comments.length - 1);
  return { ...state, threadSel: comments[next]!.id };
}

/** The thread view opens on the queue's selection and hands its own back when it is a queue row. */
function toggleView(state: ReviewState): ReviewState {
  const current = selectedId(state);
  if (state.view === 'queue') return { ...state, view: 'thread', threadSel: current ?? state.threadSel };
  const inQueue = current !== null && rowPositions(visibleRows(state)).has(current);
  return { ...state, view: 'queue', queueSel: inQueue ? current : state.queueSel };
}

function toQueue(state: ReviewState): ReviewState {
  return state.view === 'queue' ? state : toggleView(state);
}

function subjectOf(state: ReviewState, id: string | null): Subject | string {
  if (id === null) return state.phase.kind === 'ready' ? 'nothing selected' : 'no flag yet: scoring is still running';
  const comment = threadIndex(state.thread).byId.get(id);
  if (comment === undefined) return `comment ${id} is not in the thread`;
  if (comment.placeholder) return 'a missing comment: the dump does not have its text, so there is nothing to act on';
  const position = rowPositions(state.rows).get(id);
  return {
    comment,
    row: position === undefined ? undefined : state.rows[position],
    analysis: state.analyses.get(id),
  };
}

function startForm(state: ReviewState, action: FormAction): ReviewState {
  if (!state.journalReady) return notReady(state);
  const subject = subjectOf(state, selectedId(state));
  if (typeof subject === 'string') return info(state, subject, 'warn');
  if (state.rules.length === 0) return info(state, 'no rules loaded: nothing to cite', 'error');
  if (action === 'ban' && subject.comment.author === null) {
    return info(state, 'this comment has no author to ban (deleted or anonymous)', 'warn');
  }
  return { ...state, mode: openForm(action, subject, state.rules) };
}

function quickDecision(state: ReviewState, action: 'approve' | 'skip'): ReviewState {
  if (!state.journalReady) return notReady(state);
  const subject = subjectOf(state, selectedId(state));
  if (typeof subject === 'string') return info(state, subject, 'warn');
  // Approving a comment nobody flagged needs a rule to approve it against: offer the list.
  if (action === 'approve' && subject.row === undefined) return startForm(state, 'approve');
  return request(state, { kind: 'decide', input: quickInput(action, subject) });
}

function onFormKey(state: ReviewState, form: DecisionForm, stroke: Keystroke): ReviewState {
  const withForm = (next: DecisionForm): ReviewState => ({ ...state, mode: next });
  const command = resolve(stroke, TEXT_COMMANDS);
  switch (command) {
    case Command.Accept: {
      const subject = subjectOf(state, form.commentId);
      if (typeof subject === 'string') return { ...state, mode: BROWSE, notice: { level: 'error', text: subject } };
      const result = formInput(form, subject, state.rules);
      if ('error' in result) return withForm({ ...form, error: result.error });
      return request(state, { kind: 'decide', input: result.input }, form);
    }
    case Command.Cancel:
      return { ...state, mode: BROWSE, notice: { level: 'info', text: `${form.action} cancelled` } };
    case Command.NextField:
      return form.action === 'ban' ? withForm({ ...form, field: form.field === 'text' ? 'days' : 'text' }) : state;
    case Command.PrevRule:
    case Command.NextRule: {
      const subject = subjectOf(state, form.commentId);
      if (typeof subject === 'string') return state;
      return withForm(changeRule(form, command === Command.PrevRule ? -1 : 1, subject, state.rules));
    }
    case null:
      if (!isPrintable(stroke)) return state;
      return withForm(editForm(form, (field) => insertText(field, stroke.input.replace(/[\r\n]+/g, ' '))));
    default:
      return withForm(editForm(form, (field) => editField(field, command)));
  }
}

function editForm(form: DecisionForm, edit: (field: TextField) => TextField): DecisionForm {
  if (form.field === 'days') {
    const days = edit(form.days);
    if (!/^\d*$/.test(days.value)) return { ...form, error: 'days: digits only (empty for a permanent ban)' };
    return { ...form, days, error: null };
  }
  const text = edit(form.text);
  return { ...form, text, edited: form.edited || text.value !== form.text.value, error: null };
}

/** The editing commands every text box shares; others leave the field as it is. */
function editField(field: TextField, command: Command): TextField {
  switch (command) {
    case Command.CursorLeft:
      return moveCursor(field, -1);
    case Command.CursorRight:
      return moveCursor(field, 1);
    case Command.LineStart:
      return cursorTo(field, 'start');
    case Command.LineEnd:
      return cursorTo(field, 'end');
    case Command.DeleteBack:
      return deleteBack(field);
    case Command.DeleteForward:
      return deleteForward(field);
    case Command.DeleteWord:
      return deleteWord(field);
    case Command.ClearLine:
      return textField('');
    default:
      return field;
  }
}

function onFilterKey(state: ReviewState, mode: Extract<Mode, { kind: 'filter' }>, stroke: Keystroke): ReviewState {
  const command = resolve(stroke, TEXT_COMMANDS);
  const edit = (draft: TextField): ReviewState => ({ ...state, filter: draft.value, mode: { ...mode, draft } });
  switch (command) {
    case Command.Accept: {
      const shown = visibleRows(state).length;
      const text = state.filter === '' ? 'no filter' : `${shown} of ${state.rows.length} flagged match "${state.filter}"`;
      return { ...state, mode: BROWSE, notice: { level: 'info', text } };
    }
    case Command.Cancel:
      return { ...state, filter: mode.previous, mode: BROWSE };
    // Up and down still move through the narrowed queue while typing.
    case Command.PrevRule:
      return { ...move(state, (i) => i - 1), mode };
    case Command.NextRule:
      return { ...move(state, (i) => i + 1), mode };
    case Command.NextField:
      return state;
    case null:
      return isPrintable(stroke) ? edit(insertText(mode.draft, stroke.input.replace(/[\r\n]+/g, ' '))) : state;
    default:
      return edit(editField(mode.draft, command));
  }
}

function request(state: ReviewState, effect: Effect, restore: Mode = BROWSE): ReviewState {
  const pending: PendingEffect = { id: state.nextEffectId, effect, restore, view: state.view };
  return { ...state, pending, nextEffectId: state.nextEffectId + 1, mode: BROWSE };
}

function afterEffect(state: ReviewState, pending: PendingEffect, result: EffectResult): ReviewState {
  const done: ReviewState = { ...state, pending: null };
  if (result.kind === 'exported') {
    const n = result.count;
    return info(done, `exported ${n} decision${n === 1 ? '' : 's'} to ${result.file}`);
  }
  if (result.kind !== 'decisions') return done;
  const effect = pending.effect;
  const next = { ...done, decisions: result.snapshot };
  if (effect.kind === 'decide') return afterDecision(next, pending, effect.input.commentId);
  const changed = changedComment(state.decisions.active, result.snapshot.active);
  if (changed === null) return info(next, `nothing to ${effect.kind}`);
  const decision = (effect.kind === 'undo' ? state.decisions.active : result.snapshot.active).get(changed);
  const what = decision ? `${decision.action} of ${describe(state, changed)}` : describe(state, changed);
  return info(select(next, changed), `${effect.kind === 'undo' ? 'undone' : 'redone'}: ${what}`);
}

/** After a decision the queue moves on to the next undecided flag; the thread view to the next comment. */
function afterDecision(state: ReviewState, pending: PendingEffect, commentId: string): ReviewState {
  const decision = state.decisions.active.get(commentId);
  const verb = decision ? ACTION_MARKS[decision.action].past : 'decided';
  const rule = decision?.ruleId ? ` (${ruleLabel(decision.ruleId, state.rulesById)})` : '';
  const said =
    decision?.action === 'ban'
      ? `banned ${describeAuthor(state, commentId)} ${decision.banDays ? `for ${decision.banDays} days` : 'permanently'}${rule}`
      : `${verb} ${describe(state, commentId)}${decision?.action === 'skip' ? '' : rule}`;
  if (pending.view === 'thread') {
    const comments = state.thread.comments;
    const at = threadIndex(state.thread).order.get(commentId);
    const next = at === undefined ? undefined : comments[at + 1];
    return info({ ...state, threadSel: next?.id ?? commentId }, said);
  }
  const rows = visibleRows(state);
  const at = rowPositions(rows).get(commentId);
  const next = at === undefined ? firstUndecided(rows, state.decisions.active) : nextUndecided(rows, at, state.decisions.active);
  if (next === undefined) return info({ ...state, queueSel: commentId }, `${said} · every flag has a decision`);
  return info({ ...state, queueSel: next.id }, said);
}

/** Selects a comment in the current view when it is there (undo and redo go back to what changed). */
function select(state: ReviewState, id: string): ReviewState {
  if (state.view === 'thread') return { ...state, threadSel: id };
  return rowPositions(visibleRows(state)).has(id) ? { ...state, queueSel: id } : { ...state, threadSel: id };
}

function changedComment(before: ReadonlyMap<string, Decision>, after: ReadonlyMap<string, Decision>): string | null {
  for (const [id, decision] of after) if (before.get(id)?.seq !== decision.seq) return id;
  for (const id of before.keys()) if (!after.has(id)) return id;
  return null;
}

function replayTypeahead(state: ReviewState): ReviewState {
  let next: ReviewState = { ...state, typeahead: [] };
  for (const [i, stroke] of state.typeahead.entries()) {
    if (next.pending) return { ...next, typeahead: [...next.typeahead, ...state.typeahead.slice(i)] };
    next = onKey(next, stroke);
  }
  return next;
}

function describe(state: ReviewState, commentId: string): string {
  const comment = threadIndex(state.thread).byId.get(commentId);
  return comment ? `${authorLabel(comment)}'s comment` : `comment ${commentId}`;
}

function describeAuthor(state: ReviewState, commentId: string): string {
  const comment = threadIndex(state.thread).byId.get(commentId);
  return comment ? authorLabel(comment) : `the author of ${commentId}`;
}

function info(state: ReviewState, text: string, level: 'info' | 'warn' | 'error' = 'info'): ReviewState {
  return { ...state, notice: { level, text } };
}

function notReady(state: ReviewState): ReviewState {
  return info(state, 'still starting: decisions can be made once the journal is open', 'warn');
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}

export type { DecisionsSnapshot };
