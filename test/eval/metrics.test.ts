import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { confusion, prf, rocAuc } from '../../src/eval/index.js';

/** AUC by definition: over all positive/negative pairs, wins plus half the ties. */
function pairwiseAuc(truth: boolean[], scores: number[]): number {
  let wins = 0;
  let pairs = 0;
  truth.forEach((p, i) => {
    if (!p) return;
    truth.forEach((q, j) => {
      if (q) return;
      pairs++;
      wins += scores[i]! > scores[j]! ? 1 : scores[i] === scores[j] ? 0.5 : 0;
    });
  });
  return wins / pairs;
}

describe('metrics', () => {
  it('counts a confusion matrix and derives precision, recall and F1', () => {
    const c = confusion([true, true, false, false, true], [true, false, true, false, true]);
    expect(c).toEqual({ tp: 2, fp: 1, tn: 1, fn: 1 });
    const m = prf(c);
    expect(m.precision).toBeCloseTo(2 / 3);
    expect(m.recall).toBeCloseTo(2 / 3);
    expect(m.f1).toBeCloseTo(2 / 3);
    expect(prf({ tp: 0, fp: 0, tn: 5, fn: 0 })).toEqual({ precision: 0, recall: 0, f1: 0 });
  });

  it('computes ROC AUC equal to the pairwise definition, ties included', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.tuple(fc.boolean(), fc.constantFrom(0, 0.1, 0.5, 0.5, 0.7, 0.9, 1)), {
            minLength: 2,
            maxLength: 60,
          })
          .filter((xs) => xs.some((x) => x[0]) && xs.some((x) => !x[0])),
        (xs) => {
          const truth = xs.map((x) => x[0]);
          const scores = xs.map((x) => x[1]);
          return Math.abs(rocAuc(truth, scores) - pairwiseAuc(truth, scores)) < 1e-12;
        },
      ),
    );
    expect(rocAuc([true, false], [0.9, 0.1])).toBe(1);
    expect(rocAuc([true, false], [0.5, 0.5])).toBe(0.5);
    expect(rocAuc([true, true], [0.5, 0.1])).toBeNaN();
  });
});
