/**
 * The quote worker: marks quotes in comments as the page-text parser sends
 * them (quote-offload.ts), with the same walk as in-thread marking
 * (quote-walk.ts), and posts the spans once the last comment is in. Any
 * failure is posted as an error, so the parser's thread, blocked waiting,
 * falls back to marking in-thread instead of waiting out its time limit.
 */
import { workerData } from 'node:worker_threads';
import { QuoteWalk } from '../thread/quote-walk.js';
import {
  WORKER_ANSWERED,
  WORKER_RUNNING,
  type FromQuoteWorker,
  type QuoteWorkerData,
  type ToQuoteWorker,
} from './quote-worker-protocol.js';
import type { QuoteSpan } from '../thread/schema.js';

const { port, done } = workerData as QuoteWorkerData;
let walk: QuoteWalk | null = null;
let next = 0;
const found: Array<readonly [number, QuoteSpan[]]> = [];
let units: SharedArrayBuffer | null = null;
let codes: Uint16Array | null = null;

function answer(message: FromQuoteWorker): void {
  port.postMessage(message);
  Atomics.store(done, 0, WORKER_ANSWERED);
  Atomics.notify(done, 0);
  port.close();
}

port.on('message', (message: ToQuoteWorker) => {
  try {
    if (message.type === 'post') walk = new QuoteWalk(message.text);
    else if (message.type === 'comments') {
      if (walk === null) throw new Error('comments before the post');
      if (message.units !== units) {
        units = message.units;
        codes = new Uint16Array(units);
      }
      const { meta } = message;
      for (let i = 0; i + 2 < meta.length; i += 3) {
        const start = meta[i]!;
        const index = next++;
        const spans = walk.addUnits(meta[i + 2]!, String(index), codes!.subarray(start, start + meta[i + 1]!));
        if (spans.length > 0) found.push([index, spans as QuoteSpan[]]);
      }
    } else answer({ type: 'quotes', found });
  } catch (error) {
    answer({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
});
Atomics.store(done, 0, WORKER_RUNNING);
Atomics.notify(done, 0);
