/**
 * Quote marking on a worker while page text is parsed: the dump must be the
 * one in-thread marking gives, the worker must be used when it can be, and a
 * worker that fails, never starts or never answers must cost only time (the
 * quotes are then marked in-thread), never the result or a hang.
 */
import { readFileSync } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { parseLemmyText } from '../../src/parse/lemmy-text.js';
import { readLemmyText } from '../../src/parse/lemmy-text-quoted.js';
import { withQuotesMarked } from '../../src/parse/load-dump.js';
import { OFFLOAD_MIN_CHARS, QuoteOffload, type OffloadOptions } from '../../src/parse/quote-offload.js';

/** A large text for the worker path, below the default size so the test stays quick. */
const LARGE = 4_000_000;
import { markQuotesInPlace } from '../../src/thread/quotes.js';
import type { Dump } from '../../src/thread/schema.js';
import { SEED_THREAD } from '../support/shared.js';

const seedText = () => readFileSync(SEED_THREAD(), 'utf8');

/** The seed's comments repeated until the text is `chars` long: replies quote their ancestors throughout. */
function bigText(chars: number): string {
  const text = seedText();
  const comments = text.slice(text.search(/^ {4}\S/m));
  return text + comments.repeat(Math.ceil(chars / comments.length));
}

function inThread(text: string): Dump {
  const dump = parseLemmyText(text, 't.txt');
  markQuotesInPlace(dump.posts[0]!, { uniqueIds: true });
  return dump;
}

function offloaded(text: string, options: OffloadOptions): { dump: Dump; offload: QuoteOffload } {
  const offload = QuoteOffload.start(text.length, { minChars: 0, busy: () => false, ...options })!;
  expect(offload).not.toBeNull();
  const dump = parseLemmyText(text, 't.txt', offload);
  offload.finishInto(dump.posts[0]!);
  return { dump, offload };
}

/** A worker from inline code, given the offload's data as `workerData`. */
const inline =
  (code: string): NonNullable<OffloadOptions['spawn']> =>
  (WorkerClass: typeof Worker, data, transfer) =>
    new WorkerClass(code, { eval: true, workerData: data, transferList: transfer, execArgv: [] });

describe('quote marking on a worker', () => {
  it('gives the dump in-thread marking gives, on the seed thread', () => {
    const text = seedText();
    const { dump, offload } = offloaded(text, {});
    expect(offload.fallbackReason).toBeNull();
    const want = inThread(text);
    expect(want.posts[0]!.comments.some((c) => c.quotes.length > 0)).toBe(true);
    expect(JSON.stringify(dump)).toBe(JSON.stringify(want));
  });

  it('gives readLemmyText the same dump on a large text, with or without a core to spare', () => {
    const text = bigText(LARGE);
    // Which way it went depends on the machine's load at the time; both must give the same dump.
    const parsed = readLemmyText(text, 't.txt', { minChars: LARGE });
    expect(JSON.stringify(withQuotesMarked(parsed).dump)).toBe(JSON.stringify(inThread(text)));
  }, 30_000);

  it('is not started for a small text, nor on a busy machine', () => {
    expect(QuoteOffload.start(OFFLOAD_MIN_CHARS - 1, { busy: () => false })).toBeNull();
    expect(QuoteOffload.start(OFFLOAD_MIN_CHARS, { busy: () => true })).toBeNull();
    const idle = QuoteOffload.start(OFFLOAD_MIN_CHARS, { busy: () => false });
    expect(idle).not.toBeNull();
    idle!.abort();
    expect(readLemmyText(seedText(), 't.txt').quotesMarked).toBeUndefined();
  });

  it.each([
    ['never starts', inline(''), /did not start within 200 ms/],
    [
      'never answers',
      inline(
        `const { workerData } = require('node:worker_threads'); Atomics.store(workerData.done, 0, 1); Atomics.notify(workerData.done, 0); workerData.port.on('message', () => {});`,
      ),
      /did not answer within 300 ms/,
    ],
    [
      'reports an error',
      inline(
        `const { workerData } = require('node:worker_threads'); const { port, done } = workerData; Atomics.store(done, 0, 1); Atomics.notify(done, 0); port.once('message', () => { port.postMessage({ type: 'error', message: 'broken' }); Atomics.store(done, 0, 2); Atomics.notify(done, 0); });`,
      ),
      /^broken$/,
    ],
    ['throws on start', inline(`throw new Error('no');`), /did not start/],
  ])('marks in-thread, with the same dump, when the worker %s', (_name, spawn, reason) => {
    const text = seedText();
    const started = Date.now();
    const { dump, offload } = offloaded(text, { spawn, startupMs: 200, timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(offload.fallbackReason).toMatch(reason);
    expect(JSON.stringify(dump)).toBe(JSON.stringify(inThread(text)));
  });

  it('keeps errors one line with file:line on a large text, and stops the worker', () => {
    const good = bigText(LARGE);
    const line = good.split('\n').length + 1;
    let error: unknown;
    try {
      readLemmyText(`${good}\n   5 months ago\n`, 'big.txt', { minChars: LARGE, busy: () => false });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).where).toBe(`big.txt:${line}`);
    expect((error as InputError).message).not.toContain('\n');
  }, 30_000);
});
