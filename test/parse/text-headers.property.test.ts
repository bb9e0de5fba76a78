/**
 * The author-line reader is hand-written for speed (one author line per
 * comment); it must accept exactly what its regular expression did, and read
 * the same name and host out of it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readAuthorLine, splitBadges } from '../../src/parse/text-headers.js';

const AUTHOR_LINE = /^•[ \u00A0]*@([^\s@]+)(?:@([^\s@]+))?$/;

function reference(content: string): { name: string; instance: string | null } | null {
  const m = AUTHOR_LINE.exec(content);
  if (!m) return null;
  if (m[2] === undefined) return { name: m[1]!, instance: null };
  const { host } = splitBadges(m[2]);
  return host.length === 0 ? null : { name: m[1]!, instance: host };
}

const PIECES = ['•', '@', ' ', '\u00a0', '\t', '\u2003', '\ufeff', 'a', 'Z', 'M', 'OP', 'B', '.', 'é', '😀', '\n'];

describe('readAuthorLine', () => {
  it('accepts what /^•[ \\u00A0]*@([^\\s@]+)(?:@([^\\s@]+))?$/ matches, with the same name and host', () => {
    const line = fc
      .array(fc.constantFrom(...PIECES), { maxLength: 14 })
      .map((parts) => parts.join(''))
      .chain((rest) => fc.constantFrom(rest, `•${rest}`, `• @${rest}`, `•@name@${rest}`));
    fc.assert(
      fc.property(line, (content) => {
        const read = readAuthorLine(content, 4, 1);
        expect(read === null ? null : read.author).toEqual(reference(content));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads a name, a host and the badges run onto it', () => {
    expect(readAuthorLine('• @alice@lemmy.worldOPM', 4, 7)).toEqual({
      content: '• @alice@lemmy.worldOPM',
      column: 4,
      line: 7,
      author: { name: 'alice', instance: 'lemmy.world' },
      badges: ['op', 'moderator'],
    });
    expect(readAuthorLine('•\u00a0@bob', 6, 2)?.author).toEqual({ name: 'bob', instance: null });
    expect(readAuthorLine('• @bob@', 6, 2)).toBeNull();
    expect(readAuthorLine('• @bob host', 6, 2)).toBeNull();
  });
});
