import { describe, expect, it } from 'vitest';
import { pickReading, splitHeader, type HeaderReading } from '../../src/parse/relative-time.js';

const pairs = (line: string) => splitHeader(line)?.map((r) => [r.score, r.age]) ?? null;

describe('splitHeader', () => {
  it.each<[string, Array<[number | null, string]>]>([
    // The seed's headers.
    ['6 months ago', [[null, '6 months ago']]],
    ['176 months ago', [[17, '6 months ago']]],
    ['166 months ago', [[16, '6 months ago']]],
    ['106 months ago', [[10, '6 months ago']]], // not 1 + "06 months": counts have no leading zero
    ['16 months ago', [[1, '6 months ago']]], // not "16 months": months stop at 11
    // Negative and zero scores.
    ['-36 months ago', [[-3, '6 months ago']]],
    [
      '-125 minutes ago',
      [
        [-1, '25 minutes ago'],
        [-12, '5 minutes ago'],
      ],
    ],
    ['06 months ago', [[0, '6 months ago']]],
    ['00 seconds ago', [[0, '0 seconds ago']]],
    ['0 seconds ago', [[null, '0 seconds ago']]],
    // Singular and plural settle what the ranges leave open.
    ['111 months ago', [[1, '11 months ago']]], // 11 + "1 months" is not English
    ['11 month ago', [[1, '1 month ago']]],
    ['1 month ago', [[null, '1 month ago']]],
    ['21 year ago', [[2, '1 year ago']]],
    // Ranges settle it.
    ['112 months ago', [[11, '2 months ago']]],
    ['45 days ago', [[4, '5 days ago']]],
    ['2510 years ago', [[25, '10 years ago']]], // years stop at 20: not 2 + 510 years
    // Truly two readings, fewest score digits first.
    [
      '123 days ago',
      [
        [1, '23 days ago'],
        [12, '3 days ago'],
      ],
    ],
    [
      '23 days ago',
      [
        [null, '23 days ago'],
        [2, '3 days ago'],
      ],
    ],
    [
      '412 hours ago',
      [
        [4, '12 hours ago'],
        [41, '2 hours ago'],
      ],
    ],
    // Nothing in range: every well-formed split, for the thread to decide.
    [
      '230 days ago',
      [
        [null, '230 days ago'],
        [2, '30 days ago'],
        [23, '0 days ago'],
      ],
    ],
    // Times in words: the word ends the score, so there is one reading.
    ['17a minute ago', [[17, 'a minute ago']]],
    ['an hour ago', [[null, 'an hour ago']]],
    ['-2about 1 hour ago', [[-2, 'about 1 hour ago']]],
    ['5just now', [[5, 'just now']]],
    ['less than a minute ago', [[null, 'less than a minute ago']]],
    ['3over 2 years ago', [[3, 'over 2 years ago']]],
    ['12less than 5 seconds ago', [[12, 'less than 5 seconds ago']]],
    // A space some browsers keep between score and time.
    ['17 6 months ago', [[17, '6 months ago']]],
    // White space and case from copying.
    ['  176\u00A0months   ago \t', [[17, '6 months ago']]],
    ['6 Months ago', [[null, '6 Months ago']]],
  ])('%j', (line, expected) => {
    expect(pairs(line)).toEqual(expected);
  });

  it.each([
    'I was there 6 months ago',
    '6 months ago, or so',
    'months ago',
    'ago',
    '6 months',
    '-6 months ago', // a minus needs score digits after it
    '-06 months ago',
    '0012 months ago', // neither scores nor counts have a leading zero
    'now',
    'just now and then',
    '',
    '• @jordanlund@lemmy.worldM',
    `${'9'.repeat(40)} days ago`,
  ])('%j is not a header', (line) => {
    expect(splitHeader(line)).toBeNull();
  });

  it('gives ages in seconds that order the units', () => {
    const seconds = (line: string) => splitHeader(line)![0]!.seconds;
    const ordered = [
      'just now',
      '30 seconds ago',
      'a minute ago',
      '59 minutes ago',
      'about 1 hour ago',
      '23 hours ago',
      '1 day ago',
      '29 days ago',
      '1 month ago',
      '11 months ago',
      'about 1 year ago',
      'over 1 year ago',
      'almost 2 years ago',
      '2 years ago',
    ].map(seconds);
    expect(ordered).toEqual([...ordered].sort((a, b) => a - b));
    expect(new Set(ordered).size).toBe(ordered.length);
  });
});

describe('pickReading', () => {
  const readings = splitHeader('123 days ago')!; // 1 + 23 days, or 12 + 3 days
  const day = 86_400;
  const open = { atLeast: -Infinity, atMost: Infinity, usual: null };

  it('keeps to what the tree allows', () => {
    expect(pickReading(readings, { ...open, atMost: 5 * day }).score).toBe(12);
    expect(pickReading(readings, { ...open, atLeast: 20 * day }).score).toBe(1);
  });

  it('then takes the reading nearest the usual age', () => {
    expect(pickReading(readings, { ...open, usual: 3 * day }).score).toBe(12);
    expect(pickReading(readings, { ...open, usual: 180 * day }).score).toBe(1);
    // The tree outranks the usual age.
    expect(pickReading(readings, { ...open, atLeast: 20 * day, usual: 3 * day }).score).toBe(1);
  });

  it('falls back to the fewest score digits', () => {
    expect(pickReading(readings, open).score).toBe(1);
    expect(pickReading(splitHeader('23 days ago')!, open).score).toBeNull();
  });

  it('ignores bounds that no reading meets', () => {
    const pick = pickReading(readings, { atLeast: 40 * day, atMost: 50 * day, usual: 3 * day });
    expect(pick.score).toBe(12);
  });

  it('refuses an empty list', () => {
    expect(() => pickReading([] as HeaderReading[], open)).toThrow();
  });
});
