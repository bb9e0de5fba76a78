/**
 * Finds the model folder the scorer should load and checks it. A missing or
 * incomplete model is a UserError that says how to get one; a complete folder
 * that does not match the pinned files is used, with a warning.
 */
import { UserError } from '../errors.js';
import { MODEL_NAME } from './pinned.js';
import { describeSource, resolveModelLocation, type Env, type ModelLocation } from './paths.js';
import { checkModelDir, summariseProblems, type ModelCheck } from './verify.js';

export interface LocatedModel {
  readonly location: ModelLocation;
  readonly check: ModelCheck;
}

export const HOW_TO_GET_MODEL = 'run `threadmod model fetch`, or `threadmod model import <dir>` offline';

export async function locateModel(
  modelDir: string | undefined,
  env: Env = process.env,
  onWarning: (msg: string) => void = () => {},
): Promise<LocatedModel> {
  const location = resolveModelLocation(modelDir, env);
  const check = await checkModelDir(location.dir);
  if (check.files.every((f) => f.bytes === null)) throw missingModel(location);
  const missing = check.files.find((f) => f.bytes === null);
  if (missing)
    throw new UserError(`toxicity model in ${location.dir} is incomplete (${missing.problem}): ${HOW_TO_GET_MODEL}`);
  if (!check.ok) {
    onWarning(
      `toxicity model in ${location.dir} does not match the pinned ${MODEL_NAME} files (${summariseProblems(check)}); using it unverified`,
    );
  }
  return { location, check };
}

/** The error for "no model here", worded for where we looked. */
export function missingModel(location: ModelLocation): UserError {
  if (location.source === 'cache')
    return new UserError(`toxicity model not installed (${location.dir}): ${HOW_TO_GET_MODEL}`);
  return new UserError(
    `no toxicity model in ${location.dir} (from ${describeSource(location.source)}): ${HOW_TO_GET_MODEL}`,
  );
}
