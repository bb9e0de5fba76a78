/**
 * Opening the trained scorer: `--trained-model <dir>`, else
 * `THREADMOD_TRAINED_MODEL`, else the model shipped in the package
 * (models/attack-v1).
 */
import path from 'node:path';
import { packageRoot } from '../../package-root.js';
import type { Scorer } from '../scorer.js';
import { loadModel, type LoadedModel } from './model-files.js';
import { createTrainedScorer } from './scorer.js';

export const DEFAULT_MODEL_NAME = 'attack-v1';

export function defaultModelDir(): string {
  return path.join(packageRoot(), 'models', DEFAULT_MODEL_NAME);
}

export function trainedModelDir(option?: string): string {
  return option ?? (process.env.THREADMOD_TRAINED_MODEL || defaultModelDir());
}

export async function loadTrainedScorer(options: { dir?: string | undefined } = {}): Promise<Scorer> {
  const loaded = await loadModel(trainedModelDir(options.dir));
  return scorerOf(loaded);
}

export function scorerOf(loaded: LoadedModel): Scorer {
  return createTrainedScorer(loaded.model, {
    label: `${loaded.manifest.name} (${path.basename(loaded.dir)}, sha256 ${loaded.digest.slice(0, 12)}, verified)`,
  });
}

export { loadModel, writeModel } from './model-files.js';
