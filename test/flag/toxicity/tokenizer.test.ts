import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SentencePieceTokenizer } from '../../../src/flag/toxicity/tokenizer.js';
import { sharedPath } from '../../support/shared.js';

// Upstream's tokenizer module alone (no TF.js): the reference our port must match token for token.
const require = createRequire(import.meta.url);
const { Tokenizer } = require('@tensorflow-models/universal-sentence-encoder/dist/tokenizer/index.js') as {
  Tokenizer: new (vocabulary: Array<[string, number]>) => { encode(text: string): number[] };
};

const vocabulary = JSON.parse(readFileSync(sharedPath('models', 'toxicity', 'vocab.json'), 'utf8')) as Array<
  [string, number]
>;
const upstream = new Tokenizer(vocabulary);
const ours = new SentencePieceTokenizer(vocabulary);

const devTexts = readFileSync(sharedPath('data', 'attacks-dev.jsonl'), 'utf8')
  .split('\n')
  .filter((line) => line.trim())
  .map((line) => (JSON.parse(line) as { text: string }).text);

describe('SentencePieceTokenizer', () => {
  it('matches upstream on every dev-set comment and each of its sentences', () => {
    expect(devTexts.length).toBeGreaterThan(500);
    const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });
    let checked = 0;
    for (const text of devTexts) {
      expect(ours.encode(text)).toEqual(upstream.encode(text));
      for (const { segment } of segmenter.segment(text)) {
        expect(ours.encode(segment)).toEqual(upstream.encode(segment));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('matches upstream on the seed thread, line by line', () => {
    const lines = readFileSync(sharedPath('seeds', '004_48b6010b9728e002.txt'), 'utf8').split('\n');
    for (const line of lines) expect(ours.encode(line)).toEqual(upstream.encode(line));
  });

  it('matches upstream on arbitrary text: unknown symbols, astral characters, lone surrogates, spaces', () => {
    const alphabet = fc.constantFrom(
      'a',
      'e',
      't',
      'h',
      ' ',
      '  ',
      '.',
      'é',
      'ﬁ',
      '😀',
      '\uD800',
      '\u00A0',
      '\u2581',
      'Ω',
      'ing',
      'the',
      'ab',
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'grapheme', maxLength: 40 }),
          fc.array(alphabet, { maxLength: 30 }).map((xs) => xs.join('')),
        ),
        (text) => {
          expect(ours.encode(text)).toEqual(upstream.encode(text));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never returns an empty list (the graph needs one token per sentence)', () => {
    expect(ours.encode('').length).toBeGreaterThan(0);
  });
});
