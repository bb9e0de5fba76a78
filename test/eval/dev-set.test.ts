/**
 * The quality floor of the lexicon scorer with the default rules on the real
 * development set (600 comments, 180 attacks; see ../shared/data/README.md).
 * Measured when written: whole set P 0.84 R 0.76 F1 0.80 AUC 0.90; the half
 * not used for tuning (splitHalves().holdout) F1 0.73. The floors sit a little
 * below so that an honest change can move them, a broken one cannot.
 */
import { describe, expect, it } from 'vitest';
import { evaluate, readLabelled, splitHalves } from '../../src/eval/index.js';
import { createLexiconScorer } from '../../src/flag/lexicon/index.js';
import { DEFAULT_RULES } from '../../src/flag/rules.js';
import { DEV_SET } from '../support/shared.js';

describe('lexicon + default rules on the development set', () => {
  it('reaches F1 >= 0.78 with precision >= 0.80 on the whole set', async () => {
    const records = await readLabelled(DEV_SET());
    const report = await evaluate(records, createLexiconScorer(), DEFAULT_RULES);
    expect(report.n).toBe(600);
    expect(report.positives).toBe(180);
    expect(report.attackRules).toEqual(['rule-3']);
    expect(report.precision).toBeGreaterThanOrEqual(0.8);
    expect(report.f1).toBeGreaterThanOrEqual(0.78);
    expect(report.auc).toBeGreaterThanOrEqual(0.88);
    const { tp, fp, tn, fn } = report.confusion;
    expect(tp + fp + tn + fn).toBe(600);
    expect(tp + fn).toBe(180);
    // The sweep asks the rules' question at other thresholds: fewer flags as it rises.
    expect(report.sweep.map((s) => s.threshold)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]);
    for (let i = 1; i < report.sweep.length; i++)
      expect(report.sweep[i]!.flagged).toBeLessThanOrEqual(report.sweep[i - 1]!.flagged);
    const atRule = report.sweep.find((s) => s.threshold === 0.7)!;
    expect(atRule.f1).toBeCloseTo(report.f1, 1);
  });

  it('holds up on the half that was not used for tuning', async () => {
    const { holdout } = splitHalves(await readLabelled(DEV_SET()));
    const report = await evaluate(holdout, createLexiconScorer(), DEFAULT_RULES);
    expect(report.f1).toBeGreaterThanOrEqual(0.7);
    expect(report.precision).toBeGreaterThanOrEqual(0.75);
  });

  it('scores an empty set without failing', async () => {
    const report = await evaluate([], createLexiconScorer(), DEFAULT_RULES);
    expect(report).toMatchObject({ n: 0, precision: 0, recall: 0, f1: 0 });
    expect(report.auc).toBeNaN();
  });
});
