/**
 * Quote marking on a worker thread while the page-text parser reads: on a
 * large dump, marking took nearly as long as parsing, and the two can run
 * side by side, since the parser finishes each comment's body long before the
 * end of the text and the walk (quote-walk.ts) needs comments in reading order
 * only. The parser's thread writes each body into shared memory as it is
 * complete and, once the text is read, waits for the worker's spans.
 *
 * Only with a core to spare: on a machine whose other work already keeps
 * every core busy, the worker's start and its share of the marking cost more
 * CPU than in-thread marking (measured on 2 cores at load 6: 1.49 s of CPU
 * instead of 1.18, and a slower parse), so there the quotes are marked
 * in-thread, as before.
 *
 * Bounded and safe to lose: if the worker cannot start, reports an error,
 * does not start within STARTUP_MS or answer within its time limit, it is
 * terminated and the quotes are marked in-thread, with the same result.
 * Small dumps never start a worker (starting one costs more than it saves).
 */
import { availableParallelism, loadavg } from 'node:os';
import type { MessagePort, Worker } from 'node:worker_threads';
import { moduleWorkerExists, startModuleWorker } from '../io/module-worker.js';
import { markQuotesInPlace } from '../thread/quotes.js';
import { postQuoteText } from '../thread/quote-walk.js';
import {
  WORKER_RUNNING,
  WORKER_STARTING,
  type FromQuoteWorker,
  type QuoteWorkerData,
  type ToQuoteWorker,
} from './quote-worker-protocol.js';
import type { Post, Thread } from '../thread/schema.js';

/** Receives a thread as it is parsed: the post, then each comment, in reading order, once its body is complete. */
export interface BodySink {
  post(post: Pick<Post, 'title' | 'body'>): void;
  /** The next comment: its parent's index (-1: top level) and its body. */
  comment(parent: number, body: string): void;
}

/**
 * Texts shorter than this (about 110,000 comments) are marked in-thread:
 * the worker's start and its cold first marking cost about 0.1 s. On the
 * parse bench's dumps on 2 idle cores the worker cost 0.07 s at 50,000
 * comments (21.6M characters), about broke even at 100,000 (43M) and saved
 * 0.17 s at 200,000 (86M).
 */
export const OFFLOAD_MIN_CHARS = 48_000_000;
/** UTF-16 units per shared chunk of bodies (2 MB). */
const CHUNK_UNITS = 1 << 20;
/** How long a worker may take to start running its module, counted from when the parser is done. */
const STARTUP_MS = 3_000;

export interface OffloadOptions {
  /** Texts shorter than this are marked in-thread; default OFFLOAD_MIN_CHARS. */
  readonly minChars?: number;
  /** How long the worker may take to start, counted from when the parser is done; default STARTUP_MS. */
  readonly startupMs?: number;
  /** How long to wait for the answer once the worker runs; default from the text's length. */
  readonly timeoutMs?: number;
  /** Whether the machine has no core to spare; default: from the load average (see machineBusy). */
  readonly busy?: () => boolean;
  /** Starts the worker (tests put a failing one here); default: quote-worker.ts beside this file. */
  readonly spawn?: (WorkerClass: typeof Worker, data: QuoteWorkerData, transfer: MessagePort[]) => Worker;
}

type WorkerThreads = typeof import('node:worker_threads');

/**
 * True when the last minute's load average leaves no core idle for a
 * worker: this process's own thread counts one, so with 2 cores a load
 * of 1.5 or more means another process is already running.
 */
export function machineBusy(): boolean {
  return loadavg()[0]! >= availableParallelism() - 0.5;
}

export class QuoteOffload implements BodySink {
  /** Why the quotes were marked in-thread after all, or null; for tests. */
  fallbackReason: string | null = null;
  private units: SharedArrayBuffer | null = null;
  private bytes: Buffer | null = null;
  private used = 0;
  private meta: number[] = [];
  private finished = false;

  private constructor(
    private readonly threads: WorkerThreads,
    private readonly worker: Worker,
    private readonly port: MessagePort,
    private readonly done: Int32Array,
    private readonly startupMs: number,
    private readonly timeoutMs: number,
  ) {}

