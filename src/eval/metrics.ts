/** Binary-classification metrics for the attack detector. */

export interface Confusion {
  readonly tp: number;
  readonly fp: number;
  readonly tn: number;
  readonly fn: number;
}

export interface Prf {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export function confusion(truth: readonly boolean[], predicted: readonly boolean[]): Confusion {
  if (truth.length !== predicted.length) throw new Error('truth and predictions differ in length');
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  for (let i = 0; i < truth.length; i++) {
    if (predicted[i]) {
      if (truth[i]) tp++;
      else fp++;
    } else if (truth[i]) fn++;
    else tn++;
  }
  return { tp, fp, tn, fn };
}

/** Precision, recall and F1; each is 0 when undefined (nothing predicted, no positives). */
export function prf(c: Confusion): Prf {
  const precision = c.tp + c.fp === 0 ? 0 : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? 0 : c.tp / (c.tp + c.fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/**
 * ROC AUC as the Mann-Whitney statistic: the chance that a random positive
 * scores above a random negative, ties counting half. NaN when one class is
 * missing.
 */
export function rocAuc(truth: readonly boolean[], scores: readonly number[]): number {
  const n = truth.length;
  const order = [...Array(n).keys()].sort((a, b) => scores[a]! - scores[b]!);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && scores[order[j + 1]!] === scores[order[i]!]) j++;
    const midRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++)
      if (truth[order[k]!]) {
        positives++;
        rankSum += midRank;
      }
    i = j + 1;
  }
  const negatives = n - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}
