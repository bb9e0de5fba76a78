/**
 * What a moderator's queue looks like: how many of the top flags are real,
 * whether a score of 0.8 means four in five, and what share of the queue
 * would be true attacks in a community where attacks are rarer than in the
 * labelled set.
 */
import type { Confusion } from './metrics.js';

export interface CalibrationBin {
  readonly from: number;
  readonly to: number;
  readonly n: number;
  /** Mean score in the bin. */
  readonly meanPredicted: number;
  /** Share of labelled attacks in the bin. */
  readonly observed: number;
}

/** Precision among the k highest-scored items (ties in input order); NaN when there are none. */
export function precisionAtK(truth: readonly boolean[], scores: readonly number[], k: number): number {
  const order = [...scores.keys()].sort((a, b) => scores[b]! - scores[a]! || a - b);
  const top = order.slice(0, Math.min(k, order.length));
  if (top.length === 0) return Number.NaN;
  return top.filter((i) => truth[i]).length / top.length;
}

/** Reliability table: scores in `bins` equal-width bins, mean score against the observed share of attacks. */
export function calibrationTable(pairs: ReadonlyArray<readonly [number, boolean]>, bins = 10): CalibrationBin[] {
  const out: CalibrationBin[] = [];
  for (let b = 0; b < bins; b++) {
    const from = b / bins;
    const to = (b + 1) / bins;
    const inBin = pairs.filter(([p]) => p >= from && (b === bins - 1 ? p <= to : p < to));
    if (inBin.length === 0) continue;
    const mean = inBin.reduce((s, [p]) => s + p, 0) / inBin.length;
    const observed = inBin.filter(([, y]) => y).length / inBin.length;
    out.push({ from, to, n: inBin.length, meanPredicted: round3(mean), observed: round3(observed) });
  }
  return out;
}

export interface AtPrevalence {
  readonly prevalence: number;
  /** Expected share of true attacks among the flagged comments. */
  readonly queuePrecision: number;
  /** Expected flags per 1,000 comments. */
  readonly flagsPerThousand: number;
  /** Of those, expected true attacks. */
  readonly attacksPerThousand: number;
}

/**
 * The queue at another rate of attacks: recall and the false-alarm rate
 * measured on the labelled set carry over, precision does not (Bayes' rule).
 */
export function atPrevalence(c: Confusion, prevalence: number): AtPrevalence {
  const tpr = c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
  const fpr = c.fp + c.tn === 0 ? 0 : c.fp / (c.fp + c.tn);
  const hits = prevalence * tpr;
  const alarms = (1 - prevalence) * fpr;
  return {
    prevalence,
    queuePrecision: hits + alarms === 0 ? 0 : hits / (hits + alarms),
    flagsPerThousand: 1000 * (hits + alarms),
    attacksPerThousand: 1000 * hits,
  };
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
