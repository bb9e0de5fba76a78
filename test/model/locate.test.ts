import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { locateModel } from '../../src/model/locate.js';
import { cacheRoot, installedModelDir, resolveModelLocation, scoreCacheDir } from '../../src/model/paths.js';
import { formatStatus, modelStatus } from '../../src/model/status.js';
import { copyStandin, standinModelDir } from '../support/standin-model.js';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'threadmod-locate-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('paths', () => {
  it('follows XDG_CACHE_HOME, falls back to ~/.cache, and ignores a relative XDG_CACHE_HOME', () => {
    expect(installedModelDir({ XDG_CACHE_HOME: '/x/cache', HOME: '/home/u' })).toBe(
      '/x/cache/threadmod/models/toxicity-1',
    );
    expect(scoreCacheDir({ HOME: '/home/u' })).toBe('/home/u/.cache/threadmod/scores');
    expect(cacheRoot({ XDG_CACHE_HOME: 'relative', HOME: '/home/u' })).toBe('/home/u/.cache/threadmod');
  });

  it('resolves --model-dir, then THREADMOD_MODEL_DIR, then the installed copy', () => {
    const env = { THREADMOD_MODEL_DIR: '/from/env', XDG_CACHE_HOME: '/c' };
    expect(resolveModelLocation('/from/option', env)).toEqual({ dir: '/from/option', source: 'option' });
    expect(resolveModelLocation(undefined, env)).toEqual({ dir: '/from/env', source: 'env' });
    expect(resolveModelLocation(undefined, { XDG_CACHE_HOME: '/c' })).toEqual({
      dir: '/c/threadmod/models/toxicity-1',
      source: 'cache',
    });
  });
});

describe('locateModel', () => {
  it('without a model, throws a one-line UserError (exit 2) saying how to get one', async () => {
    const env = { XDG_CACHE_HOME: path.join(tmp, 'empty-cache') };
    const error = await locateModel(undefined, env).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(2);
    expect((error as UserError).message).toBe(
      `toxicity model not installed (${installedModelDir(env)}): run \`threadmod model fetch\`, or \`threadmod model import <dir>\` offline`,
    );
    const fromOption = await locateModel(path.join(tmp, 'nope'), env).catch((e: Error) => e.message);
    expect(fromOption).toMatch(/^no toxicity model in .*nope \(from --model-dir\): run `threadmod model fetch`/);
    expect(fromOption).not.toContain('\n');
  });

  it('refuses a half-copied folder, naming a missing file', async () => {
    const dir = copyStandin(mkdtempSync(path.join(tmp, 'half-')));
    rmSync(path.join(dir, 'group1-shard6of7'));
    await expect(locateModel(dir, {})).rejects.toThrow(/is incomplete \(group1-shard6of7: missing\)/);
  });

  it('uses an unverified folder given explicitly, with one warning line', async () => {
    const warnings: string[] = [];
    const located = await locateModel(undefined, { THREADMOD_MODEL_DIR: standinModelDir() }, (m) => warnings.push(m));
    expect(located.location).toEqual({ dir: standinModelDir(), source: 'env' });
    expect(located.check.ok).toBe(false);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /does not match the pinned toxicity-1 files \(group1-shard1of7: .*\); using it unverified$/,
    );
  });
});

describe('modelStatus', () => {
  it('lists the chosen folder and the installed copy with a verdict each', async () => {
    const env = { XDG_CACHE_HOME: path.join(tmp, 'status-cache') };
    const statuses = await modelStatus(standinModelDir(), env);
    const lines = formatStatus(statuses);
    expect(lines).toEqual([
      'toxicity model toxicity-1',
      `* --model-dir: ${standinModelDir()}`,
      expect.stringMatching(/^ {4}does not match pinned values \(group1-shard1of7: git-blob-sha1 expected 97718a71/),
      `  installed copy: ${installedModelDir(env)}`,
      '    not found',
      '* = the folder the toxicity scorer loads',
    ]);
    const none = formatStatus(await modelStatus(undefined, env));
    expect(none.at(-1)).toBe(
      'no model to load: run `threadmod model fetch`, or `threadmod model import <dir>` offline',
    );
  });
});
