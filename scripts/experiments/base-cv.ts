/**
 * Base-model selection by 5-fold cross-validation on the train split of the
 * primary data (the validation split and the dev set are never read): ROC AUC
 * of the out-of-fold logits of one logistic regression over the hashed
 * features, for a variant given as JSON. Quick (no stacker, no calibration),
 * so feature settings, L2 and the naive-Bayes scaling can be compared.
 *
 * Run: npx tsx scripts/experiments/base-cv.ts '{"nb":0.5,"l2":0.1,"spec":{"bits":16},"K":5}'
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_FEATURES, featurize, type FeatureSpec } from '../../src/flag/trained/features.js';
import { rocAuc } from '../../src/eval/metrics.js';
import { parseExamples } from '../../src/train/examples.js';
import { buildRows, fitLogistic, selectRows } from '../../src/train/logistic.js';
import { hash32, nbScale, scaleColumns, splitOf } from '../../src/train/train.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const shared = process.env.THREADMOD_SHARED ?? path.join(repo, '../shared');
const cfg = JSON.parse(process.argv[2] ?? '{}') as {
  nb?: number;
  l2?: number;
  K?: number;
  tol?: number;
  spec?: Partial<FeatureSpec>;
  /** Extra training rows (never scored): a file of ../shared/data/train and the weight of its rows. */
  extra?: { file: string; weight: number }[];
};
const spec: FeatureSpec = { ...DEFAULT_FEATURES, ...(cfg.spec ?? {}) };
const l2 = cfg.l2 ?? 0.1;
const K = cfg.K ?? 5;
const examples = ['attacks-train', 'toxichat-train']
  .flatMap((f) => {
    const file = path.join(shared, 'data/train', `${f}.jsonl`);
    return parseExamples(readFileSync(file, 'utf8'), file).examples;
  })
  .filter((e) => splitOf(e.id, 1) === 'train');
const extras = (cfg.extra ?? []).flatMap(({ file, weight }) => {
  const f = path.join(shared, 'data/train', `${file}.jsonl`);
  const ex = parseExamples(readFileSync(f, 'utf8'), f).examples.filter((e) => e.attack !== null);
  const pos = ex.filter((e) => e.attack).length;
  return ex.map((e) => ({
    e,
    cost: weight * (e.attack ? ex.length / (2 * pos) : ex.length / (2 * (ex.length - pos))),
  }));
});
const t0 = performance.now();
const rows = buildRows(
  [...examples, ...extras.map((x) => x.e)].map((e) => featurize(e.text, spec)),
  1 << spec.bits,
);
const extraIdx = extras.map((_, j) => examples.length + j);
const fold = examples.map((e) => hash32(`cv:${e.id}`) % K);
const oof = new Float64Array(examples.length);
for (let k = 0; k < K; k++) {
  const inFold: number[] = [];
  const outFold: number[] = [];
  fold.forEach((f, i) => (f === k ? outFold : inFold).push(i));
  const sub = inFold.map((i) => examples[i]!);
  const y = Float64Array.from([...sub, ...extras.map((x) => x.e)], (e) => (e.attack ? 1 : 0));
  const pos = sub.filter((e) => e.attack).length;
  const costs = Float64Array.from([
    ...sub.map((e) => (e.attack ? sub.length / (2 * pos) : sub.length / (2 * (sub.length - pos)))),
    ...extras.map((x) => x.cost),
  ]);
  const raw = selectRows(rows, [...inFold, ...extraIdx]);
  const scale = cfg.nb ? nbScale(raw, y, cfg.nb) : null;
  const m = fitLogistic(scale ? scaleColumns(raw, scale) : raw, y, costs, {
    l2: l2 / costs.reduce((a, b) => a + b, 0),
    maxIterations: 150,
    ...(cfg.tol ? { tolerance: cfg.tol } : {}),
  });
  for (const i of outFold) {
    let z = m.bias;
    for (let p = rows.ptr[i]!; p < rows.ptr[i + 1]!; p++)
      z += rows.val[p]! * m.weights[rows.idx[p]!]! * (scale ? scale[rows.idx[p]!]! : 1);
    oof[i] = z;
  }
}
const auc = (source?: string): string => {
  const at = examples.map((e, i) => [e, i] as const).filter(([e]) => !source || e.source === source);
  return rocAuc(
    at.map(([e]) => e.attack),
    at.map(([, i]) => oof[i]!),
  ).toFixed(4);
};
console.log(
  `${JSON.stringify(cfg)}: out-of-fold AUC attacks-train ${auc('attacks-train')}, toxichat-train ${auc('toxichat-train')}, all ${auc()} (${((performance.now() - t0) / 1000).toFixed(0)} s)`,
);
