/**
 * The fixed expressions' index narrows a first word's phrases by the next
 * token; it must keep every phrase that can match, in the same order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXPRESSIONS } from '../../src/flag/lexicon/expressions.js';
import { PhraseIndex, matchPhrase, type PhraseToken } from '../../src/flag/lexicon/phrases.js';

const index = new PhraseIndex(EXPRESSIONS);
const firsts = [...index.firstWords()];
const vocabulary = [...new Set(EXPRESSIONS.flatMap((e) => e.pattern.split(/[\s|]+/).map((w) => w.replace(/\?$/, ''))))];
const token = fc.record({ norm: fc.constantFrom(...vocabulary, 'xyz'), breakBefore: fc.boolean() });

describe('PhraseIndex.candidatesBefore', () => {
  it('keeps, in order, every phrase of the first word that matches whatever follows', () => {
    fc.assert(
      fc.property(fc.constantFrom(...firsts), fc.array(token, { maxLength: 6 }), (first, rest) => {
        const toks: PhraseToken[] = [{ norm: first, breakBefore: false }, ...rest];
        const all = index.candidates(first)!;
        const narrowed = index.candidatesBefore(first, toks[1])!;
        expect(narrowed.every((p) => all.includes(p))).toBe(true);
        expect([...narrowed].sort((a, b) => all.indexOf(a) - all.indexOf(b))).toEqual(narrowed);
        const matching = (list: typeof all) => list.filter((p) => matchPhrase(p, toks, 0) > 0);
        expect(matching(narrowed)).toEqual(matching(all));
      }),
      { numRuns: 20000 },
    );
  });
});
