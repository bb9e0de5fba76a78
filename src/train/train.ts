/**
 * Trains an attack model: base logistic regressions over hashed text
 * features, a stacker over their logits and the lexicon's evidence, Platt
 * scaling and a threshold, each fitted on predictions for data the model
 * making them never saw.
 *
 * The primary examples (attacks on participants: Kaggle insults, ToxiChat
 * turns, a community's own decisions) are split by a hash of seed and id:
 * - `train` (85%): K-fold cross-fitting. K primary base models, each without
 *   one fold, give every train example an out-of-fold logit; the stacker,
 *   the Platt scaling (on comments scored exactly as the flagger scores them:
 *   sentence by sentence, quotes left out) and the threshold are fitted on
 *   those. Then one base model learns from the whole split.
 * - `validation` (15%): only measured; the manifest's metrics come from it.
 * With `refit`, the primary base then learns once more from every primary
 * example, validation included (the shipped model: more data measurably
 * helps, see the model card); the figures stay those measured before.
 * Auxiliary sets (OLID, davidson) train their own base models on all of
 * their rows: none of their rows is primary data, so their logits on primary
 * data are out of sample. Frozen base models (another model's, for a
 * community retraining on top of the shipped model) are used as they are.
 *
 * Same inputs and seed, same weights: no sampling, full-batch L-BFGS, fixed
 * orders everywhere.
 */
import { evaluate, type EvalReport } from '../eval/evaluate.js';
import { rocAuc } from '../eval/metrics.js';
import { calibrationTable, type CalibrationBin } from '../eval/queue-metrics.js';
import { DEFAULT_RULES } from '../flag/rules.js';
import type { RulesFile } from '../flag/rules-schema.js';
import { sentencePieces } from '../flag/flagger.js';
import { scoringText } from '../flag/scoring-text.js';
import { splitSentences } from '../flag/sentences.js';
import { featurize, type FeatureSpec } from '../flag/trained/features.js';
import {
  LEXICON_INPUTS,
  calibrated,
  commentLogit,
  lexiconEvidence,
  stackerInputs,
  stackerLogit,
  textEvidence,
  type BaseModel,
  type Platt,
  type TrainedModel,
} from '../flag/trained/model.js';
import { createTrainedScorer } from '../flag/trained/scorer.js';
import { strongest, TOXICITY_INPUTS, ToxicityReader } from '../flag/trained/toxicity-inputs.js';
import type { Scorer } from '../flag/scorer.js';
import { markQuotes } from '../thread/quotes.js';
import { blankComment, emptyPost } from '../thread/schema.js';
import type { Example } from './examples.js';
import { buildRows, fitLogistic, selectRows, sigmoid, type SparseRows } from './logistic.js';
import { quantise } from './quantise.js';

export interface AuxiliarySet {
  /** Base model name ("olid"). */
  readonly name: string;
  readonly examples: readonly Example[];
}

export interface TrainOptions {
  readonly spec: FeatureSpec;
  readonly seed: number;
  readonly folds: number;
  /**
   * L2 penalty of the base models against the summed loss (divided by the
   * number of examples of each fit): a fixed prior whatever the data size,
   * so 150 decisions are regularised more than 3,000 comments.
   */
  readonly l2: number;
  /**
   * Naive-Bayes feature scaling (Wang and Manning 2012): each feature is
   * multiplied by |log-count ratio| between attacks and non-attacks, with this
   * add-alpha smoothing, before the regression; 0 turns it off. Features seen
   * on one side only get a larger scale, so the L2 penalty holds them back
   * less. Selected by cross-validation on the train split (model card).
   */
  readonly nbAlpha: number;
  /** The same for the stacker and the Platt scaling. */
  readonly stackerL2: number;
  readonly maxIterations: number;
  /**
   * L-BFGS stops when a step improves the loss by less than this share: 1e-5
   * gives the same cross-validated AUC as 1e-7 in a third less time (model card).
   */
  readonly tolerance: number;
  /** After measuring, refit the primary base on every primary example, validation included. */
  readonly refit?: boolean;
  /** Base models of another model, used frozen. */
  readonly frozen?: readonly BaseModel[];
  /** Lexicon inputs the stacker may use. */
  readonly lexiconInputs?: readonly (typeof LEXICON_INPUTS)[number][];
  /**
   * The toxicity model: its scores of each sentence become stacker inputs
   * (`tox:<label>`), so the combination is learned; the model then runs as
   * the `combined` scorer.
   */
  readonly toxicity?: Scorer;
  readonly onProgress?: (p: TrainProgress) => void;
}

