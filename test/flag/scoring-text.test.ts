/**
 * scoringText skips the code-point pass when no character of a non-ASCII
 * sentence needs its neighbours (curly quotes, dashes, ellipses, no-break
 * spaces, accented letters: each is kept, dropped or folded on its own).
 * Pinned here to the full pass, `foldedText`, on any text: the same scoring
 * text and the same map back to the original.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldedText, originalSpan, scoringText } from '../../src/flag/scoring-text.js';

const SPECIAL = [
  '’',
  '“',
  '—',
  '…',
  'é',
  'ï',
  'e\u0301',
  '\u200b',
  '\u00ad',
  'ｉ',
  '𝐢',
  'ﬁ',
  'у',
  'о',
  'і',
  'Ты',
  'α',
  'İ',
  'ß',
  '😀',
  '\ud800',
  'x',
  ' ',
  'idiot',
  '\u00a0',
  '½',
  'Å',
  'ı',
];
const text = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'binary-ascii', maxLength: 30 }),
  fc.array(fc.constantFrom(...SPECIAL), { maxLength: 20 }).map((parts) => parts.join('')),
);

describe('scoringText', () => {
  it('gives what the full pass gives, map included', () => {
    fc.assert(
      fc.property(text, (t) => {
        const fast = scoringText(t);
        const full = foldedText(t);
        expect(fast.text).toBe(full.text);
        if (fast.starts === null) {
          // Plain ASCII: the text is the original, and every span maps to itself.
          expect(full.text).toBe(t);
          for (let s = 0; s < t.length; s++) expect(originalSpan(full, s, s + 1)).toEqual(originalSpan(fast, s, s + 1));
        } else {
          expect(fast.starts).toEqual(full.starts);
          expect(fast.ends).toEqual(full.ends);
        }
        expect(fast.originalLength).toBe(full.originalLength);
      }),
      { numRuns: 5000 },
    );
  });

  it('keeps curly quotes and dashes as written, folds ellipses and accents, and still reads look-alikes in their word', () => {
    const t = 'It’s “fine” — really';
    expect(scoringText(t)).toEqual(foldedText(t));
    expect(scoringText(t).text).toBe(t);
    expect(scoringText('naïve Zoë…').text).toBe('naive Zoe...');
    expect(scoringText('naïve Zoë…')).toEqual(foldedText('naïve Zoë…'));
    expect(scoringText('уоu аrе аn іdіοt').text).toBe('you are an idiot');
  });
});
