/**
 * `threadmod eval <labeled.jsonl>`: how well the flagger agrees with a
 * moderator's own labels, so thresholds can be calibrated on local data.
 */
import type { Command } from 'commander';
import { z } from 'zod';
import { evaluate, readLabelled, type EvalReport } from '../../eval/index.js';
import { loadRules, rulesForScorer } from '../../flag/rules.js';
import { stderrProgress } from '../progress.js';
import { ScorerOptions, addScorerOptions, openScorer } from '../scorer-options.js';

const EvalOptions = ScorerOptions.extend({
  json: z.boolean().default(false),
  items: z.boolean().default(false),
  prevalence: z.coerce
    .number()
    .gt(0, '--prevalence must be between 0 and 1, e.g. 0.02')
    .lt(1, '--prevalence must be between 0 and 1, e.g. 0.02')
    .optional(),
});

export function register(program: Command): void {
  addScorerOptions(
    program
      .command('eval')
      .description('measure precision, recall, F1 and ROC AUC against labelled comments')
      .argument('<labeled.jsonl>', 'one {"id","text","attack"} object per line')
      .option('--json', 'print the report as JSON ({precision, recall, f1, auc, n, ...})')
      .option('--items', 'with --json, include the score of every comment')
      .option('--prevalence <p>', 'also say what the queue holds where this share of comments are attacks (e.g. 0.02)'),
  ).action(async (file: string, raw: unknown) => {
    const options = EvalOptions.parse(raw);
    const [records, rules] = await Promise.all([readLabelled(file), loadRules(options.rules)]);
    const progress = stderrProgress('scoring');
    const scorer = await openScorer(options, progress);
    let report: EvalReport;
    try {
      report = await evaluate(records, scorer, rulesForScorer(rules, scorer.info, options.rules !== undefined), {
        onProgress: (p) => progress.update(p.done, p.total),
        ...(options.prevalence !== undefined ? { prevalence: options.prevalence } : {}),
      });
    } finally {
      progress.done();
      await scorer.close();
    }
    if (options.json) {
      const { items: _items, ...summary } = report;
      process.stdout.write(`${JSON.stringify(options.items ? report : summary, null, 2)}\n`);
      return;
    }
    process.stdout.write(renderReport(file, report));
  });
}

function renderReport(file: string, r: EvalReport): string {
  const pct = (x: number) => x.toFixed(3);
  const c = r.confusion;
  const lines = [
    `${file}: ${r.n} comments, ${r.positives} labelled attacks`,
    `scorer: ${r.scorer.name}${r.scorer.backend ? ` on ${r.scorer.backend}` : ''}; attack rules: ${r.attackRules.join(', ')}`,
    '',
    `precision ${pct(r.precision)}   recall ${pct(r.recall)}   F1 ${pct(r.f1)}   accuracy ${pct(r.accuracy)}   ROC AUC ${pct(r.auc)}`,
    `top of the queue: precision ${pct(r.precisionAt10)} in the top 10, ${pct(r.precisionAt50)} in the top 50`,
    ...(r.atPrevalence
      ? [
          `at prevalence ${r.atPrevalence.prevalence}: ${pct(r.atPrevalence.queuePrecision)} of the queue are true attacks` +
            ` (${r.atPrevalence.flagsPerThousand.toFixed(1)} flags per 1,000 comments, ${r.atPrevalence.attacksPerThousand.toFixed(1)} of them attacks)`,
        ]
      : []),
    '',
    '                 labelled attack   labelled not',
    `flagged          ${String(c.tp).padStart(15)} ${String(c.fp).padStart(14)}`,
    `not flagged      ${String(c.fn).padStart(15)} ${String(c.tn).padStart(14)}`,
    '',
    'threshold sweep (strongest targeted score >= threshold):',
    'threshold  flagged  precision  recall     F1',
    ...r.sweep.map(
      (s) =>
        `${s.threshold.toFixed(2).padStart(9)} ${String(s.flagged).padStart(8)} ${pct(s.precision).padStart(10)} ${pct(s.recall).padStart(7)} ${pct(s.f1).padStart(6)}`,
    ),
    '',
    'calibration (strongest targeted score per comment; untargeted comments count as 0):',
    '    score   comments   mean score   labelled attacks',
    ...r.calibration.map(
      (b) =>
        `${`${b.from.toFixed(1)}-${b.to.toFixed(1)}`.padStart(9)} ${String(b.n).padStart(10)} ${pct(b.meanPredicted).padStart(12)} ${pct(b.observed).padStart(18)}`,
    ),
  ];
  return `${lines.join('\n')}\n`;
}
