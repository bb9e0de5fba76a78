/**
 * Ink's (input, key) pairs to the state machine's keystrokes. Ink hands over
 * several keys at once when they arrive in one read (a paste, `tmux
 * send-keys`, a fast typist), e.g. `r\r`; they are split back into keys here.
 */
import type { Key } from 'ink';
import type { KeyName, Keystroke } from '../keystroke.js';

const NAMED: ReadonlyArray<[keyof Key, KeyName]> = [
  ['upArrow', 'up'],
  ['downArrow', 'down'],
  ['leftArrow', 'left'],
  ['rightArrow', 'right'],
  ['pageUp', 'pageup'],
  ['pageDown', 'pagedown'],
  ['home', 'home'],
  ['end', 'end'],
  ['return', 'return'],
  ['escape', 'escape'],
  ['tab', 'tab'],
  ['backspace', 'backspace'],
  ['delete', 'delete'],
];

const CONTROL: Readonly<Record<string, KeyName>> = {
  '\r': 'return',
  '\n': 'return',
  '\t': 'tab',
  '\x7f': 'backspace',
  '\b': 'backspace',
  '\x1b': 'escape',
};

export function toKeystrokes(input: string, key: Key): Keystroke[] {
  for (const [flag, name] of NAMED) {
    // Shift+Tab arrives as tab with shift; every named key carries no text.
    if (key[flag] === true) return [{ input: '', name, ctrl: key.ctrl, meta: false }];
  }
  if (key.ctrl || [...input].length <= 1) return [{ input, ctrl: key.ctrl, meta: key.meta && input !== '' }];
  return splitChunk(input);
}

/** Splits a chunk of typed text into printable runs and control keys. */
export function splitChunk(chunk: string): Keystroke[] {
  const out: Keystroke[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push({ input: text });
    text = '';
  };
  for (const ch of chunk) {
    const name = CONTROL[ch];
    const code = ch.codePointAt(0)!;
    if (name) {
      flush();
      out.push({ input: '', name });
    } else if (code < 0x20) {
      flush();
      // Ctrl+A .. Ctrl+Z arrive as 0x01 .. 0x1a.
      out.push({ input: String.fromCharCode(code + 0x60), ctrl: true });
    } else {
      text += ch;
    }
  }
  flush();
  return out;
}
