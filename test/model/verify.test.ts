import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PINNED_FILES } from '../../src/model/pinned.js';
import { checkFile, checkModelDir, digestFile, summariseProblems } from '../../src/model/verify.js';
import { copyStandin, standinModelDir } from '../support/standin-model.js';
import { sharedPath } from '../support/shared.js';

const pin = (name: string) => PINNED_FILES.find((f) => f.name === name)!;

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'threadmod-verify-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('digests', () => {
  it('git-blob-sha1 of the real model.json is the blob id SOURCE.md records', async () => {
    const { digest, bytes } = await digestFile(sharedPath('models', 'toxicity', 'model.json'), 'git-blob-sha1');
    expect(bytes).toBe(173234);
    expect(digest).toBe('84fee71da8af17231181a755e61217ee1f49c813');
  });

  it('git-blob-sha1 equals `git hash-object` for any content', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), async (bytes) => {
        const file = path.join(tmp, `blob-${n++}`);
        writeFileSync(file, bytes);
        const git = execFileSync('git', ['hash-object', file], { encoding: 'utf8' }).trim();
        expect((await digestFile(file, 'git-blob-sha1')).digest).toBe(git);
      }),
      { numRuns: 25 },
    );
  });

  it('the three real files in ../shared match their pinned values', async () => {
    for (const name of ['model.json', 'group1-shard7of7', 'vocab.json']) {
      const check = await checkFile(sharedPath('models', 'toxicity', name), pin(name));
      expect(check, name).toMatchObject({ ok: true, problem: null, bytes: pin(name).bytes });
    }
  });
});

describe('checkModelDir', () => {
  it('finds the stand-in complete but not the pinned model: shards 1-6 differ, the real files match', async () => {
    const check = await checkModelDir(standinModelDir());
    expect(check.complete).toBe(true);
    expect(check.ok).toBe(false);
    const bad = check.files.filter((f) => !f.ok).map((f) => f.pinned.name);
    expect(bad).toEqual([
      'group1-shard1of7',
      'group1-shard2of7',
      'group1-shard3of7',
      'group1-shard4of7',
      'group1-shard5of7',
      'group1-shard6of7',
    ]);
    // The synthetic shards have the right sizes, so the mismatch is in the content.
    expect(check.files.find((f) => f.pinned.name === 'group1-shard1of7')!.problem).toMatch(
      /^group1-shard1of7: git-blob-sha1 expected 97718a716b03d5ad479456898eb29feb53ce0258, got [0-9a-f]{40}$/,
    );
    expect(summariseProblems(check)).toMatch(/^group1-shard1of7: .* \(and 5 more\)$/);
  });

  it('reports missing and truncated files, and the identity follows the content', async () => {
    const dir = copyStandin(mkdtempSync(path.join(tmp, 'dir-')));
    const before = await checkModelDir(dir);
    expect((await checkModelDir(dir)).identity).toBe(before.identity);

    const shard = path.join(dir, 'group1-shard5of7');
    const bytes = readFileSync(shard);
    bytes[100] = (bytes[100]! + 1) & 0xff;
    writeFileSync(shard, bytes);
    const flipped = await checkModelDir(dir);
    expect(flipped.identity).not.toBe(before.identity);

    writeFileSync(shard, bytes.subarray(0, 1000));
    const truncated = await checkModelDir(dir);
    expect(truncated.files.find((f) => f.pinned.name === 'group1-shard5of7')!.problem).toBe(
      'group1-shard5of7: expected 4194304 bytes, got 1000',
    );

    const empty = await checkModelDir(path.join(tmp, 'nothing-here'));
    expect(empty.complete).toBe(false);
    expect(empty.files.every((f) => f.problem === `${f.pinned.name}: missing`)).toBe(true);
  });
});
