/**
 * The toxicity graph run directly: upstream `ToxicityClassifier.classify()`
 * feeds the same inputs but leaks its seven output tensors per call and
 * cannot be given a local model; this engine loads from disk, batches, and
 * disposes every tensor it creates.
 *
 * Inputs, as upstream: `Placeholder` = the token ids of all sentences
 * flattened, `Placeholder_1` = one [sentence, position] pair per id (a sparse
 * matrix the graph densifies and pads). tfjs has no int64, so both are int32.
 */
import { createRequire } from 'node:module';
import type * as TF from '@tensorflow/tfjs';
import type { Tokenizer } from '@tensorflow-models/universal-sentence-encoder';
import { UserError } from '../../errors.js';
import { fileIOHandler, readVocabulary } from './artifacts.js';
import { activateBackend, type BackendName } from './backend.js';
import { OUTPUT_NAMES, PAIRS_PER_SENTENCE } from './layout.js';

// require() rather than import: these are large CommonJS bundles, and importing them as ESM
// (export detection across their re-exports) triples the load time, most of all in workers.
const require = createRequire(import.meta.url);
const tf = require('@tensorflow/tfjs') as typeof TF;
const use =
  require('@tensorflow-models/universal-sentence-encoder') as typeof import('@tensorflow-models/universal-sentence-encoder');

export class ToxicityEngine {
  private constructor(
    private readonly model: TF.GraphModel,
    private readonly tokenizer: Tokenizer,
    /** The backend the graph runs on. */
    readonly backend: BackendName,
  ) {}

  /** Starts `backend` in this thread and loads the model and vocabulary from `dir`. */
  static async load(dir: string, backend: BackendName): Promise<ToxicityEngine> {
    await activateBackend(tf, backend);
    const tokenizer = new use.Tokenizer(readVocabulary(dir));
    const model = await tf.loadGraphModel(fileIOHandler(dir));
    const outputs = new Set(model.outputs.map((o) => o.name));
    const missing = OUTPUT_NAMES.find((name) => !outputs.has(name));
    if (missing) {
      model.dispose();
      throw new UserError(`${dir}/model.json: not the toxicity model (no output ${missing})`);
    }
    return new ToxicityEngine(model, tokenizer, backend);
  }

  /**
   * Scores one batch. Returns `PAIRS_PER_SENTENCE` floats per sentence:
   * for each label, the softmax pair [p(false), p(true)].
   */
  async score(sentences: readonly string[]): Promise<Float32Array> {
    const n = sentences.length;
    const out = new Float32Array(n * PAIRS_PER_SENTENCE);
    if (n === 0) return out;
    const { ids, positions } = this.sparseInputs(sentences);
    const values = tf.tensor1d(ids, 'int32');
    const indices = tf.tensor2d(positions, [ids.length, 2], 'int32');
    let outputs: TF.Tensor[] = [];
    try {
      const result = await this.model.executeAsync({ Placeholder: values, Placeholder_1: indices }, OUTPUT_NAMES);
      outputs = Array.isArray(result) ? result : [result];
      for (let label = 0; label < outputs.length; label++) {
        const tensor = outputs[label] as TF.Tensor;
        if (tensor.size !== n * 2)
          throw new Error(`model output ${OUTPUT_NAMES[label]} has shape [${tensor.shape}], expected [${n},2]`);
        const data = await tensor.data();
        for (let s = 0; s < n; s++) {
          out[s * PAIRS_PER_SENTENCE + label * 2] = data[s * 2] as number;
          out[s * PAIRS_PER_SENTENCE + label * 2 + 1] = data[s * 2 + 1] as number;
        }
      }
      return out;
    } finally {
      tf.dispose([values, indices, ...outputs]);
    }
  }

  /** Live tensors in this thread: the weights plus anything leaked. */
  numTensors(): number {
    return tf.memory().numTensors;
  }

  dispose(): void {
    this.model.dispose();
  }

  private sparseInputs(sentences: readonly string[]): { ids: Int32Array; positions: Int32Array } {
    const encoded = sentences.map((s) => this.tokenizer.encode(s));
    const total = encoded.reduce((sum, e) => sum + e.length, 0);
    const ids = new Int32Array(total);
    const positions = new Int32Array(total * 2);
    let k = 0;
    encoded.forEach((tokens, row) => {
      // A sentence without tokens would have no row in the sparse input and the outputs would not line up.
      if (tokens.length === 0) throw new Error(`tokenizer produced no tokens for sentence ${row}`);
      tokens.forEach((id, col) => {
        ids[k] = id;
        positions[2 * k] = row;
        positions[2 * k + 1] = col;
        k++;
      });
    });
    return { ids, positions };
  }
}
