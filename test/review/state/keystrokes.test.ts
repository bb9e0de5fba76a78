import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { splitChunk, toKeystrokes } from '../../../src/review/app/keystrokes.js';

const none: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};

describe('keystrokes from Ink', () => {
  it('splits keys that arrive in one read (tmux send-keys, a paste, a fast typist)', () => {
    expect(splitChunk('r\r')).toEqual([{ input: 'r' }, { input: '', name: 'return' }]);
    expect(splitChunk('hello world\x7f\t')).toEqual([
      { input: 'hello world' },
      { input: '', name: 'backspace' },
      { input: '', name: 'tab' },
    ]);
    expect(splitChunk('a\x15b')).toEqual([{ input: 'a' }, { input: 'u', ctrl: true }, { input: 'b' }]);
    expect(toKeystrokes('jj', none)).toEqual([{ input: 'jj' }]);
  });

  it('named keys carry no text; Ctrl and Alt are kept', () => {
    expect(toKeystrokes('', { ...none, downArrow: true })).toEqual([
      { input: '', name: 'down', ctrl: false, meta: false },
    ]);
    expect(toKeystrokes('', { ...none, delete: true })).toEqual([
      { input: '', name: 'delete', ctrl: false, meta: false },
    ]);
    expect(toKeystrokes('u', { ...none, ctrl: true })).toEqual([{ input: 'u', ctrl: true, meta: false }]);
    expect(toKeystrokes('j', { ...none, meta: true })).toEqual([{ input: 'j', ctrl: false, meta: true }]);
  });
});
