import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS, buildLightProgram, buildProgram } from '../../src/cli/program.js';
import { CLI_ENTRY, expectOneLineError, runCli } from '../support/run-cli.js';
import { REPO_ROOT, SEED_THREAD } from '../support/shared.js';

describe('the light program (top-level help without loading any command)', () => {
  it('prints exactly the help of the program with every command registered by its module', async () => {
    const full = await buildProgram();
    expect(full.commands.map((c) => c.name())).toEqual(COMMANDS.map((c) => c.name));
    expect(buildLightProgram().helpInformation()).toBe(full.helpInformation());
  });
});

describe('what a user trips on at the command line', () => {
  it('bare threadmod prints the help on stderr and exits 2; `threadmod help` is a success', async () => {
    const bare = await runCli([]);
    expect(bare.code).toBe(2);
    expect(bare.stdout).toBe('');
    expect(bare.stderr).toMatch(/^Usage: threadmod /);
    const help = await runCli(['help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: threadmod /);
  });

  it("commander's errors are one line starting threadmod:", async () => {
    expectOneLineError(await runCli(['tree', '--bogus', SEED_THREAD()]), /unknown option '--bogus'/);
    expectOneLineError(await runCli(['frobnicate']), /unknown command 'frobnicate'/);
    expectOneLineError(await runCli(['tree']), /missing required argument 'file'/);
  });

  it('a bad option value names the option as typed, not a JSON path', async () => {
    expectOneLineError(
      await runCli(['tree', SEED_THREAD(), '--width', 'abc']),
      /^threadmod: --width must be a number$/,
    );
    expectOneLineError(
      await runCli(['tree', SEED_THREAD(), '--width', '5']),
      /^threadmod: --width must be at least 20$/,
    );
    expectOneLineError(
      await runCli(['tree', SEED_THREAD(), '--format', 'html']),
      /^threadmod: --format must be one of lemmy-text, lemmy-json$/,
    );
  });

  it('`tree … | head` exits quietly when the reader goes away', async () => {
    // The seed thread forty times over: far more JSON than a pipe holds, so writes go on after head has left.
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'threadmod-epipe-')), 'long.lemmy.txt');
    writeFileSync(file, Array.from({ length: 40 }, () => readFileSync(SEED_THREAD(), 'utf8')).join('\n'));
    const child = spawn(process.execPath, ['--import', 'tsx', CLI_ENTRY, 'tree', file, '--json'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    // Like head -1: read the first chunk, then close the pipe.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
