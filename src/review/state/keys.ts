/**
 * Keys, interpreted by mode. Browsing resolves keys through the key table
 * (keymap.ts); a text box (filter, reason, reply, days) takes typed
 * characters and only its editing keys, so `q` and `j` are letters there.
 * Anything that must touch the outside world becomes a pending effect.
 */
import { ACTIONS } from '../../decisions/actions.js';
import type { Action } from '../../decisions/schema.js';
import type { Comment } from '../../thread/schema.js';
import { BROWSE_COMMANDS, Command, TEXT_COMMANDS, isAction, resolve } from '../keymap.js';
import { isPrintable, type Keystroke } from '../keystroke.js';
import { changeRule, formInput, openForm, quickInput, type Subject } from './form.js';
import { info, notReady } from './notice.js';
import { rowPositions } from './queue.js';
import { selectedId, selectedIndex, selectedQueueId, visibleRows } from './selectors.js';
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
import { bulkInputs, bulkRefusal, bulkScope, bulkText, type BulkKind } from './bulk.js';
import type { DecisionForm, Effect, FormAction, Mode, PendingEffect, ReviewState } from './types.js';

const BROWSE: Mode = { kind: 'browse' };

/**
 * Until the moderator presses a key (or scoring ends), the queue's selection
 * follows the most severe undecided flag as flags arrive; from then on it is
 * pinned to a comment, so arriving flags never move it under their fingers.
 */
export function pin(state: ReviewState): ReviewState {
  if (state.queueSel !== null) return state;
  const id = selectedQueueId(state);
  return id === null ? state : { ...state, queueSel: id };
}

export function onKey(state: ReviewState, stroke: Keystroke): ReviewState {
  switch (state.mode.kind) {
    case 'browse':
      return onBrowseKey(pin({ ...state, notice: null }), stroke);
    case 'help':
      return onHelpKey(state, state.mode, stroke);
    case 'filter':
      return onFilterKey(state, state.mode, stroke);
    case 'form':
      return onFormKey(state, state.mode, stroke);
  }
}

/** `?` scrolls with the browsing keys (j/k, J/K, the page keys, g/G); Esc, `?` and `q` leave it. */
function onHelpKey(state: ReviewState, mode: Extract<Mode, { kind: 'help' }>, stroke: Keystroke): ReviewState {
  const command = resolve(stroke, HELP_COMMANDS);
  const scrollTo = (offset: number) => ({ ...state, mode: { ...mode, offset: clamp(offset, 0, mode.max) } });
  switch (command) {
    case Command.Down:
    case Command.ScrollDown:
      return scrollTo(mode.offset + 1);
    case Command.Up:
    case Command.ScrollUp:
      return scrollTo(mode.offset - 1);
    // The help is at most a screen or two taller than the terminal: a page is the rest of it.
    case Command.PageDown:
    case Command.Last:
      return scrollTo(mode.max);
    case Command.PageUp:
    case Command.First:
      return scrollTo(0);
    case null:
      return state;
    default:
      return { ...state, mode: BROWSE };
  }
}

const HELP_COMMANDS = [
  Command.Cancel,
  Command.Help,
  Command.Quit,
  Command.Down,
  Command.Up,
  Command.ScrollDown,
  Command.ScrollUp,
  Command.PageDown,
  Command.PageUp,
  Command.First,
  Command.Last,
] as const;

