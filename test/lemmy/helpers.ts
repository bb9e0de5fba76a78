/** Shared pieces of the Lemmy tests: a clock and waits that cost no time, captured output, temp dirs. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { HttpDeps } from '../../src/lemmy/http.js';
import type { RetryPolicy } from '../../src/lemmy/retry-policy.js';

export const NOW = Date.parse('2026-06-13T00:00:00Z');

/** No pacing between requests: the tests that count waits count only retries. */
export const UNPACED: Partial<RetryPolicy> = { minIntervalMs: 0 };

/** Waits that return at once but are remembered, a fixed clock and fixed dice. */
export function instantDeps(): { deps: Partial<HttpDeps>; sleeps: number[]; policy: Partial<RetryPolicy> } {
  const sleeps: number[] = [];
  return {
    sleeps,
    policy: UNPACED,
    deps: {
      sleep: async (ms) => {
        sleeps.push(ms);
      },
      random: () => 0.5,
      now: () => NOW,
    },
  };
}

export interface Captured {
  readonly stdout: { write(text: string): boolean };
  readonly stderr: NodeJS.WriteStream;
  out(): string;
  err(): string;
}

export function capture(tty = false): Captured {
  let out = '';
  let err = '';
  return {
    stdout: {
      write(text: string) {
        out += text;
        return true;
      },
    },
    stderr: {
      isTTY: tty,
      write(text: string) {
        err += text;
        return true;
      },
    } as unknown as NodeJS.WriteStream,
    out: () => out,
    err: () => err,
  };
}

export function tempDir(label: string): string {
  return mkdtempSync(path.join(tmpdir(), `threadmod-${label}-`));
}
