/**
 * The "why" rows: one when everything fits, the lexicon under the model's
 * words when not, cut between items at any width, never wider than asked.
 */
import { describe, expect, it } from 'vitest';
import type { FlagWhy } from '../../../src/flag/explain-flag.js';
import type { Evidence } from '../../../src/flag/flag-schema.js';
import { zeroScores } from '../../../src/flag/labels.js';
import { lineText } from '../../../src/review/state/styled.js';
import { textWidth } from '../../../src/review/state/text-width.js';
import { layoutWhy, signedContribution } from '../../../src/review/state/why-lines.js';

const evidence: Evidence = {
  text: 'Fuck off libtard',
  start: 0,
  end: 16,
  scores: zeroScores(),
  terms: [],
  target: null,
};

const LIBTARD: FlagWhy = {
  evidence,
  sentences: 1,
  model: [
    { word: 'fuck', contribution: 2.36 },
    { word: 'libtard', contribution: 1.64 },
    { word: 'off', contribution: 0.65 },
  ],
  lexicon: [
    { label: 'insult', terms: ['fuck off', 'libtard'] },
    { label: 'obscene', terms: ['fuck'] },
  ],
  target: null,
};

const text = (why: FlagWhy, width: number) => layoutWhy(why, width).map(lineText);

describe('why rows', () => {
  it('one row when it fits, model words then lexicon terms by label', () => {
    expect(text(LIBTARD, 120)).toEqual([
      'why: model fuck +2.4 · libtard +1.6 · off +0.7 · lexicon fuck off, libtard (insult) · fuck (obscene)',
    ]);
  });

  it('at 80 columns, the lexicon goes under the model words', () => {
    expect(text(LIBTARD, 80)).toEqual([
      'why: model fuck +2.4 · libtard +1.6 · off +0.7',
      '     lexicon fuck off, libtard (insult) · fuck (obscene)',
    ]);
  });

  it('narrower, items are left out whole and the row ends in …; never wider than the width', () => {
    expect(text(LIBTARD, 40)).toEqual([
      'why: model fuck +2.4 · libtard +1.6 …',
      '     lexicon fuck off, libtard (insult)…',
    ]);
    for (let width = 1; width <= 130; width++)
      for (const row of text(LIBTARD, width)) expect(textWidth(row)).toBeLessThanOrEqual(width);
  });

  it('says how many sentences the strongest was chosen from', () => {
    expect(text({ ...LIBTARD, sentences: 3, lexicon: [] }, 80)).toEqual([
      'why (strongest of 3 sentences): model fuck +2.4 · libtard +1.6 · off +0.7',
    ]);
  });

  it('the lexicon alone (lexicon scorer), and nothing when no scorer named a word', () => {
    expect(text({ ...LIBTARD, model: [] }, 80)).toEqual(['why: lexicon fuck off, libtard (insult) · fuck (obscene)']);
    expect(text({ ...LIBTARD, model: [], lexicon: [] }, 80)).toEqual([]);
  });

  it("keeps the author's words on one row and counts control characters at the width they are shown", () => {
    const hostile: FlagWhy = { ...LIBTARD, model: [{ word: 'a\nb\x1b[2Jc', contribution: 1 }], lexicon: [] };
    const [row] = text(hostile, 80);
    expect(row).toBe('why: model a b\x1b[2Jc +1.0');
    // The sink (StyledLine) shows ESC as ␛, one column: the row fits where it is drawn.
    const narrow = text(hostile, 17)[0]!;
    expect(textWidth(narrow)).toBeLessThanOrEqual(17);
  });

  it('signs contributions with one decimal', () => {
    expect([2.36, 0.15, -0.44, 0].map(signedContribution)).toEqual(['+2.4', '+0.2', '-0.4', '+0.0']);
  });
});
