/**
 * Targeting reuses the tokens `analyseSentence` just made (src/flag/lexicon/analyse.ts,
 * `lexView`) instead of tokenising the sentence again. That is only a speed-up
 * if nothing changes: differential tests against a fresh look-up, on every
 * sentence of the dev set and on generated sentences full of the cases where
 * the two could part (words read through profanity, phrase nouns, spelled-out
 * letters, @mentions, second person).
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { readLabelled } from '../../src/eval/index.js';
import { analyseSentence, forgetRecentSentences, lexTokens, lexView } from '../../src/flag/lexicon/analyse.js';
import { splitSentences } from '../../src/flag/sentences.js';
import { findTarget, type TargetContext } from '../../src/flag/targeting.js';
import { DEV_SET } from '../support/shared.js';

const participants = ['bob', 'alice', 'carol'];

/** Fresh targeting and tokens for `s`, then the same after `analyseSentence(s)`: they must agree. */
function compare(s: string): { reused: boolean; borrowed: boolean } {
  const analysed = analyseSentence(s);
  const contexts: TargetContext[] = [
    {},
    { terms: analysed.terms },
    { parentAuthor: 'bob', participants, terms: analysed.terms.filter((t) => t.label === 'insult') },
  ];
  forgetRecentSentences();
  const fresh = { toks: lexTokens(s), view: lexView(s), targets: contexts.map((c) => findTarget(s, c)) };
  analyseSentence(s);
  const reused = lexView(s) === lexView(s);
  expect(lexTokens(s)).toEqual(fresh.toks);
  expect(lexView(s)).toEqual(fresh.view);
  // Targeting right after analysis (the trained scorer's order) and again later agree with the fresh answer.
  for (let i = 0; i < contexts.length; i++) {
    analyseSentence(s);
    expect(findTarget(s, contexts[i])).toEqual(fresh.targets[i]);
  }
  return { reused, borrowed: JSON.stringify(analysed.tokens) !== JSON.stringify(fresh.toks) };
}

describe("targeting on the tokens analyseSentence kept gives the fresh look-up's answer", () => {
  let sentences: string[];
  beforeAll(async () => {
    sentences = (await readLabelled(DEV_SET())).flatMap((r) => splitSentences(r.text).map((s) => s.text));
  });

  it('on every sentence of the dev set, reusing most and never where profanity changed a token', () => {
    let reused = 0;
    for (const s of sentences) reused += compare(s).reused ? 1 : 0;
    expect(reused).toBeGreaterThan(sentences.length / 2);
  });

  it('on generated sentences, including words only profanity reads ("b!!tch", "fu<k")', () => {
    const word = fc.constantFrom(
      'you',
      'your',
      "you're",
      'u',
      'U.S.',
      'are',
      'a',
      'an',
      'not',
      'stupid',
      'idiot',
      'b!!tch',
      'fu<k',
      'f*ck',
      'sh!t',
      'piece',
      'of',
      'dick',
      'head',
      'i d i o t',
      'A S S',
      '@bob',
      'bob',
      'shut',
      'up',
      'like',
      'what',
      'moron',
      'Idiot,',
      'said',
      'she',
      "I'll",
      'kill',
      '.',
      ',',
      '!',
      'the',
      'senator',
    );
    const counts = { reused: 0, borrowed: 0 };
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 12 }), (words) => {
        const { reused, borrowed } = compare(words.join(' '));
        if (reused) counts.reused++;
        if (borrowed) {
          counts.borrowed++;
          // Tokens that differ from targeting's are never handed to it.
          expect(reused).toBe(false);
        }
      }),
      { numRuns: 400, seed: 20261202 },
    );
    expect(counts.reused).toBeGreaterThan(0);
    expect(counts.borrowed).toBeGreaterThan(0);
  });
});
