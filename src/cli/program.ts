/**
 * Builds the commander program. Every command lives in its own file under
 * `commands/` and exports `register(program)`; errors from any of them end
 * in `reportError`, the single place that decides what the user reads.
 */
import { Command } from 'commander';
import { reportError } from './report-error.js';
import { register as registerApply } from './commands/apply.js';
import { register as registerEval } from './commands/eval.js';
import { register as registerExport } from './commands/export.js';
import { register as registerFetch } from './commands/fetch.js';
import { register as registerModel } from './commands/model.js';
import { register as registerReview } from './commands/review.js';
import { register as registerScan } from './commands/scan.js';
import { register as registerTree } from './commands/tree.js';
import { VERSION } from '../version.js';

export function buildProgram(): Command {
  const program = new Command('threadmod')
    .description('Triage a Lemmy comment thread: parse it, flag personal attacks, review, export decisions.')
    .version(VERSION)
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerTree(program);
  registerScan(program);
  registerEval(program);
  registerReview(program);
  registerExport(program);
  registerFetch(program);
  registerApply(program);
  registerModel(program);
  return program;
}

/** Runs threadmod with `argv` (without node and script) and resolves to the exit code. */
export async function run(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    const code = (error as { code?: string }).code;
    // commander signals --help and --version by throwing; those are successes.
    if (code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help') return 0;
    // commander has already printed its own one-line message for usage errors.
    if (code?.startsWith('commander.')) return 2;
    return reportError(error);
  }
}
