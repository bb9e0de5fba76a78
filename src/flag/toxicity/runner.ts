/**
 * Something that runs the model on batches: a pool of worker threads, or the
 * engine in this thread (native TensorFlow, which has its own threads, and
 * tests that compare the two).
 */
import type { BackendName } from './backend.js';
import type { TokenBatch } from './batching.js';
import type { ToxicityEngine } from './engine.js';

export interface Runner {
  readonly backend: BackendName;
  /** Worker threads, 0 when the model runs in this thread. */
  readonly workers: number;
  /** Resolves (to the load time in ms) once the model is loaded everywhere; rejects if it cannot load. */
  ready(): Promise<number>;
  /** `PAIRS_PER_SENTENCE` floats per sentence of the batch. The batch's buffers may be transferred (unusable after). */
  score(batch: TokenBatch): Promise<Float32Array>;
  /** Live TF.js tensors in each thread that runs the model (after its last batch). */
  numTensors(): number[];
  close(): Promise<void>;
}

/** Runs the model in the calling thread; batches are serialised. */
export class InProcessRunner implements Runner {
  readonly workers = 0;
  private readonly loading: Promise<{ engine: ToxicityEngine; ms: number }>;
  private queue: Promise<unknown> = Promise.resolve();
  private engine: ToxicityEngine | null = null;

  constructor(
    modelDir: string,
    readonly backend: BackendName,
  ) {
    const started = performance.now();
    // Imported lazily so callers that only use workers never load TF.js in the main thread.
    this.loading = import('./engine.js').then(async ({ ToxicityEngine }) => {
      const engine = await ToxicityEngine.load(modelDir, backend);
      this.engine = engine;
      return { engine, ms: performance.now() - started };
    });
    this.loading.catch(() => {}); // surfaced by ready() and score()
  }

  async ready(): Promise<number> {
    return (await this.loading).ms;
  }

  score(batch: TokenBatch): Promise<Float32Array> {
    const run = this.queue.then(async () => (await this.loading).engine.scoreTokens(batch));
    this.queue = run.catch(() => {});
    return run;
  }

  numTensors(): number[] {
    return this.engine ? [this.engine.numTensors()] : [];
  }

  async close(): Promise<void> {
    await this.queue;
    await this.loading.catch(() => null);
    this.engine?.dispose();
    this.engine = null;
  }
}
