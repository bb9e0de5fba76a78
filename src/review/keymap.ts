/**
 * Key bindings as data: one table from command to keys, one description per
 * command. The reducer resolves keys through it and the `?` help screen is
 * generated from it, so the two can never disagree.
 */
import { ACTIONS, ACTION_NAMES, type ActionName } from '../decisions/actions.js';
import type { KeyName, Keystroke } from './keystroke.js';

/** Commands other than the moderation actions, whose keys come from src/decisions/actions.ts. */
export enum Command {
  // Browsing the queue or the thread.
  Down = 'down',
  Up = 'up',
  PageDown = 'page-down',
  PageUp = 'page-up',
  First = 'first',
  Last = 'last',
  ScrollDown = 'scroll-down',
  ScrollUp = 'scroll-up',
  RemoveReplies = 'remove-replies',
  RemoveByAuthor = 'remove-by-author',
  Undo = 'undo',
  Redo = 'redo',
  ToggleThread = 'toggle-thread',
  Member = 'member',
  Filter = 'filter',
  Export = 'export',
  Help = 'help',
  Quit = 'quit',
  // Inside a mode (filter, decision form, help).
  Accept = 'accept',
  Cancel = 'cancel',
  NextField = 'next-field',
  PrevRule = 'prev-rule',
  NextRule = 'next-rule',
  CursorLeft = 'cursor-left',
  CursorRight = 'cursor-right',
  LineStart = 'line-start',
  LineEnd = 'line-end',
  DeleteBack = 'delete-back',
  DeleteForward = 'delete-forward',
  DeleteWord = 'delete-word',
  ClearLine = 'clear-line',
}

/** A key's meaning: a command, or one of the moderation actions (by name). */
export type KeyCommand = Command | ActionName;

export const isAction = (command: KeyCommand | null): command is ActionName =>
  command !== null && Object.hasOwn(ACTIONS, command);

/** One key: a character (`j`) or a named key (`down`), optionally with Ctrl. */
export interface KeyBinding {
  readonly key?: string;
  readonly name?: KeyName;
  readonly ctrl?: boolean;
}

export type KeyBindings = Readonly<Record<KeyCommand, readonly KeyBinding[]>>;

const perAction = <T>(value: (action: ActionName) => T) =>
  Object.fromEntries(ACTION_NAMES.map((a) => [a, value(a)])) as Record<ActionName, T>;

export const DEFAULT_KEYS: KeyBindings = {
  [Command.Down]: [{ key: 'j' }, { name: 'down' }],
  [Command.Up]: [{ key: 'k' }, { name: 'up' }],
  [Command.PageDown]: [{ name: 'pagedown' }, { key: 'd', ctrl: true }],
  [Command.PageUp]: [{ name: 'pageup' }, { key: 'u', ctrl: true }],
  [Command.First]: [{ key: 'g' }, { name: 'home' }],
  [Command.Last]: [{ key: 'G' }, { name: 'end' }],
  [Command.ScrollDown]: [{ key: 'J' }],
  [Command.ScrollUp]: [{ key: 'K' }],
  ...perAction((a) => [{ key: ACTIONS[a].key }]),
  [Command.RemoveReplies]: [{ key: 'R' }],
  [Command.RemoveByAuthor]: [{ key: 'D' }],
  [Command.Undo]: [{ key: 'u' }],
  [Command.Redo]: [{ key: 'U' }],
  [Command.ToggleThread]: [{ key: 't' }],
  [Command.Member]: [{ key: 'm' }],
  [Command.Filter]: [{ key: '/' }],
  [Command.Export]: [{ key: 'x' }],
  [Command.Help]: [{ key: '?' }],
  [Command.Quit]: [{ key: 'q' }],
  [Command.Accept]: [{ name: 'return' }],
  [Command.Cancel]: [{ name: 'escape' }],
  [Command.NextField]: [{ name: 'tab' }],
  [Command.PrevRule]: [{ name: 'up' }],
  [Command.NextRule]: [{ name: 'down' }],
  [Command.CursorLeft]: [{ name: 'left' }],
  [Command.CursorRight]: [{ name: 'right' }],
  [Command.LineStart]: [{ name: 'home' }, { key: 'a', ctrl: true }],
  [Command.LineEnd]: [{ name: 'end' }, { key: 'e', ctrl: true }],
  // Terminals send DEL (0x7f) for Backspace, which Ink names `delete`.
  [Command.DeleteBack]: [{ name: 'backspace' }, { name: 'delete' }],
  [Command.DeleteForward]: [{ key: 'd', ctrl: true }],
  [Command.DeleteWord]: [{ key: 'w', ctrl: true }],
  [Command.ClearLine]: [{ key: 'u', ctrl: true }],
};

