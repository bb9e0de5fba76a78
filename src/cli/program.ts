/**
 * Builds the commander program. Every command lives in its own file under
 * `commands/` and exports `register(program)`; errors from any of them end
 * in `reportError`, the single place that decides what the user reads.
 *
 * Start-up cost: a command's module pulls in what it runs (zod schemas, the
 * parsers, Ink and React, TF.js, HTTP), and importing all of them took longer
 * than the work of `threadmod tree`. So `run` imports only the module of the
 * command on the command line; the top-level help and the "unknown command"
 * message come from the light table below (a test checks it against the
 * commands' own registrations).
 */
import { Command, Help } from 'commander';
import { reportError } from './report-error.js';
import { VERSION } from '../version.js';

interface CommandModule {
  register(program: Command): void;
}

interface CommandEntry {
  readonly name: string;
  /** As the top-level help lists it: name, `[options]`, arguments. */
  readonly term: string;
  readonly description: string;
  readonly load: () => Promise<CommandModule>;
}

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'tree',
    term: 'tree [options] <file>',
    description: 'print the reply tree rebuilt from a dump (page text or Lemmy API JSON)',
    load: () => import('./commands/tree.js'),
  },
  {
    name: 'scan',
    term: 'scan [options] <dump...>',
    description: 'score every comment and list the flags, most severe first',
    load: () => import('./commands/scan.js'),
  },
  {
    name: 'eval',
    term: 'eval [options] <labeled.jsonl>',
    description: 'measure precision, recall, F1 and ROC AUC against labelled comments',
    load: () => import('./commands/eval.js'),
  },
  {
    name: 'review',
    term: 'review [options] <dump>',
    description: 'review the flags in context: remove, approve, warn or ban; decisions are journaled as you go',
    load: () => import('./commands/review.js'),
  },
  {
    name: 'export',
    term: 'export [options] <dump>',
    description: "write the moderator's decisions as JSON (see schema/decisions.schema.json)",
    load: () => import('./commands/export.js'),
  },
  {
    name: 'fetch',
    term: 'fetch [options] [url]',
    description:
      "download a post, or a community's recent posts, with all their comments from a Lemmy instance into one JSON dump",
    load: () => import('./commands/fetch.js'),
  },
  {
    name: 'apply',
    term: 'apply [options] <decisions>',
    description: 'carry out exported decisions (remove, ban, restore) on the Lemmy instance',
    load: () => import('./commands/apply.js'),
  },
  {
    name: 'model',
    term: 'model',
    description: 'get the toxicity model (fetch or import) and check what is installed',
    load: () => import('./commands/model.js'),
  },
  {
    name: 'train',
    term: 'train [options] [inputs...]',
    description: 'train a personal-attack model on labelled comments and exported decisions',
    load: () => import('./commands/train.js'),
  },
];

function baseProgram(): Command {
  return (
    new Command('threadmod')
      .description('Triage a Lemmy comment thread: parse it, flag personal attacks, review, export decisions.')
      .version(VERSION)
      // commander's own two-line error output is silenced: `reportError` prints one `threadmod:` line instead.
      .configureOutput({ outputError: () => {} })
      .exitOverride()
  );
}

/** The whole program, every command registered by its own module. */
export async function buildProgram(): Promise<Command> {
  const program = baseProgram();
  for (const entry of COMMANDS) (await entry.load()).register(program);
  return program;
}

/**
 * The program for `--help`, no command or an unknown one: each command is a
 * stand-in with the table's description and term, so listing them loads none.
 */
export function buildLightProgram(): Command {
  const program = baseProgram();
  const terms = new Map(COMMANDS.map((c) => [c.name, c.term]));
  program.configureHelp({
    subcommandTerm: (cmd) => terms.get(cmd.name()) ?? Help.prototype.subcommandTerm.call(new Help(), cmd),
  });
  for (const entry of COMMANDS) program.command(entry.name).description(entry.description);
  return program;
}

/** The command `argv` runs (also for `help <command>`), if it names one. */
function commandOf(argv: readonly string[]): CommandEntry | undefined {
  // The program's own options (--help, --version) take no value, so the first word is the command.
  const words = argv.filter((a) => !a.startsWith('-'));
  const name = words[0] === 'help' ? words[1] : words[0];
  return COMMANDS.find((c) => c.name === name);
}

/** Runs threadmod with `argv` (without node and script) and resolves to the exit code. */
export async function run(argv: string[]): Promise<number> {
  try {
    const entry = commandOf(argv);
    let program: Command;
    if (entry) {
      program = baseProgram();
      (await entry.load()).register(program);
    } else {
      program = buildLightProgram();
    }
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    const { code, exitCode } = error as { code?: string; exitCode?: number };
    // commander signals --help and --version by throwing; those are successes.
    if (code === 'commander.helpDisplayed' || code === 'commander.version') return 0;
    // Help asked for (`threadmod help`) is a success; help shown because no command was given (bare
    // `threadmod`, `threadmod model`) went to stderr and is a usage error.
    if (code === 'commander.help') return exitCode === 0 ? 0 : 2;
    return reportError(error);
  }
}
