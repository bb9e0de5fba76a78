import { describe, expect, it } from 'vitest';
import { buildRows, fitLogistic, rowDot, selectRows, sigmoid } from '../../src/train/logistic.js';
import { prng } from '../support/prng.js';

/** Rows over 8 features where feature 0 pushes towards 1 and feature 1 towards 0, with noise features. */
function data(n: number, seed: number) {
  const rand = prng(seed);
  const vectors = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = Array.from({ length: 8 }, () => (rand() < 0.5 ? 0 : 1));
    const z = 3 * x[0]! - 3 * x[1]! + (rand() - 0.5);
    const idx = x.flatMap((v, j) => (v ? [j] : []));
    vectors.push({ idx: Int32Array.from(idx), val: Float32Array.from(idx, () => 1) });
    labels.push(z > 0 ? 1 : 0);
  }
  return { rows: buildRows(vectors, 8), labels };
}

describe('fitLogistic', () => {
  it('learns the signs of the informative features and separates the classes', () => {
    const { rows, labels } = data(400, 7);
    const m = fitLogistic(
      rows,
      labels,
      labels.map(() => 1),
      { l2: 1e-3 },
    );
    expect(m.weights[0]).toBeGreaterThan(1);
    expect(m.weights[1]).toBeLessThan(-1);
    for (let j = 2; j < 8; j++) expect(Math.abs(m.weights[j]!)).toBeLessThan(Math.abs(m.weights[0]!) / 2);
    // Where exactly one of the two informative features is on, the label is certain.
    let clear = 0;
    let correct = 0;
    for (let i = 0; i < labels.length; i++) {
      const on = (j: number) => rows.idx.subarray(rows.ptr[i]!, rows.ptr[i + 1]!).includes(j);
      if (on(0) === on(1)) continue;
      clear++;
      if ((sigmoid(rowDot(rows, i, m.weights, m.bias)) > 0.5 ? 1 : 0) === labels[i]) correct++;
    }
    expect(clear).toBeGreaterThan(100);
    expect(correct / clear).toBeGreaterThan(0.95);
  });

  it('is deterministic, and a stronger penalty shrinks the weights', () => {
    const { rows, labels } = data(300, 3);
    const costs = labels.map(() => 1);
    const a = fitLogistic(rows, labels, costs, { l2: 1e-3 });
    const b = fitLogistic(rows, labels, costs, { l2: 1e-3 });
    expect([...a.weights]).toEqual([...b.weights]);
    expect(a.bias).toBe(b.bias);
    const strong = fitLogistic(rows, labels, costs, { l2: 1 });
    expect(Math.abs(strong.weights[0]!)).toBeLessThan(Math.abs(a.weights[0]!));
  });

  it('selectRows keeps the chosen rows intact', () => {
    const { rows } = data(20, 1);
    const some = selectRows(rows, [3, 0, 7]);
    expect(some.ptr.length).toBe(4);
    const weights = Float64Array.from({ length: 8 }, (_, j) => j + 1);
    for (const [k, r] of [3, 0, 7].entries()) expect(rowDot(some, k, weights, 0)).toBe(rowDot(rows, r, weights, 0));
  });
});
