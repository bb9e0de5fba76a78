/** `threadmod scan <dump...>`: flag the comments that break the community's rules. */
import type { Command } from 'commander';
import { z } from 'zod';
import { flagThread } from '../../flag/flagger.js';
import { loadRules, rulesForScorer } from '../../flag/rules.js';
import { loadDump } from '../../parse/load-dump.js';
import { DumpFormat } from '../../thread/schema.js';
import { renderFlagTable, renderReportTable, type FlagRow, type ReportRow } from '../format/flag-table.js';
import { reportFlags } from '../../flag/reports.js';
import { stderrProgress } from '../progress.js';
import { ScorerOptions, addScorerOptions, openScorer } from '../scorer-options.js';
import { describeScorer } from '../../flag/scorers.js';
import { FORMAT_NAMES } from '../../parse/formats.js';

const ScanOptions = ScorerOptions.extend({
  format: DumpFormat.optional(),
  json: z.boolean().default(false),
  ndjson: z.boolean().default(false),
}).refine((o) => !(o.json && o.ndjson), { message: 'choose one of --json and --ndjson', path: ['json'] });

export function register(program: Command): void {
  addScorerOptions(
    program
      .command('scan')
      .description('score every comment and list the flags, most severe first')
      .argument('<dump...>', 'one or more dumps (page text or Lemmy API JSON)')
      .option('--format <format>', `${FORMAT_NAMES.join(' or ')} (default: detected)`)
      .option('--json', 'print {flags, scorer} as one JSON document')
      .option('--ndjson', 'print one JSON flag per line as soon as it is found'),
  ).action(async (files: string[], raw: unknown) => {
    const options = ScanOptions.parse(raw);
    // Parse everything first: a bad file should fail before a model loads.
    const fileRules = await loadRules(options.rules);
    const dumps = [];
    for (const file of files) dumps.push({ file, dump: (await loadDump(file, options.format)).dump });

    const progress = stderrProgress('scoring');
    const scorer = await openScorer(options, progress);
    const rules = rulesForScorer(fileRules, scorer.info, options.rules !== undefined);
    const rows: FlagRow[] = [];
    const reported: ReportRow[] = [];
    try {
      for (const { file, dump } of dumps) {
        const byId = new Map(dump.posts.flatMap((t) => t.comments.map((c) => [c.id, c] as const)));
        for (const flag of reportFlags(dump)) reported.push({ file, flag, comment: byId.get(flag.commentId) });
        for (const thread of dump.posts) {
          const byId = new Map(thread.comments.map((c) => [c.id, c]));
          const { flags } = await flagThread(thread, scorer, {
            rules,
            includeMods: options.includeMods,
            onProgress: (p) => progress.update(p.done, p.total),
            onFlag: options.ndjson
              ? (flag) => process.stdout.write(`${JSON.stringify({ file, source: 'model', ...flag })}\n`)
              : undefined,
          });
          for (const flag of flags) rows.push({ file, flag, comment: byId.get(flag.commentId) });
        }
      }
    } finally {
      progress.done();
      await scorer.close();
    }
    rows.sort((a, b) => b.flag.severity - a.flag.severity);
    const flagged = new Set(rows.map((r) => `${r.file}\0${r.flag.commentId}`));
    const isFlagged = (r: ReportRow) => flagged.has(`${r.file}\0${r.flag.commentId}`);
    // Reported and flagged first, then by how many members reported.
    reported.sort((a, b) => Number(isFlagged(b)) - Number(isFlagged(a)) || b.flag.reporters - a.flag.reporters);
    const reportJson = reported.map((r) => ({
      file: r.file,
      source: 'report' as const,
      commentId: r.flag.commentId,
      ruleId: 'report',
      flagged: isFlagged(r),
      reporters: r.flag.reporters,
      reports: r.flag.reports.map((x) => ({
        reportId: x.reportId,
        reason: x.reason,
        reporter: x.reporter,
        published: x.published,
      })),
      author: r.comment?.author ?? null,
      lemmyCommentId: r.comment?.lemmy?.commentId ?? null,
    }));
    if (options.ndjson) {
      for (const line of reportJson) process.stdout.write(`${JSON.stringify(line)}\n`);
      return;
    }
    if (options.json) {
      const flags = [
        ...rows.map(({ file, flag, comment }) => ({
          file,
          source: 'model' as const,
          ...flag,
          author: comment?.author ?? null,
          lemmyCommentId: comment?.lemmy?.commentId ?? null,
        })),
        ...reportJson,
      ];
      process.stdout.write(
        `${JSON.stringify({ flags, scorer: scorer.info, rules: rules.rules.map((r) => r.id) }, null, 2)}\n`,
      );
      return;
    }
    const width = process.stdout.isTTY ? process.stdout.columns : 100;
    process.stdout.write(`scorer: ${describeScorer(scorer.info, options.scorer).header}\n\n`);
    const severalFiles = files.length > 1;
    process.stdout.write(renderFlagTable(rows, width, severalFiles));
    if (reported.length > 0) process.stdout.write(renderReportTable(reported, flagged, width, severalFiles));
  });
}
