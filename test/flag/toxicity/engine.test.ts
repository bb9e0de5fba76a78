/**
 * The graph in this thread on wasm, with stand-in weights: shapes, softmax
 * pairs, equality with upstream's classify(), batch-size invariance and no
 * tensor leaks. Values are meaningless and never asserted.
 */
import { createRequire } from 'node:module';
import type * as TF from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LABELS } from '../../../src/flag/labels.js';
import { ToxicityEngine } from '../../../src/flag/toxicity/engine.js';
import { PAIRS_PER_SENTENCE } from '../../../src/flag/toxicity/layout.js';
import { loadUpstreamClassifier } from '../../../src/flag/toxicity/upstream.js';
import { standinModelDir } from '../../support/standin-model.js';
import { devTexts } from './dev-texts.js';

const tf = createRequire(import.meta.url)('@tensorflow/tfjs') as typeof TF;

// Real comments plus the awkward cases: empty, whitespace, emoji, non-Latin, one very long line.
const SENTENCES = [...devTexts(5, 200), '', '   ', '😀 you 😀', 'Ça suffit, arrête.', 'word '.repeat(60)];

let engine: ToxicityEngine;
beforeAll(async () => {
  engine = await ToxicityEngine.load(standinModelDir(), 'wasm');
});
afterAll(() => engine?.dispose());

describe('ToxicityEngine on wasm', () => {
  it('runs on the wasm backend', () => {
    expect(engine.backend).toBe('wasm');
    expect(tf.getBackend()).toBe('wasm');
  });

  it('gives each sentence seven softmax pairs: both in [0, 1], summing to 1', async () => {
    const pairs = await engine.score(SENTENCES);
    expect(pairs).toHaveLength(SENTENCES.length * PAIRS_PER_SENTENCE);
    expect(PAIRS_PER_SENTENCE).toBe(2 * LABELS.length);
    for (let i = 0; i < pairs.length; i += 2) {
      const [pFalse, pTrue] = [pairs[i]!, pairs[i + 1]!];
      for (const p of [pFalse, pTrue]) {
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
      }
      expect(pFalse + pTrue).toBeCloseTo(1, 5);
    }
  });

  it('matches upstream ToxicityClassifier.classify() label by label', async () => {
    const upstream = await loadUpstreamClassifier(standinModelDir());
    const theirs = await upstream.classify(SENTENCES);
    const ours = await engine.score(SENTENCES);
    expect(theirs.map((h) => h.label)).toEqual([...LABELS]);
    theirs.forEach((head, label) => {
      head.results.forEach((r, s) => {
        expect(ours[s * PAIRS_PER_SENTENCE + label * 2]).toBeCloseTo(r.probabilities[0]!, 6);
        expect(ours[s * PAIRS_PER_SENTENCE + label * 2 + 1]).toBeCloseTo(r.probabilities[1]!, 6);
      });
    });
  });

  it('gives the same result whatever the batch (alone, or padded among longer sentences)', async () => {
    const together = await engine.score(SENTENCES);
    for (let s = 0; s < SENTENCES.length; s++) {
      const alone = await engine.score([SENTENCES[s]!]);
      for (let k = 0; k < PAIRS_PER_SENTENCE; k++) {
        expect(alone[k]).toBeCloseTo(together[s * PAIRS_PER_SENTENCE + k]!, 4);
      }
    }
  });

  it('releases every tensor it creates', async () => {
    const tensors = engine.numTensors();
    for (let i = 0; i < 4; i++) await engine.score(SENTENCES.slice(i));
    await engine.score([]);
    expect(engine.numTensors()).toBe(tensors);
  });
});
