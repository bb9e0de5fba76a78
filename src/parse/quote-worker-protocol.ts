/**
 * Messages between the page-text parser's thread and the quote worker
 * (quote-offload.ts, quote-worker.ts). Bodies travel as UTF-16 in shared
 * memory: posting them as strings cost the parser's thread a fifth of a
 * second on a 200,000-comment dump, writing them into shared memory a tenth
 * of that.
 */
import type { MessagePort } from 'node:worker_threads';
import type { QuoteSpan } from '../thread/schema.js';

export interface QuoteWorkerData {
  /** Where the worker reads its messages and posts its answer. */
  readonly port: MessagePort;
  /** Int32Array over a SharedArrayBuffer: [0] is the worker's state, below; each change is notified. */
  readonly done: Int32Array;
}

/** The worker's module has not run yet. */
export const WORKER_STARTING = 0;
/** The worker is listening for comments. */
export const WORKER_RUNNING = 1;
/** The worker has posted its answer (spans or an error). */
export const WORKER_ANSWERED = 2;

export type ToQuoteWorker =
  | { readonly type: 'post'; readonly text: string }
  /**
   * The next comments in reading order: for each, three ints in `meta`:
   * its body's offset and length in `units` (UTF-16 code units) and its
   * parent's index (-1: top level). Comments are numbered as they arrive.
   */
  | { readonly type: 'comments'; readonly units: SharedArrayBuffer; readonly meta: Int32Array }
  | { readonly type: 'end' };

export type FromQuoteWorker =
  /**
   * Comments with quotes, as pairs of index and spans; a span's `sourceId`
   * is the quoted comment's index as a string (null: the post).
   */
  | { readonly type: 'quotes'; readonly found: ReadonlyArray<readonly [number, QuoteSpan[]]> }
  | { readonly type: 'error'; readonly message: string };
