/**
 * The `review` command's front door, in process: options checked by zod,
 * the one-line refusal when there is no terminal, the default moderator.
 * (Everything behind the door runs in the tmux end-to-end test.)
 */
import { Command } from 'commander';
import { afterEach, describe, expect, it } from 'vitest';
import { NOT_A_TERMINAL, defaultModerator, register } from '../../src/cli/commands/review.js';
import { describeError } from '../../src/cli/report-error.js';
import { SEED } from './support/seed.js';

function program(): Command {
  const p = new Command('threadmod').exitOverride();
  register(p);
  return p;
}

async function run(...argv: string[]): Promise<{ message: string; exitCode: number }> {
  try {
    await program().parseAsync(argv, { from: 'user' });
  } catch (error) {
    return describeError(error);
  }
  throw new Error('expected the command to fail');
}

const forceColor = process.env.FORCE_COLOR;
afterEach(() => {
  if (forceColor === undefined) delete process.env.FORCE_COLOR;
  else process.env.FORCE_COLOR = forceColor;
});

describe('threadmod review (command line)', () => {
  it('refuses in one line when stdin or stdout is not a terminal, pointing to scan --json', async () => {
    // Test workers have no terminal: exactly a script's situation.
    expect(process.stdout.isTTY && process.stdin.isTTY).toBeFalsy();
    const result = await run('review', SEED, '--scorer', 'lexicon');
    expect(result).toEqual({ message: NOT_A_TERMINAL, exitCode: 2 });
    expect(result.message).toMatch(/threadmod scan --json/);
  });

  it('checks options with zod before anything else', async () => {
    expect(await run('review', SEED, '--scorer', 'magic')).toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/^--scorer must be one of /),
    });
    expect(await run('review', SEED, '--format', 'html')).toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/^--format must be one of /),
    });
    expect(await run('review', SEED, '--moderator', '  ')).toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/^--moderator must not be empty$/),
    });
  });

  it('--no-color sets FORCE_COLOR=0 before the UI (and Ink) load', async () => {
    delete process.env.FORCE_COLOR;
    await run('review', SEED, '--no-color');
    expect(process.env.FORCE_COLOR).toBe('0');
  });

  it('the moderator defaults to $USER, then to "moderator"', () => {
    expect(defaultModerator({ USER: 'jordanlund' })).toBe('jordanlund');
    expect(defaultModerator({ USERNAME: 'win' })).toBe('win');
    expect(defaultModerator({ USER: ' ' })).toBe('moderator');
    expect(defaultModerator({})).toBe('moderator');
  });
});
