import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packBatch, planBatches } from '../../../src/flag/toxicity/batching.js';

describe('planBatches', () => {
  it('uses every sentence exactly once, longest first, within the sentence and padded-token limits', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 150 }), { maxLength: 300 }),
        fc.integer({ min: 1, max: 70 }),
        fc.integer({ min: 1, max: 2000 }),
        (lengths, maxSentences, maxTokens) => {
          const batches = planBatches(lengths, { maxSentences, maxTokens });
          const flat = batches.flat();
          expect([...flat].sort((a, b) => a - b)).toEqual(lengths.map((_, i) => i));
          for (let i = 1; i < flat.length; i++)
            expect(lengths[flat[i - 1]!]!).toBeGreaterThanOrEqual(lengths[flat[i]!]!);
          for (const [i, batch] of batches.entries()) {
            expect(batch.length).toBeGreaterThan(0);
            expect(batch.length).toBeLessThanOrEqual(maxSentences);
            const padded = lengths[batch[0]!]! * batch.length;
            // Only a sentence longer than the budget may exceed it, and then it goes alone.
            if (padded > maxTokens) expect(batch).toHaveLength(1);
            // A batch is cut only when the next sentence would break a limit.
            const next = batches[i + 1]?.[0];
            if (next !== undefined) {
              expect(batch.length === maxSentences || lengths[batch[0]!]! * (batch.length + 1) > maxTokens).toBe(true);
            }
          }
        },
      ),
    );
  });

  it('puts short sentences many to a call and long ones few', () => {
    const batches = planBatches([...Array(64).fill(10), ...Array(10).fill(100)], { maxSentences: 64, maxTokens: 1000 });
    expect(batches.map((b) => b.length)).toEqual([10, 64]);
  });

  it('rejects limits that are not positive integers', () => {
    expect(() => planBatches([1], { maxSentences: 0, maxTokens: 10 })).toThrow(RangeError);
    expect(() => planBatches([1], { maxSentences: 1.5, maxTokens: 10 })).toThrow(RangeError);
    expect(() => planBatches([1], { maxSentences: 4, maxTokens: 0 })).toThrow(RangeError);
  });
});

describe('packBatch', () => {
  it('lays out the ids one sentence after another with their lengths', () => {
    const { ids, lengths } = packBatch([[5, 6, 7], [8], [9, 10]]);
    expect([...ids]).toEqual([5, 6, 7, 8, 9, 10]);
    expect([...lengths]).toEqual([3, 1, 2]);
  });

  it('refuses a sentence without tokens', () => {
    expect(() => packBatch([[1], []])).toThrow(/sentence 1 has no tokens/);
  });
});
