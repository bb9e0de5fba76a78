/**
 * A pool of model workers. Each worker loads the model once; batches go to
 * whichever worker is idle. Idle workers are unref'd so a caller that forgets
 * close() does not hang the process.
 */
import { Worker } from 'node:worker_threads';
import { UserError } from '../../errors.js';
import { startModuleWorker } from '../../io/module-worker.js';
import type { BackendName } from './backend.js';
import type { TokenBatch } from './batching.js';
import type { FromWorker, ToWorker, WorkerInit } from './protocol.js';
import type { Runner } from './runner.js';

export { workerExecArgv } from '../../io/module-worker.js';

interface Job {
  readonly id: number;
  readonly batch: TokenBatch;
  resolve(pairs: Float32Array): void;
  reject(error: Error): void;
}

interface Slot {
  readonly worker: Worker;
  readonly ready: Promise<number>;
  loaded: boolean;
  job: Job | null;
  numTensors: number;
}

export class WorkerPool implements Runner {
  private readonly slots: Slot[];
  private readonly queue: Job[] = [];
  private nextId = 0;
  private broken: Error | null = null;
  private closed = false;

  constructor(
    modelDir: string,
    readonly backend: BackendName,
    readonly workers: number,
  ) {
    if (!Number.isInteger(workers) || workers < 1)
      throw new RangeError(`workers must be a positive integer, got ${workers}`);
    const init: WorkerInit = { modelDir, backend };
    this.slots = Array.from({ length: workers }, () => this.spawn(init));
  }

  async ready(): Promise<number> {
    const times = await Promise.all(this.slots.map((s) => s.ready));
    return Math.max(...times);
  }

  score(batch: TokenBatch): Promise<Float32Array> {
    if (this.broken) return Promise.reject(this.broken);
    if (this.closed) return Promise.reject(new Error('toxicity scorer is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ id: this.nextId++, batch, resolve, reject });
      this.dispatch();
    });
  }

  numTensors(): number[] {
    return this.slots.map((s) => s.numTensors);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.fail(new Error('toxicity scorer is closed'));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(init: WorkerInit): Slot {
    const worker = startWorker(init);
    let markReady!: (ms: number) => void;
    let markFailed!: (error: Error) => void;
    const ready = new Promise<number>((resolve, reject) => {
      markReady = resolve;
      markFailed = reject;
    });
    ready.catch(() => {}); // surfaced by ready() and score()
    const slot: Slot = { worker, ready, loaded: false, job: null, numTensors: 0 };

    worker.on('message', (message: FromWorker) => {
      if (message.type === 'ready') {
        slot.loaded = true;
        markReady(message.loadMs);
        this.dispatch();
        return;
      }
      const job = slot.job;
      slot.job = null;
      if (message.type === 'scored') {
        slot.numTensors = message.numTensors;
        job?.resolve(message.pairs);
      } else {
        const error = message.userError ? new UserError(message.message) : new Error(message.message);
        if (message.id === null) {
          markFailed(error);
          this.fail(error);
        } else {
          job?.reject(error);
        }
      }
      this.dispatch();
    });
    worker.on('error', (error) => {
      markFailed(error);
      this.fail(error);
    });
    worker.on('exit', (code) => {
      if (this.closed) return;
      const error = new Error(`toxicity worker stopped unexpectedly (exit code ${code})`);
      markFailed(error);
      this.fail(error);
    });
    return slot;
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (!slot.loaded || slot.job) continue;
      const job = this.queue.shift();
      if (!job) break;
      slot.job = job;
      const { ids, lengths } = job.batch;
      const message: ToWorker = { type: 'score', id: job.id, ids, lengths };
      slot.worker.postMessage(message, [ids.buffer as ArrayBuffer, lengths.buffer as ArrayBuffer]);
    }
    // Keep the process alive only while something is loading or running.
    for (const slot of this.slots) {
      if (slot.loaded && !slot.job) slot.worker.unref();
      else slot.worker.ref();
    }
  }

  /** Rejects everything pending; later calls to score() reject with the same error. */
  private fail(error: Error): void {
    if (!this.closed) this.broken ??= error;
    for (const slot of this.slots) {
      slot.job?.reject(error);
      slot.job = null;
    }
    for (const job of this.queue.splice(0)) job.reject(error);
  }
}

/** Starts worker.js (compiled) or worker.ts (source) beside this file. */
function startWorker(init: WorkerInit): Worker {
  return startModuleWorker(Worker, import.meta.url, 'worker', { workerData: init });
}
