/**
 * Opening the trained scorer: `--trained-model <dir>`, else
 * `THREADMOD_TRAINED_MODEL`, else the model shipped in the package
 * (models/attack-v1).
 */
import path from 'node:path';
import { UserError } from '../../errors.js';
import { packageRoot } from '../../package-root.js';
import type { Scorer } from '../scorer.js';
import { loadModel, type LoadedModel } from './model-files.js';
import { createTrainedScorer } from './scorer.js';
import { readsToxicity } from './toxicity-inputs.js';

export const DEFAULT_MODEL_NAME = 'attack-v1';

export function defaultModelDir(): string {
  return path.join(packageRoot(), 'models', DEFAULT_MODEL_NAME);
}

export function trainedModelDir(option?: string): string {
  return option ?? (process.env.THREADMOD_TRAINED_MODEL || defaultModelDir());
}

export interface TrainedScorerLoad {
  readonly dir?: string | undefined;
  /** The toxicity scorer, for a model trained with it; the trained scorer then owns it. */
  readonly toxicity?: Scorer | undefined;
}

export async function loadTrainedScorer(options: TrainedScorerLoad = {}): Promise<Scorer> {
  const loaded = await loadModel(trainedModelDir(options.dir));
  if (needsToxicity(loaded) && !options.toxicity)
    throw new UserError(
      `${loaded.dir}: this model was trained with the toxicity model's scores as inputs; run it with the toxicity model installed (--scorer combined)`,
    );
  return scorerOf(loaded, options.toxicity);
}

/** Whether the model reads the toxicity model's scores (trained with `--toxicity`). */
export function needsToxicity(loaded: LoadedModel): boolean {
  return readsToxicity(loaded.model.stacker.inputs);
}

/** A model that does not read the toxicity model ignores `toxicity` (which stays the caller's). */
export function scorerOf(loaded: LoadedModel, toxicity?: Scorer): Scorer {
  return createTrainedScorer(loaded.model, {
    label: `${loaded.manifest.name} (${path.basename(loaded.dir)}, sha256 ${loaded.digest.slice(0, 12)}, verified)`,
    ...(toxicity && needsToxicity(loaded) ? { toxicity } : {}),
  });
}

export { loadModel, writeModel } from './model-files.js';
