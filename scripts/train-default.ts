/**
 * Builds the shipped default model, models/attack-v1, from the training data
 * in ../shared/data/train (or $THREADMOD_SHARED/data/train). Deterministic:
 * running it again on the same files gives the same bytes.
 *
 * Run: npm run train:default
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_MODEL_NAME } from '../src/flag/trained/index.js';
import { runTraining } from '../src/train/run-training.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(repo);
const shared = process.env.THREADMOD_SHARED ?? path.join(repo, '../shared');
const t0 = performance.now();
let lastPhase = '';
const result = await runTraining({
  inputs: [],
  baseData: path.relative(repo, path.join(shared, 'data/train')),
  out: path.join('models', DEFAULT_MODEL_NAME),
  name: DEFAULT_MODEL_NAME,
  seed: 1,
  onProgress: (p) => {
    if (p.phase !== lastPhase) process.stderr.write(`${((performance.now() - t0) / 1000).toFixed(1)}s ${p.phase}\n`);
    lastPhase = p.phase;
  },
  onNote: (m) => process.stderr.write(`${m}\n`),
});
const seconds = (performance.now() - t0) / 1000;
process.stdout.write(
  `${JSON.stringify({ seconds: Number(seconds.toFixed(1)), sha256: result.digest, ...result.report }, null, 2)}\n`,
);
