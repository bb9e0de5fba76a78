/**
 * Where threadmod keeps the model and the score cache. Follows the XDG base
 * directory spec so users can move everything with one variable.
 */
import os from 'node:os';
import path from 'node:path';
import { MODEL_NAME } from './pinned.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** `$XDG_CACHE_HOME/threadmod`, default `~/.cache/threadmod`. */
export function cacheRoot(env: Env = process.env): string {
  const xdg = env.XDG_CACHE_HOME;
  // The spec says relative values are invalid and must be ignored.
  const base = xdg && path.isAbsolute(xdg) ? xdg : path.join(env.HOME || os.homedir(), '.cache');
  return path.join(base, 'threadmod');
}

/** Where `model fetch` and `model import` install, and where the scorer looks last. */
export function installedModelDir(env: Env = process.env): string {
  return path.join(cacheRoot(env), 'models', MODEL_NAME);
}

/** Default home of the on-disk score cache. */
export function scoreCacheDir(env: Env = process.env): string {
  return path.join(cacheRoot(env), 'scores');
}

export type ModelSource = 'option' | 'env' | 'cache';

export interface ModelLocation {
  readonly dir: string;
  /** `option` (--model-dir), `env` (THREADMOD_MODEL_DIR) or `cache` (the installed copy). */
  readonly source: ModelSource;
}

/** The folder to load: `--model-dir`, else `THREADMOD_MODEL_DIR`, else the installed copy. */
export function resolveModelLocation(modelDir: string | undefined, env: Env = process.env): ModelLocation {
  if (modelDir) return { dir: path.resolve(modelDir), source: 'option' };
  if (env.THREADMOD_MODEL_DIR) return { dir: path.resolve(env.THREADMOD_MODEL_DIR), source: 'env' };
  return { dir: installedModelDir(env), source: 'cache' };
}

export function describeSource(source: ModelSource): string {
  switch (source) {
    case 'option':
      return '--model-dir';
    case 'env':
      return 'THREADMOD_MODEL_DIR';
    case 'cache':
      return 'installed copy';
  }
}
