import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseIsoTime } from '../../src/parse/iso-time.js';

const part = (values: string[]) => fc.constantFrom(...values);
const twoDigits = part([
  '00',
  '01',
  '09',
  '12',
  '13',
  '23',
  '24',
  '28',
  '29',
  '30',
  '31',
  '32',
  '59',
  '60',
  '99',
  '1',
  'x1',
  '',
]);

/** Near-canonical timestamps: every field in and just out of range, odd separators, fractions and zones. */
const timestamp = fc
  .tuple(
    part(['2026', '1970', '0000', '0099', '0100', '9999', '1900', '-2026', '+02026', '202']),
    part(['-', '-', '/']),
    twoDigits,
    twoDigits,
    part(['T', 'T', ' ', 't']),
    twoDigits,
    twoDigits,
    twoDigits,
    part(['', '.', '.0', '.1', '.12', '.123', '.1234', '.0009', '.999999', '.363420', '.12a']),
    part(['Z', 'Z', '', '+00:00', 'z']),
  )
  .map(([y, s, mo, d, t, h, mi, se, f, z]) => `${y}${s}${mo}${s}${d}${t}${h}:${mi}:${se}${f}${z}`);

describe('parseIsoTime', () => {
  it('is Date.parse on near-canonical timestamps', () => {
    fc.assert(
      fc.property(timestamp, (s) => {
        expect(parseIsoTime(s)).toBe(Date.parse(s));
      }),
      { numRuns: 5000 },
    );
  });

  it('is Date.parse on every instant written by toISOString, with and without a fraction', () => {
    fc.assert(
      fc.property(fc.integer({ min: -62_000_000_000_000, max: 253_000_000_000_000 }), (t) => {
        const iso = new Date(t).toISOString();
        for (const s of [iso, iso.replace(/\.\d+Z$/, 'Z'), iso.replace('Z', '420Z')])
          expect(parseIsoTime(s)).toBe(Date.parse(s));
      }),
    );
  });

  it('is Date.parse on any string', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(parseIsoTime(s)).toBe(Date.parse(s));
      }),
    );
  });
});
