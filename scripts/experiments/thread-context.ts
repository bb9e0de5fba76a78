/**
 * Does a comment's place in the thread help tell attacks apart? Issue 10
 * item 7, measured on ToxiChat, the only thread-shaped labelled data here.
 *
 * 1. A model is trained (as `threadmod train` does, no refit) on the Kaggle
 *    insults alone, so its probabilities for every ToxiChat turn are out of
 *    sample.
 * 2. For each turn: the model's pipeline logit (sentence by sentence, quotes
 *    left out), and context features: depth, the parent's own logit (its
 *    hostility), second person in the turn, the share of the turn's word
 *    trigrams taken from the parent (quoting it), and second person x parent
 *    hostility (answering a hostile comment in kind).
 * 3. A small logistic regression on the turn's logit alone, and on the logit
 *    plus each context feature (and all of them), fitted on toxichat-train
 *    turns and measured by ROC AUC on toxichat-dev turns (other threads), and
 *    by 5-fold cross-validation over toxichat-train threads.
 * ToxiChat has no author names, so "replying to the author it has been
 * arguing with" cannot be measured here.
 *
 * Run: npx tsx scripts/experiments/thread-context.ts
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rocAuc } from '../../src/eval/metrics.js';
import { DEFAULT_FEATURES } from '../../src/flag/trained/features.js';
import { readExamples, type Example } from '../../src/train/examples.js';
import { DEFAULT_TRAIN_OPTIONS, fitDense, hash32, pipelineLogit, trainModel } from '../../src/train/train.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const data = path.join(process.env.THREADMOD_SHARED ?? path.join(repo, '../shared'), 'data/train');
const kaggle = (await readExamples(path.join(data, 'attacks-train.jsonl'))).examples;
const { model } = await trainModel(kaggle, [], { ...DEFAULT_TRAIN_OPTIONS, spec: DEFAULT_FEATURES, refit: false });

const SECOND = /\b(?:you|your|you're|youre|ur|u|yourself)\b/i;
const trigrams = (t: string): string[] => {
  const w = t.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];
  return w.slice(2).map((_, i) => `${w[i]} ${w[i + 1]} ${w[i + 2]}`);
};
const FEATURES = ['depth', 'parent_hostility', 'second_person', 'quotes_parent', 'second_person_x_parent'] as const;
interface Row {
  readonly thread: string;
  readonly attack: boolean;
  readonly logit: number;
  readonly ctx: Record<(typeof FEATURES)[number], number>;
}
function rowsOf(examples: readonly Example[]): Row[] {
  return examples.map((e) => {
    // The post (depth 0's parent) is not scored by the flagger: no parent hostility there.
    const parent = (e.depth ?? 0) > 0 ? (e.parent ?? '') : '';
    const parentLogit = parent ? pipelineLogit(model, parent) : 0;
    const own = new Set(trigrams(parent));
    const tri = trigrams(e.text);
    const second = SECOND.test(e.text) ? 1 : 0;
    return {
      thread: e.id.split('#')[0]!,
      attack: e.attack,
      logit: pipelineLogit(model, e.text),
      ctx: {
        depth: Math.log1p(e.depth ?? 0),
        parent_hostility: parentLogit,
        second_person: second,
        quotes_parent: tri.length ? tri.filter((t) => own.has(t)).length / tri.length : 0,
        second_person_x_parent: second * parentLogit,
      },
    };
  });
}
const train = rowsOf((await readExamples(path.join(data, 'toxichat-train.jsonl'))).examples);
const dev = rowsOf((await readExamples(path.join(data, 'toxichat-dev.jsonl'))).examples);

const x = (r: Row, use: readonly string[]): Float64Array =>
  Float64Array.of(r.logit, ...use.map((f) => r.ctx[f as (typeof FEATURES)[number]]));
function fitAndScore(fitRows: readonly Row[], testRows: readonly Row[], use: readonly string[]): number[] {
  const m = fitDense(
    fitRows.map((r) => x(r, use)),
    fitRows.map((r) => ({ attack: r.attack }) as Example),
    1 / fitRows.length,
  );
  if (use.length === 1 && testRows === dev)
    console.log(`  (${use[0]}: weights ${m.weights.map((w) => w.toFixed(3)).join(', ')}, bias ${m.bias.toFixed(3)})`);
  return testRows.map((r) => x(r, use).reduce((s, v, i) => s + v * m.weights[i]!, m.bias));
}
const auc = (rows: readonly Row[], scores: readonly number[]): number =>
  rocAuc(
    rows.map((r) => r.attack),
    scores,
  );
function crossValidated(use: readonly string[]): number {
  const fold = train.map((r) => hash32(`ctx:${r.thread}`) % 5);
  const scores = new Array<number>(train.length);
  for (let k = 0; k < 5; k++) {
    const idx = train.map((_, i) => i).filter((i) => fold[i] === k);
    const s = fitAndScore(
      train.filter((_, i) => fold[i] !== k),
      idx.map((i) => train[i]!),
      use,
    );
    idx.forEach((i, j) => (scores[i] = s[j]!));
  }
  return auc(train, scores);
}

const pos = (rows: readonly Row[]) => rows.filter((r) => r.attack).length;
console.log(
  `ToxiChat turns: train ${train.length} (${pos(train)} attacks), dev ${dev.length} (${pos(dev)} attacks); model trained on Kaggle insults only`,
);
console.log('| inputs | AUC, 5-fold CV over train threads | AUC on dev threads |');
console.log('| --- | --- | --- |');
const variants: Array<[string, string[]]> = [
  ['turn logit alone', []],
  ...FEATURES.map((f): [string, string[]] => [`+ ${f}`, [f]]),
  ['+ all context features', [...FEATURES]],
];
for (const [name, use] of variants)
  console.log(`| ${name} | ${crossValidated(use).toFixed(4)} | ${auc(dev, fitAndScore(train, dev, use)).toFixed(4)} |`);
