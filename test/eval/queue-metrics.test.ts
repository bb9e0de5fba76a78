import { describe, expect, it } from 'vitest';
import { evaluate, readLabelled } from '../../src/eval/index.js';
import { atPrevalence, calibrationTable, precisionAtK } from '../../src/eval/queue-metrics.js';
import { createLexiconScorer } from '../../src/flag/lexicon/index.js';
import { DEFAULT_RULES } from '../../src/flag/rules.js';
import { DEV_SET } from '../support/shared.js';

describe('queue metrics', () => {
  it('precision at k counts the labelled attacks among the k highest scores', () => {
    const truth = [true, false, true, false, false];
    const scores = [0.9, 0.8, 0.7, 0.1, 0.95];
    expect(precisionAtK(truth, scores, 1)).toBe(0);
    expect(precisionAtK(truth, scores, 2)).toBe(0.5);
    expect(precisionAtK(truth, scores, 4)).toBe(0.5);
    expect(precisionAtK(truth, scores, 50)).toBe(0.4);
    expect(precisionAtK([], [], 10)).toBeNaN();
  });

  it('a calibration table puts every score in one bin and reports the observed share', () => {
    const pairs: Array<[number, boolean]> = [
      [0.05, false],
      [0.05, false],
      [0.95, true],
      [1, true],
      [0.92, false],
      [0.5, true],
    ];
    const table = calibrationTable(pairs);
    expect(table.reduce((n, b) => n + b.n, 0)).toBe(pairs.length);
    const top = table.find((b) => b.from === 0.9)!;
    expect(top).toMatchObject({ n: 3, observed: 0.667 });
    expect(top.meanPredicted).toBeCloseTo((0.95 + 1 + 0.92) / 3, 3);
  });

  it('at a lower prevalence the queue holds a smaller share of attacks, by Bayes rule', () => {
    const c = { tp: 80, fn: 20, fp: 10, tn: 190 }; // recall 0.8, false-alarm rate 0.05
    const same = atPrevalence(c, 100 / 300);
    expect(same.queuePrecision).toBeCloseTo(80 / 90, 6);
    const rare = atPrevalence(c, 0.02);
    expect(rare.queuePrecision).toBeCloseTo((0.02 * 0.8) / (0.02 * 0.8 + 0.98 * 0.05), 6);
    expect(rare.flagsPerThousand).toBeCloseTo(1000 * (0.016 + 0.049), 6);
    expect(rare.attacksPerThousand).toBeCloseTo(16, 6);
  });

  it('evaluate reports them on the real dev set', async () => {
    const records = await readLabelled(DEV_SET());
    const report = await evaluate(records, createLexiconScorer(), DEFAULT_RULES, { prevalence: 0.02 });
    expect(report.precisionAt10).toBeGreaterThanOrEqual(0.8);
    expect(report.precisionAt50).toBeGreaterThan(report.positives / report.n);
    expect(report.calibration.reduce((n, b) => n + b.n, 0)).toBe(600);
    expect(report.atPrevalence!.prevalence).toBe(0.02);
    expect(report.atPrevalence!.queuePrecision).toBeLessThan(report.precision);
  });
});
