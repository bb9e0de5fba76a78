/**
 * A key press as the review state machine sees it: plain data, so the
 * session reducer can be driven without a terminal (tests, type-ahead replay).
 */

/** Keys that do not type a character. */
export type KeyName =
  | 'up'
  | 'down'
  | 'left'
  | 'right'
  | 'pageup'
  | 'pagedown'
  | 'home'
  | 'end'
  | 'return'
  | 'escape'
  | 'tab'
  | 'backspace'
  | 'delete';

export interface Keystroke {
  /** The character typed (`j`, `U`, `/`), or '' for a named key. */
  readonly input: string;
  readonly name?: KeyName | undefined;
  readonly ctrl?: boolean | undefined;
  readonly meta?: boolean | undefined;
}

/** Shorthand for tests and replay: `key('j')`, `key('', 'return')`, `key('u', undefined, { ctrl: true })`. */
export function key(input: string, name?: KeyName, mods: { ctrl?: boolean; meta?: boolean } = {}): Keystroke {
  return { input, name, ctrl: mods.ctrl ?? false, meta: mods.meta ?? false };
}

/** True when the keystroke types text (what a text box inserts). */
export function isPrintable(stroke: Keystroke): boolean {
  if (stroke.name !== undefined || stroke.ctrl || stroke.meta) return false;
  if (stroke.input === '') return false;
  // Control characters never belong in a reason or a filter.
  return !/[\u0000-\u001f\u007f]/.test(stroke.input);
}
