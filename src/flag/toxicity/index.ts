/**
 * Entry point of the toxicity scorer: finds and checks the model, picks a
 * backend, starts the workers and opens the score cache.
 */
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UserError } from '../../errors.js';
import { locateModel } from '../../model/locate.js';
import { resolveModelLocation, scoreCacheDir, type Env } from '../../model/paths.js';
import { PINNED_FILES } from '../../model/pinned.js';
import type { ModelCheck } from '../../model/verify.js';
import { checkWeightFiles, readVocabulary } from './artifacts.js';
import { BACKENDS, defaultBackend, tryLoadTfjsNode, type BackendName } from './backend.js';
import { WorkerPool } from './pool.js';
import { InProcessRunner, type Runner } from './runner.js';
import { ScoreCache } from './score-cache.js';
import { ToxicityModelScorer, type ToxicityScorer } from './scorer.js';
import { SentencePieceTokenizer } from './tokenizer.js';

export type { ToxicityScorer, ToxicityStats } from './scorer.js';
export { BACKENDS, type BackendName } from './backend.js';

export interface ToxicityOptions {
  /** Model folder (CLI `--model-dir`); else THREADMOD_MODEL_DIR; else the installed copy. */
  readonly modelDir?: string;
  /** Default: `tensorflow` if @tensorflow/tfjs-node loads, else `wasm`. Never `cpu` unless asked. */
  readonly backend?: BackendName;
  /** Model worker threads; 0 runs the model in this thread. Default: min(2, cores), or 0 on `tensorflow`. */
  readonly workers?: number;
  /** Most sentences per model call. Default DEFAULT_BATCH_SIZE. */
  readonly batchSize?: number;
  /** Most padded tokens per model call (WASM memory only grows, so keep this moderate). Default DEFAULT_BATCH_TOKENS. */
  readonly batchTokens?: number;
  /** Score cache folder; null disables it. Default `$XDG_CACHE_HOME/threadmod/scores`. */
  readonly cacheDir?: string | null;
  /** One-line warnings (unverified model, unwritable cache). */
  readonly onWarning?: (msg: string) => void;
  /** One-line progress notes (loading, ready). */
  readonly onStatus?: (msg: string) => void;
  /** Environment to read THREADMOD_MODEL_DIR / XDG_CACHE_HOME from; default process.env. */
  readonly env?: Env;
}

export const DEFAULT_BATCH_SIZE = 64;
export const DEFAULT_BATCH_TOKENS = 1024;

/**
 * Loads the toxicity scorer. Throws a UserError when no usable model is
 * found. The model keeps loading in the workers after this resolves; score()
 * waits for it, and a run answered entirely from the cache never does.
 */
export async function loadToxicityScorer(options: ToxicityOptions = {}): Promise<ToxicityScorer> {
  const env = options.env ?? process.env;
  const warn = options.onWarning ?? (() => {});
  const status = options.onStatus ?? (() => {});
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new UserError(`batch size must be a positive integer, got ${batchSize}`);
  const batchTokens = options.batchTokens ?? DEFAULT_BATCH_TOKENS;
  if (!Number.isInteger(batchTokens) || batchTokens < 1)
    throw new UserError(`batch tokens must be a positive integer, got ${batchTokens}`);
  if (options.backend !== undefined && !BACKENDS.includes(options.backend)) {
    throw new UserError(`unknown backend ${String(options.backend)} (expected ${BACKENDS.join(', ')})`);
  }

  const location = resolveModelLocation(options.modelDir, env);
  // A missing or half-copied folder gets locateModel's message (with how to get the model) before anything starts.
  if (!PINNED_FILES.every((f) => existsSync(path.join(location.dir, f.name))))
    await locateModel(options.modelDir, env, warn);
  checkWeightFiles(location.dir);
  // Read and checked now, so a bad file is refused before any worker starts; the trie is built on first use.
  const vocabulary = readVocabulary(location.dir);
  const backend = options.backend ?? (await defaultBackend());
  if (backend === 'tensorflow' && !(await tryLoadTfjsNode())) {
    throw new UserError('backend tensorflow needs @tensorflow/tfjs-node, which is not installed; use --backend wasm');
  }
  // Native TensorFlow has its own thread pool; wasm in Node is single-threaded, so it gets workers.
  const workers = options.workers ?? (backend === 'tensorflow' ? 0 : Math.min(2, os.availableParallelism()));
  if (!Number.isInteger(workers) || workers < 0) throw new UserError(`workers must be 0 or more, got ${workers}`);

  // Workers start loading while this thread hashes the 29 MB of model files: load time is the longer of the two, not the sum.
  const started = performance.now();
  const runner: Runner =
    workers === 0 ? new InProcessRunner(location.dir, backend) : new WorkerPool(location.dir, backend, workers);
  let check: ModelCheck;
  try {
    ({ check } = await locateModel(options.modelDir, env, warn));
  } catch (error) {
    await runner.close();
    throw error;
  }
  const verified = check.ok ? 'verified' : 'unverified';
  status(
    `toxicity: loading ${location.dir} (${verified}) on ${backend}, ${workers === 0 ? 'in process' : `${workers} workers`}`,
  );
  runner.ready().then(
    () => status(`toxicity: model ready in ${((performance.now() - started) / 1000).toFixed(2)} s`),
    () => {}, // the error reaches the caller through score() or ready()
  );

  const cacheDir = options.cacheDir === undefined ? scoreCacheDir(env) : options.cacheDir;
  const cache = cacheDir === null ? null : await ScoreCache.open(cacheDir, check.identity, warn);
  const info = { name: 'toxicity', backend, model: `${location.dir} (${verified})` };
  const tokenizer = () => new SentencePieceTokenizer(vocabulary);
  return new ToxicityModelScorer(info, runner, cache, { maxSentences: batchSize, maxTokens: batchTokens }, tokenizer);
}
