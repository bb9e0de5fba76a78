/**
 * The one place that turns an error into what the user reads: a single line
 * on stderr and an exit code. Stack traces only with THREADMOD_DEBUG=1.
 */
import type { ZodError } from 'zod';
import { CommanderError } from 'commander';
import { EXIT_BAD_INPUT, UserError, jsonPath } from '../errors.js';
import { visible } from '../text/visible.js';

export function describeError(error: unknown): { message: string; exitCode: number } {
  if (error instanceof UserError) return { message: error.message, exitCode: error.exitCode };
  if (isZodError(error)) {
    const issue = error.issues[0];
    const where = issue ? jsonPath(issue.path) : '$';
    return { message: `invalid option ${where}: ${issue?.message ?? 'invalid'}`, exitCode: EXIT_BAD_INPUT };
  }
  if (error instanceof CommanderError)
    return { message: error.message.replace(/^error: /, ''), exitCode: EXIT_BAD_INPUT };
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
