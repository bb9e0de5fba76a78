/** `threadmod tree <file>`: print the rebuilt reply tree, for people or (with --json) for machines. */
import type { Command } from 'commander';
import { loadDump } from '../../parse/load-dump.js';
import type { DumpFormat } from '../../thread/schema.js';
import { renderDump } from '../format/tree-text.js';
import { FORMAT_NAMES } from '../../parse/formats.js';

interface TreeOptions {
  readonly format?: DumpFormat | undefined;
  readonly json: boolean;
  readonly width?: number | undefined;
}

/**
 * The options, checked by their zod schema when one that needs checking is
 * given: zod takes about as long to load as Node takes to start, and the
 * usual `tree <file>` (with or without --json) needs no check.
 */
async function treeOptions(raw: { format?: unknown; json?: unknown; width?: unknown }): Promise<TreeOptions> {
  if (raw.format === undefined && raw.width === undefined) return { json: raw.json === true };
  const [{ z }, { DumpFormat }] = await Promise.all([import('zod'), import('../../thread/schema.js')]);
  return z
    .object({
      format: DumpFormat.optional(),
      json: z.boolean().default(false),
      width: z.coerce.number().int().min(20).optional(),
    })
    .parse(raw);
}

export function register(program: Command): void {
  program
    .command('tree')
    .description('print the reply tree rebuilt from a dump (page text or Lemmy API JSON)')
    .argument('<file>', 'the dump: text copied from a Lemmy page, or Lemmy API JSON')
    .option('--format <format>', `${FORMAT_NAMES.join(' or ')} (default: detected)`)
    .option('--json', 'print the normalized thread as JSON (see schema/thread.schema.json)')
    .option('--width <columns>', 'line width for the outline (default: the terminal, or 100)')
    .action(async (file: string, raw: unknown) => {
      const options = await treeOptions(raw as Record<string, unknown>);
      const { dump } = await loadDump(file, options.format);
      if (options.json) {
        process.stdout.write(`${JSON.stringify(dump, null, 2)}\n`);
        return;
      }
      const width = options.width ?? (process.stdout.isTTY ? process.stdout.columns : 100);
      process.stdout.write(renderDump(dump, { width }));
    });
}
