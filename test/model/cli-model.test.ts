/**
 * `threadmod model fetch|import|status` through commander, as program.ts
 * wires commands: errors end in reportError as one line with exit code 2.
 * XDG_CACHE_HOME points at a temp folder so nothing touches the real cache.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { register } from '../../src/cli/commands/model.js';
import { reportError } from '../../src/cli/report-error.js';
import { installedModelDir } from '../../src/model/paths.js';
import { checkModelDir } from '../../src/model/verify.js';
import { standinModelDir } from '../support/standin-model.js';

let cache: string;
let server: Server;
let mirror: string;
const savedXdg = process.env.XDG_CACHE_HOME;

beforeAll(async () => {
  cache = mkdtempSync(path.join(os.tmpdir(), 'threadmod-cli-model-'));
  process.env.XDG_CACHE_HOME = cache;
  server = createServer((req, res) => {
    try {
      const bytes = readFileSync(path.join(standinModelDir(), path.basename(decodeURIComponent(req.url ?? ''))));
      res.writeHead(200, { 'content-length': bytes.length }).end(bytes);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  mirror = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});

afterAll(async () => {
  if (savedXdg === undefined) delete process.env.XDG_CACHE_HOME;
  else process.env.XDG_CACHE_HOME = savedXdg;
  await new Promise((resolve) => server.close(resolve));
  rmSync(cache, { recursive: true, force: true });
});

async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  const program = new Command('threadmod').exitOverride();
  register(program);
  let code = 0;
  try {
    await program.parseAsync(argv, { from: 'user' });
  } catch (error) {
    code = reportError(error);
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return { code, stdout, stderr };
}

describe('threadmod model', () => {
  it('import refuses the stand-in, then installs it with --force, and status says it does not match', async () => {
    const refused = await cli('model', 'import', standinModelDir());
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(
      /^threadmod: refusing to import .*: group1-shard1of7: git-blob-sha1 expected 97718a716b03d5ad479456898eb29feb53ce0258, got [0-9a-f]{40} \(and 5 more\) \(--force installs it unverified\)\n$/,
    );

    const forced = await cli('model', 'import', standinModelDir(), '--force');
    expect(forced.code).toBe(0);
    expect(forced.stdout).toMatch(
      new RegExp(
        `^installed toxicity model in ${installedModelDir()}: does not match pinned values \\(group1-shard1of7: `,
      ),
    );

    const status = await cli('model', 'status');
    expect(status.code).toBe(0);
    expect(status.stdout.split('\n').slice(0, 3)).toEqual([
      'toxicity model toxicity-1',
      `* installed copy: ${installedModelDir()}`,
      expect.stringMatching(/^ {4}does not match pinned values \(group1-shard1of7: /),
    ]);
  });

  it('fetch from a mirror serving the stand-in is refused against the real pins, with progress on stderr', async () => {
    const before = await checkModelDir(installedModelDir());
    const result = await cli('model', 'fetch', '--mirror', mirror, '--timeout', '5');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toContain(`model.json: verified (127.0.0.1:${new URL(mirror).port})`);
    expect(lines.at(-1)).toMatch(
      /^threadmod: could not download group1-shard1of7 from any location \(127\.0\.0\.1:\d+: refused: group1-shard1of7: git-blob-sha1 expected 97718a716b03d5ad479456898eb29feb53ce0258, got [0-9a-f]{40}\); without internet, .*`threadmod model import <dir>`$/,
    );
    // The forced install from the previous test is untouched.
    expect((await checkModelDir(installedModelDir())).identity).toBe(before.identity);
  });

  it('rejects a mirror that is not an http(s) URL as an invalid option', async () => {
    const result = await cli('model', 'fetch', '--mirror', 'ftp://example.org/models');
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^threadmod: --mirror[ :]/);
  });
});
