/**
 * The one place that turns an error into what the user reads: a single line
 * on stderr and an exit code. Stack traces only with THREADMOD_DEBUG=1.
 */
import type { ZodError } from 'zod';
import { CommanderError } from 'commander';
import { EXIT_BAD_INPUT, UserError } from '../errors.js';
import { visible } from '../text/visible.js';

export function describeError(error: unknown): { message: string; exitCode: number } {
  if (error instanceof UserError) return { message: error.message, exitCode: error.exitCode };
  // Files are validated with located errors (InputError); a bare zod error comes from a command's options.
  if (isZodError(error)) return { message: optionProblem(error.issues[0]), exitCode: EXIT_BAD_INPUT };
  if (error instanceof CommanderError)
    return {
      message: `${error.message.replace(/^error: /, '')} (run with --help for usage)`,
      exitCode: EXIT_BAD_INPUT,
    };
  const err = error as NodeJS.ErrnoException;
  if (err && typeof err === 'object' && typeof err.code === 'string' && typeof err.path === 'string') {
    return { message: `${err.path}: ${systemErrorText(err.code, err.message)}`, exitCode: EXIT_BAD_INPUT };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { message: `unexpected error: ${firstLine(message)} (set THREADMOD_DEBUG=1 for details)`, exitCode: 1 };
}

export function reportError(error: unknown): number {
  const { message, exitCode } = describeError(error);
  // Messages quote dump text and server replies: shown, never obeyed by the terminal.
  process.stderr.write(`threadmod: ${visible(firstLine(message))}\n`);
  if (process.env.THREADMOD_DEBUG && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  return exitCode;
}

type Issue = ZodError['issues'][number];

/** `--width must be a number`: the option as typed on the command line, and what it must be. */
function optionProblem(issue: Issue | undefined): string {
  if (!issue) return 'invalid options';
  const key = issue.path[0];
  if (typeof key !== 'string') return issue.message;
  const flag = `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'number') return `${flag} must be a number`;
      if (issue.expected === 'int') return `${flag} must be a whole number`;
      break;
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1 ? `${flag} must not be empty` : `${flag} is too short`;
      return `${flag} must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return `${flag} must be at most ${String(issue.maximum)}`;
    case 'invalid_value':
      return `${flag} must be one of ${issue.values.map(String).join(', ')}`;
  }
  // Messages written for an option already name it ("choose one of --json and --ndjson").
  return issue.message.includes('--') ? issue.message : `${flag}: ${issue.message}`;
}

function firstLine(text: string): string {
  return text.split(/\r?\n/, 1)[0] ?? '';
}

function systemErrorText(code: string, fallback: string): string {
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory, not a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return firstLine(fallback);
  }
}

/**
 * A zod validation error, recognised by shape: importing zod here to use
 * instanceof would load it for every command, `tree` and `--help` included.
 */
function isZodError(error: unknown): error is ZodError {
  return error instanceof Error && error.name === 'ZodError' && Array.isArray((error as Partial<ZodError>).issues);
}
