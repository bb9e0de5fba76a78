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
import type * as TF from '@tensorflow/tfjs-core';
import type * as Converter from '@tensorflow/tfjs-converter';
import { UserError } from '../../errors.js';
import { fileIOHandler, readVocabulary } from './artifacts.js';
import { activateBackend, type BackendName } from './backend.js';
import { packBatch, type TokenBatch } from './batching.js';
import { OUTPUT_NAMES, PAIRS_PER_SENTENCE } from './layout.js';
import { SentencePieceTokenizer } from './tokenizer.js';
import { installSliceGather } from './wasm-gather.js';
import { installSimdGemm } from './wasm-gemm.js';
import { installSimdBatchMatMul } from './wasm-matmul.js';
import { installHeapSlices } from './wasm-slice.js';

// require() rather than import: these are large CommonJS bundles, and importing them as ESM
// (export detection across their re-exports) triples the load time, most of all in workers.
// Only core and converter: the @tensorflow/tfjs union also loads layers, data and two more backends
// (about 0.3 s per worker for nothing the graph uses).
const require = createRequire(import.meta.url);
const tf = require('@tensorflow/tfjs-core') as typeof TF;
const converter = require('@tensorflow/tfjs-converter') as typeof Converter;

/**
 * tf.io.decodeWeights without its copy: upstream slices every weight out of
 * the shards into a fresh ArrayBuffer before the backend copies it again
 * into wasm memory. Fresh memory is slow to touch here (about 0.3 s for the
 * 29 MB), so each tensor is made from a view of the shards instead; the
 * backend's own copy is the only one. Same tensors, same names.
 */
function decodeWeightsInPlace(data: TF.io.WeightData, specs: TF.io.WeightsManifestEntry[]): TF.NamedTensorMap {
  if (!(data instanceof ArrayBuffer)) return tf.io.decodeWeights(data, specs);
  const out: TF.NamedTensorMap = {};
  let offset = 0;
  for (const spec of specs) {
    const size = spec.shape.reduce((a, b) => a * b, 1);
    if (spec.quantization || (spec.dtype !== 'float32' && spec.dtype !== 'int32') || offset % 4 !== 0) {
      return tf.io.decodeWeights(data, specs); // anything unusual: upstream's path
    }
    const values = spec.dtype === 'float32' ? new Float32Array(data, offset, size) : new Int32Array(data, offset, size);
    out[spec.name] = tf.tensor(values, spec.shape, spec.dtype);
    offset += 4 * size;
  }
  return out;
}

export class ToxicityEngine {
  private constructor(
    private readonly model: Converter.GraphModel,
    private readonly modelDir: string,
    /** The backend the graph runs on. */
    readonly backend: BackendName,
  ) {}

  /** Only for score(texts): workers are sent token ids, tokenised once in the main thread. */
  private tokenizer: SentencePieceTokenizer | null = null;
  /** The sparse input's [sentence, position] pairs, kept between calls and grown when a batch needs more. */
  private positions = new Int32Array(2048);

  /** Starts `backend` in this thread and loads the model and vocabulary from `dir`. */
  static async load(dir: string, backend: BackendName): Promise<ToxicityEngine> {
    await activateBackend(tf, backend);
    if (backend === 'wasm') {
      installHeapSlices(tf);
      installSimdBatchMatMul(tf);
      installSimdGemm(tf); // after the batched tiles: it keeps them for the products it does not take
      installSliceGather(tf);
    }
    const model = await converter
      .loadGraphModel(fileIOHandler(dir), {}, { ...tf.io, decodeWeights: decodeWeightsInPlace })
      .catch((error: unknown) => {
        throw modelFailure(dir, 'could not be loaded', error);
      });
    const outputs = new Set(model.outputs.map((o) => o.name));
    const missing = OUTPUT_NAMES.find((name) => !outputs.has(name));
    if (missing) {
      model.dispose();
      throw new UserError(`${dir}/model.json: not the toxicity model (no output ${missing})`);
    }
    return new ToxicityEngine(model, dir, backend);
  }