export const DESCRIPTIONS: Readonly<Record<KeyCommand, string>> = {
  [Command.Down]: 'next comment',
  [Command.Up]: 'previous comment',
  [Command.PageDown]: 'page down',
  [Command.PageUp]: 'page up',
  [Command.First]: 'first comment',
  [Command.Last]: 'last comment',
  [Command.ScrollDown]: 'scroll the comment down',
  [Command.ScrollUp]: 'scroll the comment up',
  ...perAction((a) => ACTIONS[a].help),
  [Command.RemoveReplies]: 'remove with all its replies',
  [Command.RemoveByAuthor]: "remove all this author's comments",
  [Command.Undo]: 'undo the last decision (a bulk removal whole)',
  [Command.Redo]: 'redo what was undone',
  [Command.ToggleThread]: 'queue / whole thread',
  [Command.Member]: "author's record and other comments",
  [Command.Filter]: 'filter: text, rule, author',
  [Command.Export]: 'export the decisions (JSON)',
  [Command.Help]: 'show or hide this help',
  [Command.Quit]: 'quit (decisions are saved)',
  [Command.Accept]: 'accept',
  [Command.Cancel]: 'leave the mode',
  [Command.NextField]: 'next field (ban days)',
  [Command.PrevRule]: 'previous rule',
  [Command.NextRule]: 'next rule',
  [Command.CursorLeft]: 'cursor left',
  [Command.CursorRight]: 'cursor right',
  [Command.LineStart]: 'start of line',
  [Command.LineEnd]: 'end of line',
  [Command.DeleteBack]: 'delete before cursor',
  [Command.DeleteForward]: 'delete under cursor',
  [Command.DeleteWord]: 'delete word before',
  [Command.ClearLine]: 'clear the text',
};

/** Commands that apply while browsing; a text box only sees `TEXT_COMMANDS`. */
export const BROWSE_COMMANDS: readonly KeyCommand[] = [
  Command.Down,
  Command.Up,
  Command.PageDown,
  Command.PageUp,
  Command.First,
  Command.Last,
  Command.ScrollDown,
  Command.ScrollUp,
  ...ACTION_NAMES,
  Command.RemoveReplies,
  Command.RemoveByAuthor,
  Command.Undo,
  Command.Redo,
  Command.ToggleThread,
  Command.Member,
  Command.Filter,
  Command.Export,
  Command.Help,
  Command.Quit,
  Command.Cancel,
];

export const TEXT_COMMANDS: readonly Command[] = [
  Command.Accept,
  Command.Cancel,
  Command.NextField,
  Command.PrevRule,
  Command.NextRule,
  Command.CursorLeft,
  Command.CursorRight,
  Command.LineStart,
  Command.LineEnd,
  Command.DeleteBack,
  Command.DeleteForward,
  Command.DeleteWord,
  Command.ClearLine,
];

export function matches(binding: KeyBinding, stroke: Keystroke): boolean {
  if (Boolean(binding.ctrl) !== Boolean(stroke.ctrl)) return false;
  if (binding.name !== undefined) return stroke.name === binding.name;
  return stroke.name === undefined && !stroke.meta && stroke.input === binding.key;
}

/** The first of `commands` bound to `stroke`, or null. Order in `commands` breaks ties. */
export function resolve<C extends KeyCommand>(
  stroke: Keystroke,
  commands: readonly C[],
  bindings: KeyBindings = DEFAULT_KEYS,
): C | null {
  for (const command of commands) {
    if (bindings[command].some((b) => matches(b, stroke))) return command;
  }
  return null;
}

const NAME_LABELS: Readonly<Record<KeyName, string>> = {
  up: '↑',
  down: '↓',
  left: '←',
  right: '→',
  pageup: 'PgUp',
  pagedown: 'PgDn',
  home: 'Home',
  end: 'End',
  return: 'Enter',
  escape: 'Esc',
  tab: 'Tab',
  backspace: 'Backspace',
  delete: 'Backspace',
};

export function keyLabel(binding: KeyBinding): string {
  const base = binding.name !== undefined ? NAME_LABELS[binding.name] : (binding.key ?? '');
  return binding.ctrl ? `Ctrl+${base}` : base;
}

/** `j/↓`: every key bound to a command, de-duplicated. */
export function keysLabel(command: KeyCommand, bindings: KeyBindings = DEFAULT_KEYS): string {
  return [...new Set(bindings[command].map(keyLabel))].join('/');
}

export interface HelpSection {
  readonly title: string;
  readonly entries: ReadonlyArray<{ readonly keys: string; readonly description: string }>;
}

/** The help screen's content, straight from the table. */
export function helpSections(bindings: KeyBindings = DEFAULT_KEYS): HelpSection[] {
  const entries = (commands: readonly KeyCommand[]) =>
    commands.map((command) => ({ keys: keysLabel(command, bindings), description: DESCRIPTIONS[command] }));
  return [
    { title: 'Keys while browsing', entries: entries(BROWSE_COMMANDS.filter((c) => c !== Command.Cancel)) },
    { title: 'In a text box (filter, reason, reply)', entries: entries(TEXT_COMMANDS) },
  ];
}
