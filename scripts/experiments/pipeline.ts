/**
 * Model-selection experiments on the project's own held-out split (never the
 * dev set): trains with the options given as JSON and prints the validation
 * split's metrics, overall and per source.
 *
 * Run: npx tsx scripts/experiments/pipeline.ts '{"l2":0.1,"spec":{"bits":18}}'
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { runTraining, type RunTrainingOptions } from '../../src/train/run-training.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
process.chdir(repo);
const shared = process.env.THREADMOD_SHARED ?? path.join(repo, '../shared');
const overrides = JSON.parse(process.argv[2] ?? '{}') as Partial<RunTrainingOptions>;
const out = mkdtempSync(path.join(os.tmpdir(), 'threadmod-exp-'));
const t0 = performance.now();
const result = await runTraining({
  inputs: [],
  baseData: path.relative(repo, path.join(shared, 'data/train')),
  out,
  name: 'experiment',
  seed: 1,
  ...overrides,
});
rmSync(out, { recursive: true, force: true });
const r = result.report;
const fmt = (m: { auc: number; f1: number; precision: number; recall: number; n: number }) =>
  `auc ${m.auc.toFixed(4)} f1 ${m.f1.toFixed(4)} p ${m.precision.toFixed(3)} r ${m.recall.toFixed(3)} n ${m.n}`;
console.log(
  `${JSON.stringify(overrides)} (${((performance.now() - t0) / 1000).toFixed(0)} s) threshold ${r.threshold}`,
);
console.log(`  validation: ${fmt(r.validation)}`);
console.log(`  out-of-fold (train split): ${fmt(r.oof)}`);
for (const [s, m] of Object.entries(r.validationBySource)) console.log(`  ${s}: ${fmt(m)}`);
