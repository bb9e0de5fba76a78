/**
 * `threadmod train` on 20,000 labelled examples: the shipped model's data
 * (Kaggle insults, ToxiChat turns) plus OLID tweets, topped up with davidson
 * tweets (offensive or not) to 20,000, trained as `threadmod train` does
 * (cross-fitting, calibration, threshold, validation, refit, folder written).
 * Figure: CPU seconds of the whole run (target: under 120 s, on 2 cores).
 * Floor, in the same run: featurising the 20,000 texts once, the least any
 * trainer over these features has to do.
 *
 * Run: npm run bench:train
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_FEATURES, featurize } from '../src/flag/trained/features.js';
import { parseExamples } from '../src/train/examples.js';
import { runTraining } from '../src/train/run-training.js';
import { machineLine, report } from './support/report.js';

const TOTAL = 20_000;
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const data = path.join(process.env.THREADMOD_SHARED ?? path.join(repo, '../shared'), 'data/train');
const dir = mkdtempSync(path.join(os.tmpdir(), 'threadmod-bench-train-'));

function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

console.log(machineLine());
const primary = ['attacks-train.jsonl', 'toxichat-train.jsonl', 'olid-train.jsonl'].map((f) => path.join(data, f));
const have = primary.reduce((n, f) => n + parseExamples(readFileSync(f, 'utf8'), f).examples.length, 0);
const davidson = parseExamples(readFileSync(path.join(data, 'davidson.jsonl'), 'utf8'), 'davidson.jsonl').offensive;
const topUp = path.join(dir, 'davidson-top-up.jsonl');
writeFileSync(
  topUp,
  davidson
    .slice(0, Math.max(0, TOTAL - have))
    .map((e) => JSON.stringify({ id: e.id, text: e.text, attack: e.attack }))
    .join('\n'),
);
const inputs = [...primary, topUp];
const texts = inputs.flatMap((f) => parseExamples(readFileSync(f, 'utf8'), f).examples.map((e) => e.text));

const f0 = cpuSeconds();
let sink = 0;
for (const t of texts) sink += featurize(t, DEFAULT_FEATURES).idx.length;
const floor = cpuSeconds() - f0;

const w0 = performance.now();
const c0 = cpuSeconds();
const result = await runTraining({ inputs, out: path.join(dir, 'model'), name: 'bench' });
const cpu = cpuSeconds() - c0;
const wall = (performance.now() - w0) / 1000;
rmSync(dir, { recursive: true, force: true });
console.log(
  `trained on ${result.examples} examples (validation AUC ${result.report.validation.auc.toFixed(3)}); wall ${wall.toFixed(1)} s`,
);
report({
  name: `train on ${result.examples} examples`,
  value: cpu,
  unit: 'CPU s',
  floor,
  floorName: 'featurising every text once',
  target: { on: 'value', op: '<', limit: 120 },
  note: `wall ${wall.toFixed(1)} s; single-threaded`,
});
if (sink < 0) console.log(sink);
