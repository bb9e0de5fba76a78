/**
 * `words` is the hot loop of quote marking and is tuned for speed; it must
 * find the words, offsets and hashes the plain scanner found (kept in
 * test/support/reference-words.ts), and see `>` and quotation marks exactly
 * where the quote rules used to search the text for them.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDump } from '../../src/parse/index.js';
import { SHINGLE, shingleKey, words } from '../../src/thread/shingles.js';
import { referenceWords } from '../support/reference-words.js';
import { SEED_THREAD } from '../support/shared.js';

const PIECES = [
  ...'abcXYZ09 .,\n>"\'’`-_',
  '“',
  '”',
  '«',
  '»',
  '„',
  '「',
  'é',
  'İ',
  'ß',
  'Σ',
  'ж',
  '中',
  '😀',
  '𝐀',
  '\ud835',
  '\udc00',
  '\u00a0',
  '\u0301',
  "don't",
  'l’eau',
];

function same(text: string): void {
  const got = words(text);
  const want = referenceWords(text);
  const slice = (w: { count: number; start: Int32Array; end: Int32Array; hash: Int32Array }) => ({
    start: [...w.start.subarray(0, w.count)],
    end: [...w.end.subarray(0, w.count)],
    hash: [...w.hash.subarray(0, w.count)],
  });
  expect(slice(got)).toEqual(slice(want));
  // The shingle keys made during the scan are shingleKey's of the reference words.
  const keys: number[] = [];
  const wantKeys: number[] = [];
  for (let i = 0; i + SHINGLE <= want.count; i++) {
    keys.push(got.key[i]!);
    wantKeys.push(shingleKey({ ...got, ...want }, i));
  }
  expect(keys).toEqual(wantKeys);
  expect(got.hasAngle).toBe(text.includes('>'));
  expect(got.hasQuoteMark).toBe(/["“«„»「]/.test(text));
}

describe('words', () => {
  it('agrees with the reference scanner on random text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((p) => p.join('')),
        same,
      ),
      { numRuns: 3000 },
    );
  });

  it('agrees with the reference scanner on a text longer than its scratch buffers', () => {
    const piece = "Don't “quote” me > 𝐀𝐁 l’eau, ça 中文 — 42 times. ";
    same(piece.repeat(Math.ceil(200_000 / piece.length)));
    same(piece);
  });

  it('agrees with the reference scanner on every body of the seed thread', () => {
    const file = SEED_THREAD();
    const thread = parseDump(readFileSync(file, 'utf8'), file).posts[0]!;
    expect(thread.comments.length).toBeGreaterThan(10);
    same(thread.post.body);
    for (const c of thread.comments) same(c.body);
  });
});
