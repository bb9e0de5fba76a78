/** `threadmod export <dump>`: fold the review's journal into the decisions JSON (schema/decisions.schema.json). */
import type { Command } from 'commander';
import { z } from 'zod';
import { exportDecisions } from '../../decisions/export.js';
import { counted } from '../../text/plural.js';
import { DumpFormat } from '../../thread/schema.js';
import { FORMAT_NAMES } from '../../parse/formats.js';

const ExportOptions = z.object({
  decisions: z.string().min(1).optional(),
  out: z.string().min(1).optional(),
  /** Accepted for scripts written when the requests were optional; they are always in the file now. */
  lemmy: z.boolean().default(false),
  format: DumpFormat.optional(),
});
export type ExportOptions = z.infer<typeof ExportOptions>;

/** Where the command writes: injectable so tests can capture both streams. */
export interface ExportStreams {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

/** The command's work: JSON to stdout without --out; warnings and the summary line to stderr. */
export async function runExport(dump: string, raw: unknown, streams: ExportStreams = process): Promise<void> {
  const { lemmy: _always, ...options } = ExportOptions.parse(raw);
  const result = await exportDecisions({ dump, ...options });
  for (const warning of result.warnings) streams.stderr.write(`threadmod: warning: ${warning}\n`);
  if (!result.out) {
    streams.stdout.write(result.json);
    return;
  }
  const { summary } = result.file;
  const counts = Object.entries(summary)
    .filter(([, n]) => n > 0)
    .map(([action, n]) => `${n} ${action}`)
    .join(', ');
  streams.stderr.write(
    `threadmod: wrote ${counted(result.file.decisions.length, 'decision')} (${counts || 'none'}) to ${result.out}\n`,
  );
}

export function register(program: Command): void {
  program
    .command('export')
    .description("write the moderator's decisions as JSON (see schema/decisions.schema.json)")
    .argument('<dump>', 'the dump the decisions were made on')
    .option('--decisions <file>', 'the decisions journal (default: <dump>.decisions.jsonl)')
    .option('--out <file>', 'write the JSON here (atomically) instead of to stdout')
    .option('--lemmy', 'accepted for old scripts: the Lemmy API requests are always in the file')
    .option('--format <format>', `${FORMAT_NAMES.join(' or ')} (default: as recorded in the journal)`)
    .action(async (dump: string, raw: unknown) => {
      await runExport(dump, raw);
    });
}
