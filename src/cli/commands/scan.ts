/** `threadmod scan <dump...>`: flag the comments that break the community's rules. */
import type { Command } from 'commander';
import { z } from 'zod';
import { flagThread } from '../../flag/flagger.js';
import { loadRules, rulesForScorer } from '../../flag/rules.js';
import { loadDump } from '../../parse/index.js';
import { DumpFormat } from '../../thread/schema.js';
import { renderFlagTable, type FlagRow } from '../format/flag-table.js';
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
    try {
      for (const { file, dump } of dumps) {
        for (const thread of dump.posts) {
          const byId = new Map(thread.comments.map((c) => [c.id, c]));
          const { flags } = await flagThread(thread, scorer, {
            rules,
            includeMods: options.includeMods,
            onProgress: (p) => progress.update(p.done, p.total),
            onFlag: options.ndjson
              ? (flag) => process.stdout.write(`${JSON.stringify({ file, ...flag })}\n`)
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
    if (options.ndjson) return;
    if (options.json) {
      const flags = rows.map(({ file, flag, comment }) => ({
        file,
        ...flag,
        author: comment?.author ?? null,
        lemmyCommentId: comment?.lemmy?.commentId ?? null,
      }));
      process.stdout.write(
        `${JSON.stringify({ flags, scorer: scorer.info, rules: rules.rules.map((r) => r.id) }, null, 2)}\n`,
      );
      return;
    }
    const width = process.stdout.isTTY ? process.stdout.columns : 100;
    process.stdout.write(`scorer: ${describeScorer(scorer.info, options.scorer).header}\n\n`);
    process.stdout.write(renderFlagTable(rows, width));
  });
}