  /**
   * A worker for a text of `chars` characters, or null when the text is
   * small or no worker can be started (then mark quotes in-thread).
   */
  static start(chars: number, options: OffloadOptions = {}): QuoteOffload | null {
    if (chars < (options.minChars ?? OFFLOAD_MIN_CHARS) || (options.busy ?? machineBusy)()) return null;
    // Loaded only here, so that `tree` on a small dump does not load it.
    const threads = process.getBuiltinModule?.('node:worker_threads') as WorkerThreads | undefined;
    if (threads === undefined) return null;
    const { port1, port2 } = new threads.MessageChannel();
    const done = new Int32Array(new SharedArrayBuffer(4));
    const data: QuoteWorkerData = { port: port1, done };
    let worker: Worker;
    try {
      if (!options.spawn && !moduleWorkerExists(import.meta.url, 'quote-worker')) throw new Error('no quote worker');
      worker = options.spawn
        ? options.spawn(threads.Worker, data, [port1])
        : startModuleWorker(
            threads.Worker,
            import.meta.url,
            'quote-worker',
            {
              workerData: data,
              transferList: [port1],
              // It needs none of the parent's flags, and V8's (a benchmark's --expose-gc) stop a worker from starting.
              execArgv: [],
            },
            { commonJsSource: true },
          );
    } catch {
      port2.close();
      return null;
    }
    // Errors surface as a missing answer; an unheard 'error' event would end the process.
    worker.on('error', () => {});
    worker.unref();
    port2.unref();
    // About 1 s per 10 million characters on a loaded machine, and 10 s to spare.
    const timeoutMs = options.timeoutMs ?? 10_000 + Math.round(chars / 10_000);
    return new QuoteOffload(threads, worker, port2, done, options.startupMs ?? STARTUP_MS, timeoutMs);
  }

  post(post: Pick<Post, 'title' | 'body'>): void {
    this.send({ type: 'post', text: postQuoteText(post) });
  }

  comment(parent: number, body: string): void {
    const length = body.length;
    if (this.bytes === null || this.used + length > this.units!.byteLength / 2) {
      this.sendComments();
      this.units = new SharedArrayBuffer(2 * Math.max(CHUNK_UNITS, length));
      this.bytes = Buffer.from(this.units);
      this.used = 0;
    }
    if (length > 0) this.bytes.write(body, 2 * this.used, 'utf16le');
    this.meta.push(this.used, length, parent);
    this.used += length;
  }

  /**
   * Waits for the worker's spans and puts them on `thread`'s comments (the
   * ones the sink was given, in the same order); marks in-thread instead if
   * the worker fails. The thread is then as `markQuotesInPlace` leaves it.
   */
  finishInto(thread: Thread): void {
    this.sendComments();
    this.send({ type: 'end' });
    const answer = this.wait();
    this.stop();
    if (answer === null || answer.type === 'error') {
      this.fallbackReason ??= answer?.message ?? 'no answer';
      markQuotesInPlace(thread, { uniqueIds: true });
      return;
    }
    const { comments } = thread;
    for (const [index, spans] of answer.found) {
      for (const span of spans) if (span.sourceId != null) span.sourceId = comments[Number(span.sourceId)]!.id;
      comments[index]!.quotes = spans;
    }
  }

  /** Stops the worker without an answer (the parse failed). */
  abort(): void {
    this.stop();
  }

  private wait(): FromQuoteWorker | null {
    const { done } = this;
    if (Atomics.wait(done, 0, WORKER_STARTING, this.startupMs) === 'timed-out') {
      this.fallbackReason = `the quote worker did not start within ${this.startupMs} ms`;
      return null;
    }
    if (Atomics.wait(done, 0, WORKER_RUNNING, this.timeoutMs) === 'timed-out') {
      this.fallbackReason = `the quote worker did not answer within ${this.timeoutMs} ms`;
      return null;
    }
    return (this.threads.receiveMessageOnPort(this.port)?.message as FromQuoteWorker | undefined) ?? null;
  }

  private sendComments(): void {
    if (this.meta.length === 0) return;
    const meta = Int32Array.from(this.meta);
    this.meta = [];
    this.send({ type: 'comments', units: this.units!, meta }, [meta.buffer]);
  }

  private send(message: ToQuoteWorker, transfer: ArrayBuffer[] = []): void {
    if (!this.finished) this.port.postMessage(message, transfer);
  }

  private stop(): void {
    if (this.finished) return;
    this.finished = true;
    this.port.close();
    void this.worker.terminate();
  }
}