export interface TrainProgress {
  readonly phase: string;
  /** Work units done and total, across all phases. */
  readonly done: number;
  readonly total: number;
}

export const DEFAULT_TRAIN_OPTIONS: Omit<TrainOptions, 'spec'> = {
  seed: 1,
  folds: 5,
  l2: 0.1,
  nbAlpha: 0.5,
  stackerL2: 1,
  maxIterations: 150,
  tolerance: 1e-5,
};

export interface SplitMetrics {
  readonly n: number;
  readonly positives: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly auc: number;
}

export interface TrainReport {
  readonly counts: { readonly train: number; readonly validation: number };
  /** Whether the primary base was refitted on every example after the validation figures were taken. */
  readonly refit: boolean;
  /** Metrics of the out-of-fold views of the train split, at the chosen threshold (what chose it). */
  readonly oof: SplitMetrics;
  /** Metrics of the finished model on the validation split, at the chosen threshold; overall and per source. */
  readonly validation: SplitMetrics;
  readonly validationBySource: Readonly<Record<string, SplitMetrics>>;
  readonly calibrationTable: readonly CalibrationBin[];
  readonly threshold: number;
  readonly baseIterations: Readonly<Record<string, number>>;
}

export interface TrainResult {
  readonly model: TrainedModel;
  readonly report: TrainReport;
}

export type SplitName = 'train' | 'validation';

/** Which split an example falls in: a hash of seed and id, independent of file order. */
export function splitOf(id: string, seed: number): SplitName {
  const bucket = hash32(`${seed}:${id}`) % 100;
  return bucket < 85 ? 'train' : 'validation';
}

export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}

