/**
 * Experiments behind the model card: trains with the variant given by
 * environment variables (PRIMARY, AUX, BITS, CHARSHARE, L2, ITERS) and prints
 * the validation-split figures. Never reads the dev set.
 * Run: npx tsx scripts/experiments/train-exp.ts
 */
import { readExamples } from '../../src/train/examples.js';
import { DEFAULT_FEATURES } from '../../src/flag/trained/features.js';
import { trainModel, DEFAULT_TRAIN_OPTIONS } from '../../src/train/train.js';
const D = '../shared/data/train';
const primaryFiles = (process.env.PRIMARY ?? 'attacks-train,toxichat-train').split(',').filter(Boolean);
const auxFiles = (process.env.AUX ?? 'olid-train').split(',').filter(Boolean);
const primary: import('../../src/train/examples.js').Example[] = [];
for (const f of primaryFiles) primary.push(...(await readExamples(`${D}/${f}.jsonl`)).examples);
const aux: { name: string; examples: import('../../src/train/examples.js').Example[] }[] = [];
for (const f of auxFiles) {
  const r = await readExamples(`${D}/${f}.jsonl`);
  aux.push({ name: f, examples: r.examples.length ? r.examples : r.offensive });
}
const t = performance.now();
const { model, report } = await trainModel(primary, aux, {
  ...DEFAULT_TRAIN_OPTIONS,
  spec: { ...DEFAULT_FEATURES, bits: Number(process.env.BITS ?? 18), charShare: Number(process.env.CHARSHARE ?? 0.5) },
  l2: Number(process.env.L2 ?? 0.1),
  maxIterations: Number(process.env.ITERS ?? 150),
  onProgress: (p) => {
    if (process.env.VERBOSE) process.stderr.write(`\r${p.phase} ${p.done}/${p.total}   `);
  },
});
console.log('time', ((performance.now() - t) / 1000).toFixed(1), 's');
console.log(JSON.stringify({ stacker: model.stacker, platt: model.platt, threshold: model.threshold }));
console.log(JSON.stringify(report.counts), JSON.stringify(report.baseIterations));
console.log('validation', JSON.stringify(report.validation));
for (const [s, m] of Object.entries(report.validationBySource)) console.log(' ', s, JSON.stringify(m));
console.log(
  report.calibrationTable
    .map((b) => `${b.from.toFixed(1)} n=${b.n} pred=${b.meanPredicted} obs=${b.observed}`)
    .join('\n'),
);
import { splitOf, pipelineLogit, commentLexicon } from '../../src/train/train.js';
import { textEvidence, stackerLogit } from '../../src/flag/trained/model.js';
import { rocAuc } from '../../src/eval/metrics.js';
const val = primary.filter((e) => splitOf(e.id, 1) === 'validation' && e.source === 'attacks-train');
const whole = val.map((e) => {
  const ev = textEvidence(e.text, model);
  return stackerLogit(model, { baseLogits: ev.baseLogits, lexicon: commentLexicon(e.text) });
});
const pipe = val.map((e) => pipelineLogit(model, e.text));
const prim = val.map((e) => textEvidence(e.text, model).baseLogits[model.bases.length - 1]!);
const y = val.map((e) => e.attack);
console.log(
  'kaggle val AUC whole-comment stacker',
  rocAuc(y, whole).toFixed(4),
  'pipeline max',
  rocAuc(y, pipe).toFixed(4),
  'primary base whole',
  rocAuc(y, prim).toFixed(4),
  'lex targeted',
  rocAuc(
    y,
    val.map((e) => commentLexicon(e.text).lex_targeted),
  ).toFixed(4),
);