  /**
   * Scores one batch. Returns `PAIRS_PER_SENTENCE` floats per sentence:
   * for each label, the softmax pair [p(false), p(true)].
   */
  async score(sentences: readonly string[]): Promise<Float32Array> {
    this.tokenizer ??= new SentencePieceTokenizer(readVocabulary(this.modelDir));
    const tokenizer = this.tokenizer;
    return this.scoreTokens(packBatch(sentences.map((s) => tokenizer.encode(s))));
  }

  /** As score(), on sentences already tokenised. */
  async scoreTokens(batch: TokenBatch): Promise<Float32Array> {
    try {
      return await this.#scoreTokens(batch);
    } catch (error) {
      throw modelFailure(this.modelDir, 'failed while scoring', error);
    }
  }

  async #scoreTokens(batch: TokenBatch): Promise<Float32Array> {
    const { ids, lengths } = batch;
    const n = lengths.length;
    const out = new Float32Array(n * PAIRS_PER_SENTENCE);
    if (n === 0) return out;
    const values = tf.tensor1d(ids, 'int32');
    const indices = tf.tensor2d(this.sparsePositions(lengths, ids.length), [ids.length, 2], 'int32');
    let outputs: TF.Tensor[] = [];
    try {
      const result = await this.model.executeAsync({ Placeholder: values, Placeholder_1: indices }, OUTPUT_NAMES);
      outputs = Array.isArray(result) ? result : [result];
      if (outputs.length !== OUTPUT_NAMES.length) {
        throw new Error(`the model gave ${outputs.length} outputs, not ${OUTPUT_NAMES.length}`);
      }
      for (let label = 0; label < outputs.length; label++) {
        const tensor = outputs[label] as TF.Tensor;
        if (tensor.size !== n * 2)
          throw new Error(`model output ${OUTPUT_NAMES[label]} has shape [${tensor.shape}], expected [${n},2]`);
        const data = await tensor.data();
        for (let s = 0; s < n; s++) {
          // A probability that is not a number in [0, 1] means broken weights (NaN, tampered shards).
          if (!isProbability(data[s * 2] as number) || !isProbability(data[s * 2 + 1] as number)) {
            throw new Error(
              `model output ${OUTPUT_NAMES[label]} is not a probability (${data[s * 2]}, ${data[s * 2 + 1]})`,
            );
          }
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

  /** [sentence, position] for every token, as upstream feeds `Placeholder_1`; a view of a reused buffer. */
  private sparsePositions(lengths: Int32Array, total: number): Int32Array {
    if (this.positions.length < 2 * total) this.positions = new Int32Array(4 * total);
    const positions = this.positions;
    let k = 0;
    for (let row = 0; row < lengths.length; row++) {
      const length = lengths[row] as number;
      if (length < 1) throw new Error(`sentence ${row} has no tokens`);
      for (let col = 0; col < length; col++) {
        positions[k++] = row;
        positions[k++] = col;
      }
    }
    if (k !== 2 * total) throw new Error(`batch has ${total} ids but its lengths add up to ${k / 2}`);
    return positions.subarray(0, k);
  }
}

function isProbability(v: number): boolean {
  return Number.isFinite(v) && v >= 0 && v <= 1;
}

/**
 * What went wrong inside TF.js (an unknown op, NaN weights, shapes that do not
 * fit) is a problem with the model's files, not a threadmod bug: one line
 * that says which folder and what to do.
 */
function modelFailure(dir: string, what: string, error: unknown): UserError {
  if (error instanceof UserError) return error;
  const detail = (error instanceof Error ? error.message : String(error)).split('\n', 1)[0]!.slice(0, 200);
  return new UserError(
    `the toxicity model in ${dir} ${what} (${detail}); its files may be damaged or tampered with: ` +
      'check them with `threadmod model status`, reinstall with `threadmod model fetch` or `model import`, or use --scorer lexicon',
  );
}