export async function trainModel(
  primary: readonly Example[],
  auxiliary: readonly AuxiliarySet[],
  options: TrainOptions,
): Promise<TrainResult> {
  const { spec } = options;
  const dims = 1 << spec.bits;
  const split: Record<SplitName, Example[]> = { train: [], validation: [] };
  for (const e of primary) split[splitOf(e.id, options.seed)].push(e);
  if (split.train.length < 20 || split.validation.length < 5) {
    throw new Error(`too few primary examples to train (${primary.length}; at least ~50 are needed)`);
  }
  const pos = split.train.filter((e) => e.attack).length;
  if (pos < options.folds || split.train.length - pos < options.folds)
    throw new Error('the train split has (almost) only one class; add examples of both attacks and non-attacks');

  // Progress: one unit per optimiser iteration budget, plus scoring phases.
  const fits = auxiliary.length + options.folds + 1 + (options.refit ? 1 : 0);
  const total = fits * options.maxIterations + 3;
  let done = 0;
  const report = (phase: string, units = 0): void => {
    done += units;
    options.onProgress?.({ phase, done: Math.min(done, total), total });
  };

  const fit = (phase: string, raw: SparseRows, labels: readonly Example[]): FittedBase => {
    const y = Float64Array.from(labels, (e) => (e.attack ? 1 : 0));
    const c = classCosts(labels);
    const scale = options.nbAlpha > 0 ? nbScale(raw, y, options.nbAlpha) : null;
    const rows = scale ? scaleColumns(raw, scale) : raw;
    let last = 0;
    const m = fitLogistic(rows, y, c, {
      l2: options.l2 / labels.length,
      maxIterations: options.maxIterations,
      tolerance: options.tolerance,
      onIteration: (it) => {
        report(phase, it - last);
        last = it;
      },
    });
    report(phase, options.maxIterations - last);
    // The scaling is linear, so it folds into the weights: scoring never knows it was there.
    if (scale) for (let d = 0; d < m.weights.length; d++) m.weights[d]! *= scale[d]!;
    return { ...quantise(m.weights), bias: Number(m.bias.toPrecision(9)), iterations: m.iterations };
  };

  // The toxicity model reads every sentence the pipeline will read, once.
  const reader = options.toxicity ? new ToxicityReader(options.toxicity) : undefined;
  if (reader) {
    await reader.read(
      primary.flatMap((e) => pipelineSentences(e.text)),
      (p) => report(`toxicity model ${p.done}/${p.total}`),
    );
  }
  const toxicityScorer = reader?.scorer();
  const withToxicity = toxicityScorer ? { toxicity: toxicityScorer } : {};

  const iterations: Record<string, number> = {};
  report('features');
  const bases: BaseModel[] = [...(options.frozen ?? [])];
  for (const aux of auxiliary) {
    const rows = buildRows(
      aux.examples.map((e) => featurize(e.text, spec)),
      dims,
    );
    const m = fit(`base ${aux.name}`, rows, aux.examples);
    iterations[aux.name] = m.iterations;
    bases.push({ name: aux.name, weights: m.weights, scale: m.scale, bias: m.bias });
  }
  const others = bases.slice();
  const baseNames = [...others.map((b) => b.name), 'primary'];
  const lexInputs = options.lexiconInputs ?? LEXICON_INPUTS;
  const inputs = [...baseNames.map((n) => `base:${n}`), ...lexInputs, ...(reader ? TOXICITY_INPUTS : [])];

  // Cross-fitting: K primary base models, each fitted without one fold. Every
  // train example gets its logit from the model that never saw it, and the
  // stacker, the calibration and the threshold are all fitted on those
  // out-of-fold views: all of the train split teaches the base model, all of
  // it calibrates, and nothing is judged by a model that memorised it.
  const trainRows = buildRows(
    split.train.map((e) => featurize(e.text, spec)),
    dims,
  );
  const fold = split.train.map((e) => hash32(`fold:${options.seed}:${e.id}`) % options.folds);
  const foldBases: FittedBase[] = [];
  const oof = new Float64Array(split.train.length);
  for (let k = 0; k < options.folds; k++) {
    const inFold: number[] = [];
    const outFold: number[] = [];
    fold.forEach((f, i) => (f === k ? outFold : inFold).push(i));
    const m = fit(
      `fold ${k + 1}/${options.folds}`,
      selectRows(trainRows, inFold),
      inFold.map((i) => split.train[i]!),
    );
    foldBases.push(m);
    for (const i of outFold) {
      let z = m.bias;
      for (let p = trainRows.ptr[i]!; p < trainRows.ptr[i + 1]!; p++)
        z += trainRows.val[p]! * m.weights[trainRows.idx[p]!]!;
      oof[i] = z;
    }
  }

  // Stacker on the out-of-fold primary logit, the other bases' logits and the lexicon's evidence.
  const stackX = split.train.map((e, i) => {
    const ev = textEvidence(e.text, { spec, bases: others });
    const baseLogits = Float64Array.of(...ev.baseLogits, oof[i]!);
    const toxicity = reader ? strongest(pipelineSentences(e.text).map((t) => reader.get(t))) : undefined;
    return stackerInputs(
      { baseLogits, lexicon: commentLexicon(e.text), ...(toxicity ? { toxicity } : {}) },
      inputs,
      baseNames,
    );
  });
  const stacker = { inputs, ...fitDense(stackX, split.train, options.stackerL2 / split.train.length) };
  report('stacker', 1);

  // Platt scaling on the out-of-fold pipeline logits: each comment scored as
  // the flagger scores it (sentence by sentence, quotes left out, read whole
  // as well) by its fold's model; the strongest sentence's logit and the
  // whole comment's are the two inputs.
  const foldModel = (k: number, platt: Platt = { a: 1, b: 0, comment: 0 }, threshold = 0.5): TrainedModel => {
    const m = foldBases[k]!;
    return {
      spec,
      bases: [...others, { name: 'primary', weights: m.weights, scale: m.scale, bias: m.bias }],
      stacker,
      platt,
      threshold,
    };
  };
  const uncalibrated = foldBases.map((_, k) => foldModel(k));
  const calInputs = split.train.map((e, i) => pipelineInputs(uncalibrated[fold[i]!]!, e.text, reader));
  const plattFit = fitDense(calInputs, split.train, options.stackerL2 / split.train.length);
  const platt: Platt = { a: plattFit.weights[0]!, comment: plattFit.weights[1]!, b: plattFit.bias };
  report('calibration', 1);

  // Threshold: best F1 over the out-of-fold views, with the rules' targeting.
  const oofItems: EvalReport['items'][number][] = [];
  for (let k = 0; k < options.folds; k++) {
    const outFold = split.train.filter((_, i) => fold[i] === k);
    const r = await evaluate(
      outFold,
      createTrainedScorer(foldModel(k, platt), { label: 'training', ...withToxicity }),
      DEFAULT_RULES,
    );
    oofItems.push(...r.items);
  }
  const threshold = bestThreshold(oofItems);

  const primaryModel = fit('base primary', trainRows, split.train);
  iterations.primary = primaryModel.iterations;
  const measured: TrainedModel = {
    spec,
    bases: [
      ...others,
      { name: 'primary', weights: primaryModel.weights, scale: primaryModel.scale, bias: primaryModel.bias },
    ],
    stacker,
    platt,
    threshold,
  };

  const valRules = rulesWithThreshold(DEFAULT_RULES, threshold);
  const valReport = await evaluate(
    split.validation,
    createTrainedScorer(measured, { label: 'training', ...withToxicity }),
    valRules,
  );
  report('validation', 1);
  const bySource: Record<string, SplitMetrics> = {};
  for (const source of [...new Set(split.validation.map((e) => e.source))].sort()) {
    const ids = new Set(split.validation.filter((e) => e.source === source).map((e) => e.id));
    bySource[source] = metricsOf(valReport.items.filter((i) => ids.has(i.id)));
  }

  // Refit: once measured, the primary base learns from every primary example
  // (the validation split too) with the same settings; the stacker,
  // calibration and threshold stay as measured.
  let model = measured;
  if (options.refit) {
    const allRows = buildRows(
      primary.map((e) => featurize(e.text, spec)),
      dims,
    );
    const all = fit('refit primary on all examples', allRows, primary);
    model = {
      ...measured,
      bases: [...others, { name: 'primary', weights: all.weights, scale: all.scale, bias: all.bias }],
    };
  }
  return {
    model,
    report: {
      counts: { train: split.train.length, validation: split.validation.length },
      refit: options.refit === true,
      validation: metricsOf(valReport.items),
      validationBySource: bySource,
      calibrationTable: calibrationTable(valReport.items.map((i) => [i.targetedScore, i.attack] as const)),
      oof: metricsOf(oofItems.map((i) => ({ ...i, predicted: i.targetedScore > 0 && i.targetedScore >= threshold }))),
      threshold,
      baseIterations: iterations,
    },
  };
}

