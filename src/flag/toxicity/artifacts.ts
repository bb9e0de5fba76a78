/**
 * Reads a toxicity model folder from disk for TF.js: an IOHandler that needs
 * no network, and the USE vocabulary. Also checks that the weight shards the
 * manifest names are all there, so a half-copied folder fails with a clear
 * message instead of a TF.js shape error.
 */
import { readFileSync, statSync } from 'node:fs';
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
  for (const group of json.weightsManifest) {
    for (const p of group.paths) {
      const file = path.join(dir, p);
      try {
        have += statSync(file).size;
      } catch {
        throw new UserError(`model in ${dir} is incomplete: ${p} is missing`);
      }
    }
  }
  const need = neededBytes(json.weightsManifest);
  if (have !== need)
    throw new UserError(`model in ${dir} is incomplete: shards hold ${have} bytes, model.json needs ${need}`);
}

/** An IOHandler that loads model.json and its shards (concatenated in manifest order) from `dir`. */
export function fileIOHandler(dir: string): io.IOHandler {
  return {
    load: async (): Promise<io.ModelArtifacts> => {
      const json = readModelJson(dir);
      checkWeightFiles(dir);
      const weightSpecs = json.weightsManifest.flatMap((g) => g.weights);
      const shards = json.weightsManifest.flatMap((g) => g.paths.map((p) => readFileSync(path.join(dir, p))));
      const all = Buffer.concat(shards);
      // TF.js reads weightData from offset 0, so it must be an ArrayBuffer of its own, not a view into Node's pool.
      const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer;
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
