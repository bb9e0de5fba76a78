import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planBatches } from '../../../src/flag/toxicity/batching.js';

describe('planBatches', () => {
  it('uses every sentence exactly once, in full batches sorted longest first', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 80 }), { maxLength: 200 }),
        fc.integer({ min: 1, max: 40 }),
        (texts, size) => {
          const batches = planBatches(texts, size);
          const flat = batches.flat();
          expect([...flat].sort((a, b) => a - b)).toEqual(texts.map((_, i) => i));
          batches.forEach((b, i) => {
            if (i < batches.length - 1) expect(b).toHaveLength(size);
            else expect(b.length).toBeGreaterThan(0);
          });
          for (let i = 1; i < flat.length; i++) {
            expect(texts[flat[i - 1]!]!.length).toBeGreaterThanOrEqual(texts[flat[i]!]!.length);
          }
        },
      ),
    );
  });

  it('rejects a batch size that is not a positive integer', () => {
    expect(() => planBatches(['a'], 0)).toThrow(RangeError);
    expect(() => planBatches(['a'], 1.5)).toThrow(RangeError);
  });
});