function onBrowseKey(state: ReviewState, stroke: Keystroke): ReviewState {
  // A paste or a fast typist can deliver several keys at once; browse them one by one.
  if (isPrintable(stroke) && [...stroke.input].length > 1) {
    let next = state;
    for (const ch of stroke.input) {
      next = next.pending ? { ...next, typeahead: [...next.typeahead, { input: ch }] } : onKey(next, { input: ch });
    }
    return next;
  }
  const command = resolve(stroke, BROWSE_COMMANDS);
  if (isAction(command)) return decide(state, command);
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
    case Command.ScrollDown:
      return scrollContext(state, 1);
    case Command.ScrollUp:
      return scrollContext(state, -1);
    case Command.RemoveReplies:
    case Command.RemoveByAuthor:
      return bulkRemove(state, command === Command.RemoveReplies ? 'replies' : 'author');
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
    case Command.Member:
      return { ...state, memberView: !state.memberView };
    case Command.Filter:
      return {
        ...toQueue(state),
        mode: { kind: 'filter', draft: textField(state.filter), previous: state.filter },
      };
    case Command.Export:
      return state.journalReady ? request(state, { kind: 'export' }) : notReady(state);
    case Command.Help:
      return { ...state, mode: { kind: 'help', offset: 0, max: 0 } };
    case Command.Quit:
      return request(state, { kind: 'quit' });
    case Command.Cancel:
      if (state.memberView) return { ...state, memberView: false };
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

/** J/K: the selected comment's body by a window's worth, within what the pane reported it can show. */
function scrollContext(state: ReviewState, direction: 1 | -1): ReviewState {
  const scroll = state.contextScroll;
  const id = selectedId(state);
  if (scroll === null || id === null || scroll.id !== id || (scroll.min === 0 && scroll.max === 0)) {
    return info(state, 'the whole comment is in view');
  }
  const offset = clamp(scroll.offset + direction * scroll.step, scroll.min, scroll.max);
  if (offset === scroll.offset) return info(state, direction > 0 ? 'end of the comment' : 'start of the comment');
  return { ...state, contextScroll: { ...scroll, offset } };
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

/**
 * An action key: the action's form, or (for actions decided at once, and
 * approving a flagged comment) the decision straight away.
 */
function decide(state: ReviewState, action: Action): ReviewState {
  if (!state.journalReady) return notReady(state);
  const subject = subjectOf(state, selectedId(state));
  if (typeof subject === 'string') return info(state, subject, 'warn');
  const spec = ACTIONS[action];
  const opensForm = spec.form !== null && (spec.form.opens === 'always' || subject.row === undefined);
  if (!opensForm) return request(state, { kind: 'decide', input: quickInput(action, subject) });
  if (state.rules.length === 0) return info(state, 'no rules loaded: nothing to cite', 'error');
  if (spec.needsAuthor && subject.comment.author === null)
    return info(state, noAuthor(subject.comment, spec.verb), 'warn');
  return { ...state, mode: openForm(action as FormAction, subject, state.rules) };
}

/** Why there is nobody to ban: most often a page-text dump copied without its author lines. */
function noAuthor(comment: Comment, verb: string): string {
  if (comment.deleted) return `this comment has no author to ${verb}: it was deleted`;
  // Page text (no Lemmy ids) names an author only where the copied page had an author line.
  if (comment.lemmy === null)
    return `no author to ${verb}: the page text has no author line for this comment (fetch the thread as JSON, or copy the page with them)`;
  return `this comment has no author to ${verb} (anonymous)`;
}

/** `R` and `D`: the removal form over every comment the bulk action covers, once there is more than one. */
function bulkRemove(state: ReviewState, kind: BulkKind): ReviewState {
  if (!state.journalReady) return notReady(state);
  const subject = subjectOf(state, selectedId(state));
  if (typeof subject === 'string') return info(state, subject, 'warn');
  if (state.rules.length === 0) return info(state, 'no rules loaded: nothing to cite', 'error');
  const scope = bulkScope(state, subject.comment, kind);
  const refusal = bulkRefusal(scope, subject.comment);
  if (refusal !== null) return info(state, refusal, 'warn');
  return { ...state, mode: { ...openForm('remove', subject, state.rules), scope } };
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
      if (form.scope === null) return request(state, { kind: 'decide', input: result.input }, form);
      const other = (id: string) => {
        const s = subjectOf(state, id);
        return typeof s === 'string' ? null : s;
      };
      const inputs = bulkInputs(result.input, form.scope, other, state.rules[form.ruleIndex]);
      const label = bulkText(form.scope, authorLabel(subject.comment));
      return request(state, { kind: 'decide-batch', inputs, label }, form);
    }
    case Command.Cancel:
      return { ...state, mode: BROWSE, notice: { level: 'info', text: `${form.action} cancelled` } };
    case Command.NextField:
      return ACTIONS[form.action].form.days
        ? withForm({ ...form, field: form.field === 'text' ? 'days' : 'text' })
        : state;
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
      const text =
        state.filter === '' ? 'no filter' : `${shown} of ${state.rows.length} flagged match "${state.filter}"`;
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

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}
