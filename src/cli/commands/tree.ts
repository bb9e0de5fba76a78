/** `threadmod tree <file>`: print the rebuilt reply tree, for people or (with --json) for machines. */
import type { Command } from 'commander';
import { z } from 'zod';
import { loadDump } from '../../parse/index.js';
import { DumpFormat } from '../../thread/schema.js';
import { renderDump } from '../format/tree-text.js';

const TreeOptions = z.object({
  format: DumpFormat.optional(),
  json: z.boolean().default(false),
  width: z.coerce.number().int().min(20).optional(),
});

export function register(program: Command): void {
  program
    .command('tree')
    .description('print the reply tree rebuilt from a dump (page text or Lemmy API JSON)')
    .argument('<file>', 'the dump: text copied from a Lemmy page, or Lemmy API JSON')
    .option('--format <format>', 'lemmy-text or lemmy-json (default: detected)')
    .option('--json', 'print the normalized thread as JSON (see schema/thread.schema.json)')
    .option('--width <columns>', 'line width for the outline (default: the terminal, or 100)')
    .action(async (file: string, raw: unknown) => {
      const options = TreeOptions.parse(raw);
      const { dump } = await loadDump(file, options.format);
      if (options.json) {
        process.stdout.write(`${JSON.stringify(dump, null, 2)}\n`);
        return;
      }
      const width = options.width ?? (process.stdout.isTTY ? process.stdout.columns : 100);
      process.stdout.write(renderDump(dump, { width }));
    });
}