/** |log((p_j / |p|) / (q_j / |q|))| per column, p and q the feature occurrence counts in attacks and the rest, plus alpha. */
export function nbScale(rows: SparseRows, y: Float64Array, alpha: number): Float64Array {
  const pos = new Float64Array(rows.dims).fill(alpha);
  const neg = new Float64Array(rows.dims).fill(alpha);
  for (let i = 0; i < y.length; i++) {
    const side = y[i]! > 0.5 ? pos : neg;
    for (let p = rows.ptr[i]!; p < rows.ptr[i + 1]!; p++) side[rows.idx[p]!]! += 1;
  }
  let sumPos = 0;
  let sumNeg = 0;
  for (let d = 0; d < rows.dims; d++) {
    sumPos += pos[d]!;
    sumNeg += neg[d]!;
  }
  const out = new Float64Array(rows.dims);
  for (let d = 0; d < rows.dims; d++) out[d] = Math.abs(Math.log(pos[d]! / sumPos / (neg[d]! / sumNeg)));
  return out;
}

export function scaleColumns(rows: SparseRows, scale: Float64Array): SparseRows {
  return { ...rows, val: Float32Array.from(rows.val, (v, p) => v * scale[rows.idx[p]!]!) };
}

interface FittedBase {
  readonly weights: Float32Array;
  readonly scale: number;
  readonly bias: number;
  readonly iterations: number;
}

/** The lexicon's evidence for a whole comment: the strongest sentence's, per input. */
export function commentLexicon(text: string): Record<(typeof LEXICON_INPUTS)[number], number> {
  const out = { lex_insult: 0, lex_targeted: 0, lex_obscene: 0, lex_threat: 0, second_person: 0 };
  for (const s of splitSentences(text)) {
    const { lexicon } = lexiconEvidence(s.text);
    for (const key of LEXICON_INPUTS) out[key] = Math.max(out[key], lexicon[key]);
  }
  return out;
}

/**
 * The flagger's view of a one-comment thread, as the calibration's inputs:
 * the highest stacker logit over the unquoted sentences (each read as the
 * flagger reads it, evasions undone), and the logit of those sentences read
 * as one comment.
 */
