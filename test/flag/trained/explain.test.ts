/**
 * wordContributions spreads each feature's share over its words with one
 * per-bucket table; this pins it, to the bit, to the straightforward reading
 * (weight, value and count looked up per occurrence), for every sentence of
 * the dev set with the shipped model, whatever it scores.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../../src/flag/sentences.js';
import { combinedWeights, wordContributions } from '../../../src/flag/trained/explain.js';
import { BIGRAM, featureOccurrences } from '../../../src/flag/trained/features.js';
import { defaultModelDir, loadModel } from '../../../src/flag/trained/index.js';
import { textEvidence, type TextEvidence, type TrainedModel } from '../../../src/flag/trained/model.js';
import { DEV_SET } from '../../support/shared.js';

function reference(ev: TextEvidence, model: TrainedModel, combined: Float32Array): number[] {
  const { norm, counted } = ev;
  const value = new Map<number, number>();
  counted.idx.forEach((b, k) => value.set(b, counted.val[k]!));
  const occ = featureOccurrences(norm, model.spec);
  const count = new Map<number, number>();
  for (let k = 0; k < occ.n; k++) count.set(occ.bucket[k]!, (count.get(occ.bucket[k]!) ?? 0) + 1);
  const wordAt = new Array<number>(norm.text.length).fill(-1);
  norm.words.forEach(([s, e], w) => wordAt.fill(w, s, e));
  const shares = new Array<number>(norm.words.length).fill(0);
  for (let k = 0; k < occ.n; k++) {
    const b = occ.bucket[k]!;
    const per = (combined[b]! * value.get(b)!) / count.get(b)!;
    if (per === 0) continue;
    const [start, end] = [occ.start[k]!, occ.end[k]!];
    if (occ.kind[k] === BIGRAM) {
      if (wordAt[start]! >= 0) shares[wordAt[start]!]! += per / 2;
      if (wordAt[end - 1]! >= 0) shares[wordAt[end - 1]!]! += per / 2;
      continue;
    }
    const at = wordAt.slice(start, end).find((w) => w >= 0);
    if (at !== undefined) shares[at]! += per;
  }
  return shares;
}

describe('wordContributions', () => {
  it('gives every word of every dev-set sentence the same share as the straightforward walk', async () => {
    const { model } = await loadModel(defaultModelDir());
    const combined = combinedWeights(model);
    const texts = readFileSync(DEV_SET(), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => (JSON.parse(l) as { text: string }).text);
    let words = 0;
    for (const text of texts)
      for (const { text: s } of splitSentences(text)) {
        const ev = textEvidence(s, model);
        const got = wordContributions(s, ev, model, combined).map((c) => c.contribution);
        expect(got).toEqual(reference(ev, model, combined));
        words += got.length;
      }
    expect(words).toBeGreaterThan(10_000);
  });
});
