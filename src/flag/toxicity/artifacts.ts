/**
 * Reads a toxicity model folder from disk for TF.js: an IOHandler that needs
 * no network, and the USE vocabulary. Also checks that the weight shards the
 * manifest names are all there, so a half-copied folder fails with a clear
 * message instead of a TF.js shape error.
 */
import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import type { io } from '@tensorflow/tfjs';
import { UserError } from '../../errors.js';
import { errnoCode } from '../../io/errno.js';

interface WeightGroup {
  readonly paths: readonly string[];
  readonly weights: readonly io.WeightsManifestEntry[];
}

interface ModelJson {
  readonly modelTopology: unknown;
  readonly weightsManifest: readonly WeightGroup[];
}

const DTYPE_BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1 };

function readModelJson(dir: string): ModelJson {
  const file = path.join(dir, 'model.json');
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const code = errnoCode(error);
    throw new UserError(`${file}: ${code === 'ENOENT' ? 'missing' : 'not a valid model.json'}`);
  }
  const json = parsed as Partial<ModelJson>;
  if (!json || typeof json !== 'object' || !json.modelTopology || !Array.isArray(json.weightsManifest)) {
    throw new UserError(`${file}: not a TF.js graph model (no modelTopology or weightsManifest)`);
  }
  return json as ModelJson;
}

/** Bytes the manifest's weights occupy; the shards must add up to exactly this. */
function neededBytes(groups: readonly WeightGroup[]): number {
  let total = 0;
  for (const group of groups) {
    for (const w of group.weights) {
      if (w.quantization) throw new UserError(`model.json: quantized weight ${w.name} is not supported`);
      const size = DTYPE_BYTES[w.dtype];
      if (size === undefined) throw new UserError(`model.json: weight ${w.name} has unsupported dtype ${w.dtype}`);
      total += size * w.shape.reduce((a, b) => a * b, 1);
    }
  }
  return total;
}

/** Throws a UserError naming the first missing shard, or when the shards' total size is wrong. */
export function checkWeightFiles(dir: string): void {
  const json = readModelJson(dir);
  let have = 0;
  const sizes: Array<[string, number]> = [];
  for (const group of json.weightsManifest) {
    for (const p of group.paths) {
      const file = path.join(dir, p);
      let size: number;
      try {
        const info = statSync(file);
        if (!info.isFile()) throw new Error('not a file');
        size = info.size;
      } catch {
        throw new UserError(`model in ${dir} is incomplete: ${p} is missing`);
      }
      have += size;
      sizes.push([p, size]);
    }
  }
  // The converter cuts weights into shards of one size, the last one shorter: another order means swapped or replaced shards.
  const full = sizes[0]?.[1] ?? 0;
  const odd = sizes.findIndex(([, size], i) => (i < sizes.length - 1 ? size !== full : size > full));
  if (odd !== -1) {
    throw new UserError(
      `model in ${dir} is damaged: ${sizes[odd]![0]} holds ${sizes[odd]![1]} bytes where the shards before the last hold ${full} each (swapped or replaced shards?)`,
    );
  }
  const need = neededBytes(json.weightsManifest);
  if (have !== need)
    throw new UserError(`model in ${dir} is incomplete: shards hold ${have} bytes, model.json needs ${need}`);
}

/** Reads the whole of `file` into the start of `into`; returns its size. */
function readInto(file: string, into: Uint8Array): number {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > into.byteLength) throw new UserError(`${file} grew while loading`);
    let done = 0;
    while (done < size) {
      const n = readSync(fd, into, done, size - done, done);
      if (n === 0) throw new UserError(`${file} shrank while loading`);
      done += n;
    }
    return size;
  } finally {
    closeSync(fd);
  }
}

/** An IOHandler that loads model.json and its shards (concatenated in manifest order) from `dir`. */
export function fileIOHandler(dir: string): io.IOHandler {
  return {
    load: async (): Promise<io.ModelArtifacts> => {
      const json = readModelJson(dir);
      checkWeightFiles(dir);
      const weightSpecs = json.weightsManifest.flatMap((g) => g.weights);
      // Each shard is read straight into its place in one ArrayBuffer (TF.js reads weightData from offset 0):
      // reading into Buffers, concatenating and slicing out a copy touched 3x the memory and cost about 0.5 s here.
      const weightData = new ArrayBuffer(neededBytes(json.weightsManifest));
      let offset = 0;
      for (const p of json.weightsManifest.flatMap((g) => g.paths))
        offset += readInto(path.join(dir, p), new Uint8Array(weightData, offset));
      if (offset !== weightData.byteLength) throw new UserError(`model in ${dir} changed while loading`);
      return { modelTopology: json.modelTopology as object, weightSpecs, weightData, format: 'graph-model' };
    },
  };
}

/** The USE sentencepiece vocabulary: `[piece, score]` pairs, passed to USE's Tokenizer as is. */
export function readVocabulary(dir: string): Array<[string, number]> {
  const file = path.join(dir, 'vocab.json');
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const code = errnoCode(error);
    throw new UserError(`${file}: ${code === 'ENOENT' ? 'missing' : 'not valid JSON'}`);
  }
  const ok =
    Array.isArray(parsed) &&
    parsed.length > 6 &&
    // The real file has a few null scores (pieces the tokenizer treats as score 0, as upstream does).
    parsed.every((e) => Array.isArray(e) && typeof e[0] === 'string' && (typeof e[1] === 'number' || e[1] === null));
  if (!ok) throw new UserError(`${file}: not a USE vocabulary (expected [piece, score] pairs)`);
  return parsed as Array<[string, number]>;
}
