/**
 * The trained attack model in memory, and how it scores one text.
 *
 * Two layers, stacked:
 * 1. Base models: logistic regressions over the hashed text features
 *    (features.ts), one per training role: the primary data (attacks on
 *    participants) and auxiliary sets with related labels (OLID's insults at
 *    individuals, davidson's offensive language), each fitted on its own.
 * 2. A stacker: a logistic regression over the base models' logits and the
 *    lexicon's evidence (insult score, insult aimed at a participant,
 *    obscenity), fitted on out-of-fold base predictions so it learns how far
 *    to trust each base model on data it did not memorise.
 * Then Platt scaling over the sentence's and its whole comment's logits (see
 * `Platt`), fitted on held-out comments as the flagger scores them
 * (the maximum over sentences), makes the output a probability.
 */
import { aimsAtParticipant, findTarget } from '../targeting.js';
import { analyseSentence } from '../lexicon/analyse.js';
import type { Label } from '../labels.js';
import type { MatchedTerm, SentenceScore } from '../scorer.js';
import { countFeatures, type Counted, type FeatureSpec, type Normalised, normalise } from './features.js';
import { strongest, toxicityIndex, type ToxicityInputs } from './toxicity-inputs.js';

export interface BaseModel {
  readonly name: string;
  /** Weights per hash bucket, already dequantised. */
  readonly weights: Float32Array;
  readonly bias: number;
  /** Quantisation step: every weight is an integer multiple of it. */
  readonly scale: number;
}

/** Names of the stacker's inputs, in order; a model lists the ones it uses. */
export const LEXICON_INPUTS = ['lex_insult', 'lex_targeted', 'lex_obscene', 'lex_threat', 'second_person'] as const;

export interface Stacker {
  /**
   * Input names: `base:<name>` for base logits, one of LEXICON_INPUTS, or
   * `tox:<label>` for the toxicity model's logit (models trained with it).
   */
  readonly inputs: readonly string[];
  readonly weights: readonly number[];
  readonly bias: number;
}

/**
 * Calibration: p = sigmoid(a * sentence logit + comment * comment logit + b).
 * The comment logit is the stacker's logit of the whole comment (its
 * unquoted sentences together): a sentence of a hostile comment is more
 * likely an attack than the same sentence in a friendly one, and several
 * mild sentences add up. `comment` is 0 in models made before it existed.
 */
export interface Platt {
  readonly a: number;
  readonly b: number;
  readonly comment: number;
}

export interface TrainedModel {
  readonly spec: FeatureSpec;
  readonly bases: readonly BaseModel[];
  readonly stacker: Stacker;
  readonly platt: Platt;
  /** Recommended decision threshold on the calibrated probability. */
  readonly threshold: number;
}

/** Everything known about one text before the stacker: base logits and lexicon evidence. */
export interface TextEvidence {
  readonly baseLogits: Float64Array;
  readonly lexicon: Readonly<Record<(typeof LEXICON_INPUTS)[number], number>>;
  /** Lexicon terms (offsets into the text). */
  readonly terms: readonly MatchedTerm[];
  readonly lexScores: SentenceScore['scores'];
  /** The lexicon's negated, denied, reported or self-described insult spans (see SentenceLexicon). */
  readonly discounted: ReadonlyArray<readonly [number, number]>;
  readonly norm: Normalised;
  readonly counted: Counted;
  /** The toxicity model's scores, when the model reads them (toxicity-inputs.ts). */
  readonly toxicity?: ToxicityInputs;
}

/** What the stacker reads of a text. */
export type StackerEvidence = Pick<TextEvidence, 'baseLogits' | 'lexicon' | 'toxicity'>;

const TARGET_LABELS: ReadonlySet<Label> = new Set(['insult', 'identity_attack', 'threat', 'severe_toxicity']);

/** Base logits and lexicon evidence for one sentence (or one whole comment, when training). */
export function textEvidence(text: string, model: Pick<TrainedModel, 'spec' | 'bases'>): TextEvidence {
  // Named one by one: spreading the two parts costs as much as the dot product.
  const base = baseEvidence(text, model);
  const lex = lexiconEvidence(text);
  return {
    baseLogits: base.baseLogits,
    norm: base.norm,
    counted: base.counted,
    lexicon: lex.lexicon,
    terms: lex.terms,
    lexScores: lex.lexScores,
    discounted: lex.discounted,
  };
}

/** The base models' logits for a text, and its features. */
export function baseEvidence(
  text: string,
  model: Pick<TrainedModel, 'spec' | 'bases'>,
): Pick<TextEvidence, 'baseLogits' | 'norm' | 'counted'> {
  const norm = normalise(text);
  const counted = countFeatures(norm, model.spec);
  const baseLogits = new Float64Array(model.bases.length);
  model.bases.forEach((base, k) => {
    baseLogits[k] = counted.dot(base.weights) + base.bias;
  });
  return { baseLogits, norm, counted };
}

/**
 * The lexicon's view of a text: per sentence scores, terms and whether the
 * insult words are aimed at a participant. A whole comment is judged by its
 * strongest sentence, as the flagger would.
 */
export function lexiconEvidence(text: string): Pick<TextEvidence, 'lexicon' | 'terms' | 'lexScores' | 'discounted'> {
  const { scores, terms, discounted } = analyseSentence(text);
  const relevant = terms.filter((t) => TARGET_LABELS.has(t.label));
  const target = relevant.length > 0 ? findTarget(text, { terms: relevant }) : null;
  const attackish = Math.max(scores.insult, scores.identity_attack, scores.threat, scores.severe_toxicity);
  return {
    lexicon: {
      lex_insult: scores.insult,
      lex_targeted: aimsAtParticipant(target) ? attackish : 0,
      lex_obscene: scores.obscene,
      lex_threat: Math.max(scores.threat, scores.identity_attack),
      second_person: SECOND_PERSON_RE.test(text) ? 1 : 0,
    },
    terms,
    lexScores: scores,
    discounted,
  };
}

