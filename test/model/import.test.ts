import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { importModel } from '../../src/model/import.js';
import { checkModelDir } from '../../src/model/verify.js';
import { verdict } from '../../src/model/status.js';
import { copyStandin, standinModelDir, standinPins } from '../support/standin-model.js';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'threadmod-import-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const fresh = (name: string) => path.join(mkdtempSync(path.join(tmp, `${name}-`)), 'models', 'toxicity-1');

function flipByte(file: string, at: number): void {
  const bytes = readFileSync(file);
  bytes[at] = (bytes[at]! ^ 0xff) & 0xff;
  writeFileSync(file, bytes);
}

describe('importModel against the real pins', () => {
  it('refuses the stand-in without --force, naming the file with expected and actual checksums', async () => {
    const target = fresh('refuse');
    const error = await importModel(standinModelDir(), { targetDir: target }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toMatch(
      /^refusing to import .*: group1-shard1of7: git-blob-sha1 expected 97718a716b03d5ad479456898eb29feb53ce0258, got [0-9a-f]{40} \(and 5 more\) \(--force installs it unverified\)$/,
    );
    expect(existsSync(path.dirname(target))).toBe(false);
  });

  it('installs the stand-in with --force, and it then reads as "does not match pinned values"', async () => {
    const target = fresh('force');
    const check = await importModel(standinModelDir(), { targetDir: target, force: true });
    expect(check.dir).toBe(target);
    expect(verdict(check)).toMatch(/^does not match pinned values \(group1-shard1of7: /);
    const again = await checkModelDir(target);
    expect(again.identity).toBe((await checkModelDir(standinModelDir())).identity);
  });
});

describe('importModel against pins the stand-in satisfies', () => {
  it('installs a clean copy as verified, leaving no temporary folder behind', async () => {
    const target = fresh('clean');
    const check = await importModel(standinModelDir(), { targetDir: target, pinned: standinPins() });
    expect(check.ok).toBe(true);
    expect(readdirSync(path.dirname(target))).toEqual(['toxicity-1']);
    expect(readdirSync(target).sort()).toEqual(
      standinPins()
        .map((p) => p.name)
        .sort(),
    );
  });

  it('refuses a corrupted shard, naming it, and keeps the model already installed', async () => {
    const target = fresh('corrupt');
    await importModel(standinModelDir(), { targetDir: target, pinned: standinPins() });
    const installedBefore = (await checkModelDir(target, standinPins())).identity;

    const source = copyStandin(mkdtempSync(path.join(tmp, 'src-')));
    flipByte(path.join(source, 'group1-shard3of7'), 12345);
    const pin = standinPins().find((p) => p.name === 'group1-shard3of7')!;
    await expect(importModel(source, { targetDir: target, pinned: standinPins() })).rejects.toThrow(
      new RegExp(
        `^refusing to import .*: group1-shard3of7: sha256 expected ${pin.digest}, got (?!${pin.digest})[0-9a-f]{64} `,
      ),
    );
    const after = await checkModelDir(target, standinPins());
    expect(after.ok).toBe(true);
    expect(after.identity).toBe(installedBefore);
    expect(readdirSync(path.dirname(target))).toEqual(['toxicity-1']);
  });

  it('refuses truncated or missing files even with --force', async () => {
    const target = fresh('truncated');
    const source = copyStandin(mkdtempSync(path.join(tmp, 'src-')));
    truncateSync(path.join(source, 'group1-shard4of7'), 2_097_152);
    await expect(importModel(source, { targetDir: target, force: true, pinned: standinPins() })).rejects.toThrow(
      /group1-shard4of7: expected 4194304 bytes, got 2097152$/,
    );
    const partial = copyStandin(mkdtempSync(path.join(tmp, 'src-')));
    rmSync(path.join(partial, 'vocab.json'));
    await expect(importModel(partial, { targetDir: target, force: true })).rejects.toThrow(/: missing vocab\.json$/);
    // Every missing file at once, and the wrong sizes too: one run tells the whole story.
    rmSync(path.join(partial, 'model.json'));
    truncateSync(path.join(partial, 'group1-shard4of7'), 2_097_152);
    await expect(importModel(partial, { targetDir: target, force: true, pinned: standinPins() })).rejects.toThrow(
      /: missing (model\.json, vocab\.json|vocab\.json, model\.json); group1-shard4of7: expected 4194304 bytes, got 2097152$/,
    );
    expect(existsSync(target)).toBe(false);
  });

  it('refuses a source that is not a folder', async () => {
    await expect(importModel(path.join(tmp, 'absent'), { targetDir: fresh('absent') })).rejects.toThrow(
      /absent: no such folder$/,
    );
  });
});
