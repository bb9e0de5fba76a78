/**
 * Where the ranking is won and lost: trains without refit (so the validation
 * split is unseen) and prints the validation split's ROC AUC at each stage of
 * the pipeline: the primary base on the whole comment, the stacker on the
 * whole comment, the calibrated pipeline inputs, and `evaluate`'s score
 * (sentence by sentence, with targeting). Never reads the dev set.
 *
 * Run: npx tsx scripts/experiments/stages.ts '{"seed":1}'
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluate } from '../../src/eval/evaluate.js';
import { rocAuc } from '../../src/eval/metrics.js';
import { DEFAULT_RULES } from '../../src/flag/rules.js';
import { loadModel } from '../../src/flag/trained/model-files.js';
import { calibrated, stackerLogit, textEvidence } from '../../src/flag/trained/model.js';
import { createTrainedScorer } from '../../src/flag/trained/scorer.js';
import { readExamples } from '../../src/train/examples.js';
import { runTraining, type RunTrainingOptions } from '../../src/train/run-training.js';
import { pipelineInputs, rulesWithThreshold, splitOf } from '../../src/train/train.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
process.chdir(repo);
const shared = process.env.THREADMOD_SHARED ?? path.join(repo, '../shared');
const overrides = JSON.parse(process.argv[2] ?? '{}') as Partial<RunTrainingOptions>;
const seed = overrides.seed ?? 1;
const out = mkdtempSync(path.join(os.tmpdir(), 'threadmod-stages-'));
await runTraining({
  inputs: [],
  baseData: path.relative(repo, path.join(shared, 'data/train')),
  out,
  name: 'experiment',
  seed,
  refit: false,
  ...overrides,
});
const { model } = await loadModel(out);
rmSync(out, { recursive: true, force: true });
const val = (
  await Promise.all(
    ['attacks-train', 'toxichat-train'].map(
      async (f) => (await readExamples(path.join(shared, 'data/train', `${f}.jsonl`))).examples,
    ),
  )
)
  .flat()
  .filter((e) => splitOf(e.id, seed) === 'validation');
const truth = val.map((e) => e.attack);
const primary = model.bases.findIndex((b) => b.name === 'primary');
const ev = val.map((e) => textEvidence(e.text, model));
const pipe = val.map((e) => pipelineInputs(model, e.text));
const r = await evaluate(
  val,
  createTrainedScorer(model, { label: 'x' }),
  rulesWithThreshold(DEFAULT_RULES, model.threshold),
);
const base = rulesWithThreshold(DEFAULT_RULES, model.threshold);
const insultOnly = {
  ...base,
  rules: base.rules.map((rule) =>
    rule.requiresTarget ? { ...rule, triggers: rule.triggers.filter((t) => t.label === 'insult') } : rule,
  ),
};
const r2 = await evaluate(val, createTrainedScorer(model, { label: 'x' }), insultOnly);
console.log(
  `evaluate, insult trigger only: p ${r2.precision.toFixed(3)} r ${r2.recall.toFixed(3)} f1 ${r2.f1.toFixed(4)}`,
);
const rows: Array<[string, number[]]> = [
  ['primary base, whole comment', ev.map((x) => x.baseLogits[primary]!)],
  ['stacker, whole comment', ev.map((x) => stackerLogit(model, x))],
  ['pipeline: best sentence', pipe.map((p) => p[0]!)],
  ['pipeline: comment of unquoted sentences', pipe.map((p) => p[1]!)],
  ['pipeline: calibrated', pipe.map((p) => calibrated(model.platt, p[0]!, p[1]!))],
  ['evaluate score (targeting)', r.items.map((i) => i.score)],
  ['evaluate targeted score', r.items.map((i) => i.targetedScore)],
  ['evaluate score, insult trigger only', r2.items.map((i) => i.score)],
];
console.log(`evaluate: p ${r.precision.toFixed(3)} r ${r.recall.toFixed(3)} f1 ${r.f1.toFixed(4)}`);
for (const [name, s] of rows) {
  const by = (src: string) =>
    rocAuc(
      truth.filter((_, i) => val[i]!.source === src),
      s.filter((_, i) => val[i]!.source === src),
    ).toFixed(4);
  console.log(
    `${name.padEnd(42)} all ${rocAuc(truth, s).toFixed(4)}  kaggle ${by('attacks-train')}  toxichat ${by('toxichat-train')}`,
  );
}