const SECOND_PERSON_RE = /\b(?:you|your|you're|youre|ur|u|yourself|ya|y'all)\b/i;

/** The stacker's input vector for a text's evidence. */
export function stackerInputs(
  ev: StackerEvidence,
  inputs: readonly string[],
  baseNames: readonly string[],
): Float64Array {
  const x = new Float64Array(inputs.length);
  inputs.forEach((name, i) => {
    const tox = toxicityIndex(name);
    if (name.startsWith('base:')) x[i] = ev.baseLogits[baseNames.indexOf(name.slice(5))] ?? 0;
    else if (tox >= 0) x[i] = ev.toxicity?.[tox] ?? 0;
    else x[i] = ev.lexicon[name as (typeof LEXICON_INPUTS)[number]] ?? 0;
  });
  return x;
}

export function stackerLogit(model: TrainedModel, ev: StackerEvidence): number {
  const { base, lexicon, tox } = stackerPlan(model);
  const weights = model.stacker.weights;
  let z = model.stacker.bias;
  for (let i = 0; i < base.length; i++) {
    const key = lexicon[i];
    const t = tox[i]!;
    const x =
      t >= 0 ? (ev.toxicity?.[t] ?? 0) : key === undefined ? (ev.baseLogits[base[i]!] ?? 0) : (ev.lexicon[key] ?? 0);
    z += weights[i]! * x;
  }
  return z;
}

/**
 * Where each stacker input comes from, worked out once per model (the same
 * values `stackerInputs` looks up by name, for every sentence): a base
 * model's index (-1: none of that name), or a lexicon key.
 */
interface StackerPlan {
  readonly bases: readonly BaseModel[];
  readonly base: Int32Array;
  readonly lexicon: Array<(typeof LEXICON_INPUTS)[number] | undefined>;
  /** Index into the toxicity inputs, or -1. */
  readonly tox: Int32Array;
}

const plans = new WeakMap<Stacker, StackerPlan>();

function stackerPlan(model: TrainedModel): StackerPlan {
  const cached = plans.get(model.stacker);
  if (cached && cached.bases === model.bases) return cached;
  const names = model.bases.map((b) => b.name);
  const inputs = model.stacker.inputs;
  const plan: StackerPlan = {
    bases: model.bases,
    base: Int32Array.from(inputs, (name) => (name.startsWith('base:') ? names.indexOf(name.slice(5)) : -1)),
    lexicon: inputs.map((name) =>
      name.startsWith('base:') || toxicityIndex(name) >= 0 ? undefined : (name as (typeof LEXICON_INPUTS)[number]),
    ),
    tox: Int32Array.from(inputs, toxicityIndex),
  };
  plans.set(model.stacker, plan);
  return plan;
}

/** Calibrated probability; a sentence scored alone is its own comment. */
export function calibrated(platt: Platt, logit: number, commentLogit = logit): number {
  const z = platt.a * logit + platt.comment * commentLogit + platt.b;
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/**
 * The stacker's logit of a comment read whole: the base models on its
 * sentences joined with spaces, the lexicon's (and the toxicity model's)
 * strongest sentence per input.
 * `evidence` is the sentences' own, already computed.
 */
export function commentLogit(
  model: TrainedModel,
  sentences: readonly string[],
  evidence: ReadonlyArray<Pick<TextEvidence, 'lexicon' | 'toxicity'>>,
): number {
  const lexicon = { lex_insult: 0, lex_targeted: 0, lex_obscene: 0, lex_threat: 0, second_person: 0 };
  for (const ev of evidence) for (const key of LEXICON_INPUTS) lexicon[key] = Math.max(lexicon[key], ev.lexicon[key]);
  const toxicity = evidence[0]?.toxicity ? strongest(evidence.map((ev) => ev.toxicity!)) : undefined;
  return stackerLogit(model, {
    baseLogits: baseEvidence(sentences.join(' '), model).baseLogits,
    lexicon,
    ...(toxicity ? { toxicity } : {}),
  });
}

/**
 * Each sentence's calibrated probability, its comment read with it: the
 * sentences of one comment (equal `commentOf`) share a comment logit; a
 * sentence alone, or without `commentOf`, is its own comment.
 */
export function sentenceProbabilities(
  model: TrainedModel,
  sentences: readonly string[],
  evidence: readonly TextEvidence[],
  commentOf: readonly number[] | undefined,
): Float64Array {
  // Plain loops: Float64Array.from with a mapping function goes through the iterator protocol.
  const logits = new Float64Array(evidence.length);
  for (let i = 0; i < evidence.length; i++) logits[i] = stackerLogit(model, evidence[i]!);
  const whole = logits.slice();
  if (model.platt.comment !== 0 && commentOf && commentOf.length === sentences.length) {
    const members = new Map<number, number[]>();
    commentOf.forEach((c, i) => {
      const list = members.get(c);
      if (list) list.push(i);
      else members.set(c, [i]);
    });
    for (const list of members.values()) {
      if (list.length < 2) continue;
      const z = commentLogit(
        model,
        list.map((i) => sentences[i]!),
        list.map((i) => evidence[i]!),
      );
      for (const i of list) whole[i] = z;
    }
  }
  const out = new Float64Array(logits.length);
  for (let i = 0; i < logits.length; i++) out[i] = calibrated(model.platt, logits[i]!, whole[i]!);
  return out;
}

/** Calibrated probability that `text` attacks a participant. */
export function probability(model: TrainedModel, text: string): number {
  return calibrated(model.platt, stackerLogit(model, textEvidence(text, model)));
}
