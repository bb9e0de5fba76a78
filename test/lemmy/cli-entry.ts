/**
 * The threadmod CLI with `fetch` and `apply` registered, for the process-level
 * tests until src/cli/program.ts registers them itself (then this adds nothing).
 * Mirrors `run` in src/cli/program.ts.
 */
import { register as registerApply } from '../../src/cli/commands/apply.js';
import { register as registerFetch } from '../../src/cli/commands/fetch.js';
import { buildProgram } from '../../src/cli/program.js';
import { reportError } from '../../src/cli/report-error.js';

const program = await buildProgram();
const has = (name: string) => program.commands.some((c) => c.name() === name);
if (!has('fetch')) registerFetch(program);
if (!has('apply')) registerApply(program);

try {
  await program.parseAsync(process.argv.slice(2), { from: 'user' });
} catch (error) {
  const code = (error as { code?: string }).code;
  if (code === 'commander.helpDisplayed' || code === 'commander.version' || code === 'commander.help')
    process.exitCode = 0;
  else if (code?.startsWith('commander.')) process.exitCode = 2;
  else process.exitCode = reportError(error);
}
