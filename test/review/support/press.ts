/**
 * Drives an Ink app in tests the way a person does: write a key, wait for
 * the frame it causes. Ink renders synchronously on input, but React 19 may
 * commit on a later tick and a lone Esc is held until the next one, so every
 * key waits for a new frame (or a short quiet period when the key changes
 * nothing on screen).
 */
import { stripVTControlCharacters } from 'node:util';
import { render } from 'ink-testing-library';
import type { ReactElement } from 'react';

export type App = ReturnType<typeof render>;

export const KEYS = {
  enter: '\r',
  escape: '\x1b',
  tab: '\t',
  backspace: '\x7f',
  up: '\x1b[A',
  down: '\x1b[B',
  right: '\x1b[C',
  left: '\x1b[D',
  pageDown: '\x1b[6~',
  pageUp: '\x1b[5~',
  home: '\x1b[H',
  end: '\x1b[F',
  ctrlU: '\x15',
  ctrlW: '\x17',
} as const;

export type KeyName = keyof typeof KEYS;

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Renders at a given terminal size (ink-testing-library's stdout is 100 columns and has no rows). */
export async function renderApp(
  tree: ReactElement,
  size: { columns: number; rows: number } = { columns: 80, rows: 24 },
): Promise<App> {
  const app = render(tree);
  await resize(app, size.columns, size.rows);
  return app;
}

export async function resize(app: App, columns: number, rows: number): Promise<void> {
  Object.defineProperty(app.stdout, 'columns', { value: columns, configurable: true });
  Object.defineProperty(app.stdout, 'rows', { value: rows, configurable: true });
  const before = app.frames.length;
  app.stdout.emit('resize');
  await nextFrame(app, before);
}

async function nextFrame(app: App, before: number, quietMs = 60): Promise<void> {
  const deadline = Date.now() + quietMs;
  while (app.frames.length === before && Date.now() < deadline) await tick();
  // Let effects scheduled by that frame run (they may render again).
  await tick();
}

/**
 * Presses keys one at a time: a named key (`enter`, `escape`, `down`), a
 * character (`j`, `U`, `/`), or `{ text }`, written as one chunk (like a
 * paste or tmux send-keys).
 */
export async function press(app: App, ...keys: Array<KeyName | string | { text: string }>): Promise<void> {
  for (const key of keys) {
    const before = app.frames.length;
    app.stdin.write(typeof key === 'string' ? (key in KEYS ? KEYS[key as KeyName] : key) : key.text);
    await nextFrame(app, before);
  }
}

/** Types text one character per write, as a person does. */
export async function type(app: App, text: string): Promise<void> {
  for (const ch of text) await press(app, { text: ch });
}

/** The last frame without colours or styles, trailing spaces trimmed. */
export function frame(app: App): string {
  return stripVTControlCharacters(app.lastFrame() ?? '')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}

/** Waits until the screen shows `what` (async work: journal writes, scoring). Fails with the last frame. */
export async function waitFor(
  app: App,
  what: string | RegExp | ((screen: string) => boolean),
  timeoutMs = 5000,
): Promise<string> {
  const test =
    typeof what === 'function' ? what : (s: string) => (typeof what === 'string' ? s.includes(what) : what.test(s));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const screen = frame(app);
    if (test(screen)) return screen;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${String(what)}; screen was:\n${screen}`);
    await sleep(5);
  }
}

/** The lines of the screen between two markers, for small, stable snapshots. */
export function linesOf(screen: string, from: RegExp, count: number): string {
  const lines = screen.split('\n');
  const start = lines.findIndex((l) => from.test(l));
  return start === -1 ? '' : lines.slice(start, start + count).join('\n');
}
