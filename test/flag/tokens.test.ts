/**
 * The lexicon's tokenizer scans ASCII text by hand; it must find exactly the
 * words the regular expression it replaced finds (and the same separators).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenize, type Token } from '../../src/flag/lexicon/tokens.js';

const ASCII_WORD = /[A-Za-z0-9]+(?:['*@$!|-]+[A-Za-z0-9]+)*[*$]*/g;

function referenceTokens(sentence: string): Token[] {
  const tokens: Token[] = [];
  ASCII_WORD.lastIndex = 0;
  let prevEnd = 0;
  for (let m = ASCII_WORD.exec(sentence); m !== null; m = ASCII_WORD.exec(sentence)) {
    const raw = m[0];
    const start = m.index;
    let breakBefore = false;
    let commaBefore = false;
    if (tokens.length > 0) {
      for (let i = prevEnd; i < start; i++) {
        const c = sentence.charCodeAt(i);
        if (c === 46 || c === 33 || c === 63 || c === 59 || c === 58) breakBefore = true;
        else if (c === 44 || c === 45 || c === 40) commaBefore = true;
      }
    }
    tokens.push({ raw, norm: raw.toLowerCase(), start, end: start + raw.length, breakBefore, commaBefore });
    prevEnd = start + raw.length;
  }
  return tokens;
}

const PIECES = [
  'a',
  'Z',
  'x9',
  '0',
  "'",
  '*',
  '@',
  '$',
  '!',
  '|',
  '-',
  '--',
  '_',
  ' ',
  '  ',
  '.',
  ',',
  '?',
  ';',
  ':',
  '(',
  ')',
  '\t',
  '\n',
  '"',
  '#',
  '~',
  '\x7f',
  '\x00',
  'f**k',
  'a$$',
  'sh!t',
  "don't",
  'U.S.',
];
const ascii = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((p) => p.join('')),
  fc.string({ unit: fc.integer({ min: 0, max: 127 }).map((c) => String.fromCharCode(c)), maxLength: 40 }),
);

describe('lexicon tokens', () => {
  it('ASCII text: the hand scan finds what /[A-Za-z0-9]+(?:[joiners]+[A-Za-z0-9]+)*[*$]*/g finds', () => {
    fc.assert(
      fc.property(ascii, (s) => {
        expect(tokenize(s)).toEqual(referenceTokens(s));
      }),
      { numRuns: 5000 },
    );
  });
});
