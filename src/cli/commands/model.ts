/**
 * `threadmod model fetch|import|status`: get the toxicity model onto the
 * machine and see what is installed. Downloads and imports are verified
 * against pinned checksums and installed atomically.
 */
import type { Command } from 'commander';
import { z } from 'zod';
import { fetchModel, type FetchEvent } from '../../model/fetch.js';
import { importModel } from '../../model/import.js';
import { mirrorFromBase } from '../../model/mirrors.js';
import { installedModelDir } from '../../model/paths.js';
import { formatStatus, modelStatus, verdict } from '../../model/status.js';

const FetchOptions = z.object({
  mirror: z.array(z.url({ protocol: /^https?$/ })).default([]),
  timeout: z.coerce.number().positive().default(30),
});

const ImportOptions = z.object({ force: z.boolean().default(false) });

const StatusOptions = z.object({ modelDir: z.string().min(1).optional() });

export function register(program: Command): void {
  const model = program
    .command('model')
    .description('get the toxicity model (fetch or import) and check what is installed');

  model
    .command('fetch')
    .description('download the toxicity model, verify every file, and install it in the user cache')
    .option(
      '--mirror <url>',
      'base URL serving the model files flat; repeatable; replaces the default locations',
      collect,
      [],
    )
    .option('--timeout <seconds>', 'give up on a location after this many seconds without data', '30')
    .action(async (raw: unknown) => {
      const options = FetchOptions.parse(raw);
      const target = installedModelDir();
      const progress = progressPrinter();
      const check = await fetchModel({
        targetDir: target,
        mirrors: options.mirror.length > 0 ? options.mirror.map(mirrorFromBase) : undefined,
        stallTimeoutMs: options.timeout * 1000,
        onEvent: progress,
      });
      process.stdout.write(`installed toxicity model in ${check.dir}: ${verdict(check)}\n`);
    });

  model
    .command('import')
    .description(
      'install a model folder copied by hand (offline); refuses files that do not match the pinned checksums',
    )
    .argument('<dir>', 'folder holding model.json, group1-shard1of7 … group1-shard7of7 and vocab.json')
    .option('--force', 'install even if checksums differ (e.g. stand-in weights); the model then counts as unverified')
    .action(async (dir: string, raw: unknown) => {
      const options = ImportOptions.parse(raw);
      const check = await importModel(dir, { targetDir: installedModelDir(), force: options.force });
      process.stdout.write(`installed toxicity model in ${check.dir}: ${verdict(check)}\n`);
    });

  model
    .command('status')
    .description('show which model folders exist, which one is used, and whether each verifies')
    .option('--model-dir <dir>', 'also check this folder (as the scorer would use it)')
    .action(async (raw: unknown) => {
      const options = StatusOptions.parse(raw);
      const statuses = await modelStatus(options.modelDir);
      process.stdout.write(`${formatStatus(statuses).join('\n')}\n`);
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** Progress on stderr: one updating line on a terminal, one line per file event otherwise. */
function progressPrinter(): (event: FetchEvent) => void {
  const tty = process.stderr.isTTY === true;
  const mb = (n: number) => (n / 1_048_576).toFixed(1);
  return (event) => {
    switch (event.type) {
      case 'start':
        if (!tty) process.stderr.write(`${event.file}: downloading from ${event.mirror}\n`);
        break;
      case 'progress':
        if (tty) process.stderr.write(`\r\x1b[K${event.file}: ${mb(event.received)} / ${mb(event.total)} MB`);
        break;
      case 'done':
        process.stderr.write(`${tty ? '\r\x1b[K' : ''}${event.file}: verified (${event.mirror})\n`);
        break;
      case 'failed':
        process.stderr.write(`${tty ? '\r\x1b[K' : ''}${event.file}: ${event.mirror} failed: ${event.reason}\n`);
        break;
    }
  };
}
