/** Messages between the scorer and its model workers. */
import type { BackendName } from './backend.js';

export interface WorkerInit {
  readonly modelDir: string;
  readonly backend: BackendName;
}

/** A batch of tokenised sentences (see TokenBatch); both buffers are transferred, not copied. */
export type ToWorker = {
  readonly type: 'score';
  readonly id: number;
  readonly ids: Int32Array;
  readonly lengths: Int32Array;
};

export type FromWorker =
  | { readonly type: 'ready'; readonly loadMs: number }
  | {
      readonly type: 'scored';
      readonly id: number;
      /** `PAIRS_PER_SENTENCE` floats per sentence (transferred, not copied). */
      readonly pairs: Float32Array;
      /** Live tensors after the batch, to catch leaks. */
      readonly numTensors: number;
    }
  | { readonly type: 'error'; readonly id: number | null; readonly message: string; readonly userError: boolean };
