/** Mounts the review app on a backend, at 80x24 unless told otherwise, and cleans up after. */
import { afterEach } from 'vitest';
import { ReviewApp } from '../../../src/review/app/review-app.js';
import type { ReviewBackend } from '../../../src/review/ports.js';
import type { Rule } from '../../../src/flag/rules-schema.js';
import type { Thread } from '../../../src/thread/schema.js';
import type { Moderation } from '../../../src/review/state/types.js';
import { fixtureSession, RULES, THREAD } from './fixture.js';
import { renderApp, waitFor, type App } from './press.js';

export interface Mounted {
  readonly app: App;
  /** Resolves with the error the session ended on, or undefined for a quit. */
  readonly exited: Promise<Error | undefined>;
}

const mounted: Array<{ app: App; backend: ReviewBackend }> = [];

afterEach(async () => {
  for (const { app, backend } of mounted.splice(0)) {
    app.unmount();
    await backend.close();
  }
});

export async function mount(options: {
  thread: Thread;
  rules: readonly Rule[];
  backend: ReviewBackend;
  dumpFile: string;
  journalFile: string;
  colour?: boolean;
  requestedScorer?: string;
  size?: { columns: number; rows: number };
  moderation?: Moderation;
}): Promise<Mounted> {
  let done: (error?: Error) => void = () => {};
  const exited = new Promise<Error | undefined>((resolve) => (done = resolve));
  const app = await renderApp(
    <ReviewApp
      thread={options.thread}
      moderation={options.moderation}
      rules={options.rules}
      backend={options.backend}
      sources={{ dumpFile: options.dumpFile, rulesFile: null, journalFile: options.journalFile, moderator: 'mod' }}
      requestedScorer={options.requestedScorer ?? 'auto'}
      colour={options.colour ?? false}
      onExit={(error) => done(error)}
    />,
    options.size,
  );
  mounted.push({ app, backend: options.backend });
  return { app, exited };
}

/**
 * The app on the hand-built fixture thread (support/fixture.ts) with the real
 * journal on disk; waits for the full queue unless the scan is held.
 */
export async function mountFixture(options: { colour?: boolean; dir?: string; holdScan?: boolean } = {}) {
  const session = await fixtureSession(options);
  const { app, exited } = await mount({
    thread: THREAD,
    rules: RULES,
    backend: session.backend,
    dumpFile: session.dumpFile,
    journalFile: session.journalFile,
    colour: options.colour,
  });
  if (!options.holdScan) await waitFor(app, /Queue · 3 flagged · 1\/3/);
  return { app, exited, session };
}
