/**
 * Why the model scored a sentence high: each word's share of the logit.
 *
 * Every hashed feature's contribution (weight x value, through the stacker's
 * weight on its base model and the calibration slope) is spread over the
 * words it came from: a word unigram to its word, a bigram half to each
 * word, a character gram to the word it starts in. The words with the
 * largest positive shares are the explanation a moderator reads:
 * `idiot +2.1, you +0.6`.
 */
import type { MatchedTerm } from '../scorer.js';
import { BIGRAM, featureOccurrences, type Normalised } from './features.js';
import type { TrainedModel, TextEvidence } from './model.js';

/** Words shown per sentence at most. */
export const MAX_EXPLAINED_WORDS = 4;
/** Smallest share of the logit (in logit units) worth showing. */
export const MIN_CONTRIBUTION = 0.15;

export interface WordContribution {
  readonly word: string;
  /** Offsets in the original text, end exclusive. */
  readonly start: number;
  readonly end: number;
  readonly contribution: number;
}

/** Per-bucket weight of the whole model: sum over bases of stacker weight x base weight, times the calibration slope. */
export function combinedWeights(model: TrainedModel): Float32Array {
  const size = 1 << model.spec.bits;
  const out = new Float32Array(size);
  model.bases.forEach((base) => {
    const i = model.stacker.inputs.indexOf(`base:${base.name}`);
    // A sentence counts in its own logit and in its comment's: for a short comment, both slopes.
    const k = i < 0 ? 0 : model.stacker.weights[i]! * (model.platt.a + model.platt.comment);
    if (k === 0) return;
    for (let b = 0; b < size; b++) out[b]! += k * base.weights[b]!;
  });
  return out;
}

/**
 * Scratch, reused (scoring is single-threaded): per bucket, its index in the
 * text's vector plus one (zero again after each use); per vector entry, its
 * occurrences and then its share per occurrence; per occurrence, its vector
 * entry; per character, its word; per word, its share. Only the first table is indexed by bucket:
 * the walks over occurrences read the small ones.
 */
const slots = new Map<number, Int32Array>();
let perEntry = new Float64Array(1024);
let entryOf = new Int32Array(4096);
let wordAtChar = new Int32Array(1024);
let shareOfWord = new Float64Array(256);

export function wordContributions(
  text: string,
  ev: Pick<TextEvidence, 'norm' | 'counted'>,
  model: TrainedModel,
  combined: Float32Array,
): WordContribution[] {
  const shares = wordShares(ev, model, combined);
  return ev.norm.words.map((_, w) => contributionOf(text, ev.norm, w, shares[w]!));
}

/** The explanation's terms of one sentence: `explanationTerms` of its `wordContributions`, built only for the words that can be shown. */
export function explainedTerms(
  text: string,
  ev: Pick<TextEvidence, 'norm' | 'counted'>,
  model: TrainedModel,
  combined: Float32Array,
): MatchedTerm[] {
  const shares = wordShares(ev, model, combined);
  const shown: WordContribution[] = [];
  for (let w = 0; w < ev.norm.words.length; w++)
    if (shares[w]! >= MIN_CONTRIBUTION) shown.push(contributionOf(text, ev.norm, w, shares[w]!));
  return explanationTerms(text, shown);
}

function contributionOf(text: string, norm: Normalised, w: number, contribution: number): WordContribution {
  const [s, e] = norm.words[w]!;
  const start = norm.origin[s]!;
  const end = Math.min(text.length, norm.origin[e - 1]! + 1);
  return { word: norm.text.slice(s, e), start, end, contribution };
}

/** Each word's share of the logit, in word order (the first `norm.words.length`); valid until the next call. */
function wordShares(
  ev: Pick<TextEvidence, 'norm' | 'counted'>,
  model: TrainedModel,
  combined: Float32Array,
): Float64Array {
  const { norm, counted } = ev;
  const size = 1 << model.spec.bits;
  let slot = slots.get(size);
  if (!slot) {
    slot = new Int32Array(size);
    slots.set(size, slot);
  }
  const occ = featureOccurrences(norm, model.spec);
  // Every occurring bucket is in the vector (and once): its entry's share per occurrence, weight x value / count.
  const { idx, val } = counted;
  const n = idx.length;
  if (perEntry.length < n) perEntry = new Float64Array(n);
  if (entryOf.length < occ.n) entryOf = new Int32Array(occ.n);
  const per = perEntry;
  const entry = entryOf;
  for (let k = 0; k < n; k++) {
    slot[idx[k]!] = k + 1;
    per[k] = 0;
  }
  for (let k = 0; k < occ.n; k++) {
    const e = slot[occ.bucket[k]!]! - 1;
    entry[k] = e;
    per[e]! += 1;
  }
  for (let k = 0; k < n; k++) {
    const bucket = idx[k]!;
    per[k] = (combined[bucket]! * val[k]!) / per[k]!;
    slot[bucket] = 0;
  }
  const wordAt = wordIndexByChar(norm);
  if (shareOfWord.length < norm.words.length) shareOfWord = new Float64Array(norm.words.length);
  const shares = shareOfWord;
  shares.fill(0, 0, norm.words.length);
  for (let k = 0; k < occ.n; k++) {
    const share = per[entry[k]!]!;
    if (share === 0) continue;
    const start = occ.start[k]!;
    const end = occ.end[k]!;
    if (occ.kind[k] === BIGRAM) {
      const a = wordAt[start]!;
      const b = wordAt[end - 1]!;
      if (a >= 0) shares[a]! += share / 2;
      if (b >= 0) shares[b]! += share / 2;
      continue;
    }
    let at = start;
    while (at < end && wordAt[at]! < 0) at++;
    const w = at < end ? wordAt[at]! : -1;
    if (w >= 0) shares[w]! += share;
  }
  return shares;
}

/** The word of each character of the normalised text (-1: none); valid until the next call. */
function wordIndexByChar(norm: Normalised): Int32Array {
  const len = norm.codes.length;
  if (wordAtChar.length < len) wordAtChar = new Int32Array(len);
  const at = wordAtChar;
  at.fill(-1, 0, len);
  const words = norm.words;
  for (let w = 0; w < words.length; w++) at.fill(w, words[w]![0], words[w]![1]);
  return at;
}

/** The top positive contributions as matched terms (label `insult`, weight = the contribution). */
export function explanationTerms(text: string, contributions: readonly WordContribution[]): MatchedTerm[] {
  return contributions
    .filter((c) => c.contribution >= MIN_CONTRIBUTION)
    .sort((a, b) => b.contribution - a.contribution || a.start - b.start)
    .slice(0, MAX_EXPLAINED_WORDS)
    .map((c) => ({
      term: `model:${c.word}`,
      text: text.slice(c.start, c.end),
      start: c.start,
      end: c.end,
      label: 'insult' as const,
      weight: Math.round(c.contribution * 100) / 100,
    }));
}