export function pipelineInputs(model: TrainedModel, text: string, toxicity?: ToxicityReader): Float64Array {
  const sentences = pipelineSentences(text);
  const evidence = sentences.map((s) =>
    toxicity ? { ...textEvidence(s, model), toxicity: toxicity.get(s) } : textEvidence(s, model),
  );
  const best = Math.max(...evidence.map((ev) => stackerLogit(model, ev)));
  return Float64Array.of(best, sentences.length < 2 ? best : commentLogit(model, sentences, evidence));
}

/** The sentences of a one-comment thread as the flagger scores them: unquoted, evasions undone; at least one. */
export function pipelineSentences(text: string): string[] {
  const thread = markQuotes({ post: emptyPost(), comments: [{ ...blankComment('c', null, ['c']), body: text }] });
  const comment = thread.comments[0]!;
  const sentences = sentencePieces(comment.body, comment.quotes)
    .filter((p) => !p.quoted)
    .map((p) => scoringText(p.text).text);
  if (sentences.length === 0) sentences.push('');
  return sentences;
}

/** The strongest sentence's stacker logit, as the flagger would score the comment. */
export function pipelineLogit(model: TrainedModel, text: string): number {
  return pipelineInputs(model, text)[0]!;
}

/** Attacks and non-attacks weigh the same in total, so a rare class is not ignored. */
function classCosts(examples: readonly Example[]): Float64Array {
  const pos = examples.filter((e) => e.attack).length;
  const neg = examples.length - pos;
  const wPos = pos === 0 ? 0 : examples.length / (2 * pos);
  const wNeg = neg === 0 ? 0 : examples.length / (2 * neg);
  return Float64Array.from(examples, (e) => (e.attack ? wPos : wNeg));
}

/** Logistic regression on a few dense inputs (stacker, Platt), unweighted. */
export function fitDense(
  x: readonly Float64Array[],
  examples: readonly Example[],
  l2: number,
): { weights: number[]; bias: number } {
  const d = x[0]?.length ?? 0;
  const ptr = Int32Array.from({ length: x.length + 1 }, (_, i) => i * d);
  const idx = new Int32Array(x.length * d);
  const val = new Float32Array(x.length * d);
  x.forEach((row, i) => {
    for (let j = 0; j < d; j++) {
      idx[i * d + j] = j;
      val[i * d + j] = row[j]!;
    }
  });
  const y = Float64Array.from(examples, (e) => (e.attack ? 1 : 0));
  const c = new Float64Array(examples.length).fill(1);
  const m = fitLogistic({ ptr, idx, val, dims: d }, y, c, { l2, maxIterations: 500, tolerance: 1e-10 });
  return { weights: [...m.weights].map((w) => Number(w.toPrecision(8))), bias: Number(m.bias.toPrecision(8)) };
}

function bestThreshold(items: EvalReport['items']): number {
  let best = 0.5;
  let bestF1 = -1;
  for (let t = 0.05; t <= 0.951; t += 0.01) {
    const th = Math.round(t * 100) / 100;
    let tp = 0;
    let fp = 0;
    let fn = 0;
    for (const i of items) {
      const flagged = i.targetedScore > 0 && i.targetedScore >= th;
      if (flagged && i.attack) tp++;
      else if (flagged) fp++;
      else if (i.attack) fn++;
    }
    const f1 = tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
    if (f1 > bestF1 + 1e-12) {
      bestF1 = f1;
      best = th;
    }
  }
  return best;
}

/** The rules with every personal-attack trigger on `insult` set to `threshold`. */
export function rulesWithThreshold(rules: RulesFile, threshold: number): RulesFile {
  return {
    ...rules,
    rules: rules.rules.map((r) =>
      r.requiresTarget
        ? { ...r, triggers: r.triggers.map((t) => (t.label === 'insult' ? { ...t, threshold } : t)) }
        : r,
    ),
  };
}

function metricsOf(items: EvalReport['items']): SplitMetrics {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const i of items) {
    if (i.predicted && i.attack) tp++;
    else if (i.predicted) fp++;
    else if (i.attack) fn++;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  const auc = rocAuc(
    items.map((i) => i.attack),
    items.map((i) => i.score),
  );
  const r = (x: number) => (Number.isFinite(x) ? Math.round(x * 10000) / 10000 : null);
  return {
    n: items.length,
    positives: tp + fn,
    precision: r(precision)!,
    recall: r(recall)!,
    f1: r(f1)!,
    auc: r(auc) ?? Number.NaN,
  };
}

export { sigmoid, calibrated };
