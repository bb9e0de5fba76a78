/**
 * The CLI as shipped: dist/ is an esbuild bundle (scripts/build.mjs), not the
 * sources the other tests run through tsx. Bundling moves every module into
 * one folder, so anything located relative to a module (package.json for the
 * version, the shipped trained model, the toxicity worker beside its pool)
 * breaks there first. These tests bundle into a fresh folder inside the repo
 * and compare the bundle's behaviour with the sources' on the real seed.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script without type declarations
import { bundle } from '../../scripts/build.mjs';
import { runCli } from '../support/run-cli.js';
import { REPO_ROOT, SEED_THREAD, LEMMY_JSON } from '../support/shared.js';
import { standinModelDir } from '../support/standin-model.js';

let dir: string;
let entry: string;

beforeAll(async () => {
  // Inside the repo (node_modules/.cache), as dist/ is: the package root and the dependencies are found above it.
  const cache = path.join(REPO_ROOT, 'node_modules/.cache');
  mkdirSync(cache, { recursive: true });
  dir = mkdtempSync(path.join(cache, 'threadmod-bundle-'));
  await (bundle as (outdir: string) => Promise<void>)(path.join(dir, 'cli'));
  entry = path.join(dir, 'cli/main.js');
}, 60_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the bundled CLI', () => {
  it('reports the version from package.json', async () => {
    const { version } = (await import('../../package.json', { with: { type: 'json' } })).default as {
      version: string;
    };
    const result = await runCli(['--version'], { entry });
    expect(result.stdout.trim()).toBe(version);
  });

  it('scans the seed thread with the shipped trained model exactly as the sources do', async () => {
    const args = ['scan', '--scorer', 'trained', '--json', SEED_THREAD()];
    const [bundled, sources] = await Promise.all([runCli(args, { entry }), runCli(args)]);
    expect(bundled.stderr).toBe(sources.stderr);
    expect(bundled.code).toBe(0);
    const scan = JSON.parse(bundled.stdout);
    expect(scan).toEqual(JSON.parse(sources.stdout));
    expect(JSON.stringify(scan.flags)).toContain('libtard');
  }, 120_000);

  it('prints the tree of an API dump as the sources do', async () => {
    const args = ['tree', LEMMY_JSON('lemmykit_getCommentsResponseV4.json')];
    const [bundled, sources] = await Promise.all([runCli(args, { entry }), runCli(args)]);
    expect(bundled.code).toBe(0);
    expect(bundled.stdout).toBe(sources.stdout);
    expect(bundled.stdout).toMatch(/└ /);
  }, 120_000);

  it('starts the toxicity worker that sits beside the bundle and scores with it', async () => {
    // Stand-in weights: the probabilities mean nothing; only that the worker loads and answers is checked.
    const result = await runCli(
      ['scan', '--scorer', 'toxicity', '--backend', 'wasm', '--json', SEED_THREAD()],
      // A fresh score cache, so the model really runs (a run answered from the cache never starts a worker).
      {
        entry,
        env: { THREADMOD_MODEL_DIR: standinModelDir(), XDG_CACHE_HOME: path.join(dir, 'cache') },
        timeoutMs: 170_000,
      },
    );
    expect(result.stderr).not.toMatch(/worker|Cannot find module/i);
    expect(result.code).toBe(0);
    expect(Array.isArray(JSON.parse(result.stdout).flags)).toBe(true);
  }, 180_000);
});
