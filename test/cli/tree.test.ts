import { existsSync, mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Dump } from '../../src/thread/schema.js';
import { expectOneLineError, runCli } from '../support/run-cli.js';
import { LEMMY_JSON, SEED_THREAD } from '../support/shared.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'threadmod-tree-'));
});

/**
 * A file of its own in a fresh folder, checked to be there before the CLI
 * starts: the shape test once failed with "no such file" in a loaded full run,
 * and a shared folder made any outside cleanup hit every test at once.
 */
function fixtureFile(name: string, content: string | Buffer): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'threadmod-tree-')), name);
  writeFileSync(file, content);
  expect(existsSync(file)).toBe(true);
  return file;
}

describe('threadmod tree', () => {
  it('prints the seed thread as an outline with the moderator and the missing ancestors marked', async () => {
    const result = await runCli(['tree', SEED_THREAD(), '--width', '200']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/11 comments, 2 missing ancestors/);
    const mod = lines.find((l) => l.includes('@jordanlund@lemmy.world'));
    expect(mod).toMatch(/^ {8}└ @jordanlund@lemmy\.world \[M\] \+1 /);
    expect(lines.filter((l) => l.includes('[missing comment'))).toHaveLength(2);
    // Depth shows as indentation: the last comment sits at depth 5 below two placeholders.
    expect(lines.at(-1)).toMatch(/^ {8}└ \(unknown author\) .*See that/);
  });

  it('--json prints the normalized thread, valid against the published schema', async () => {
    const result = await runCli(['tree', SEED_THREAD(), '--json']);
    expect(result.code).toBe(0);
    const dump = Dump.parse(JSON.parse(result.stdout));
    expect(dump.format).toBe('lemmy-text');
    expect(dump.posts).toHaveLength(1);
    const comments = dump.posts[0]!.comments;
    expect(comments).toHaveLength(13);
    expect(comments.filter((c) => c.placeholder)).toHaveLength(2);
    expect(comments[0]).toMatchObject({ parentId: null, depth: 1, author: null, score: null });
  });

  it('detects API JSON and keeps Lemmy ids', async () => {
    const result = await runCli(['tree', LEMMY_JSON('lemmykit_getCommentsResponseV3.json'), '--json']);
    expect(result.code).toBe(0);
    const dump = Dump.parse(JSON.parse(result.stdout));
    expect(dump.format).toBe('lemmy-json');
    const real = dump.posts.flatMap((p) => p.comments).filter((c) => !c.placeholder);
    expect(real.length).toBeGreaterThan(0);
    for (const c of real) expect(c.lemmy?.commentId).toBe(Number(c.id));
  });

  it('refuses a missing file', async () => {
    expectOneLineError(await runCli(['tree', path.join(dir, 'nope.txt')]), /nope\.txt: no such file/);
  });

  it('refuses a directory', async () => {
    const sub = path.join(dir, 'a-dir');
    mkdirSync(sub, { recursive: true });
    expectOneLineError(await runCli(['tree', sub]), /a-dir: is a directory/);
  });

  it('refuses binary data, naming the line', async () => {
    const file = fixtureFile('binary.txt', Buffer.from([0x68, 0x69, 0x0a, 0x00, 0x01, 0x02]));
    expectOneLineError(await runCli(['tree', file]), /binary\.txt:2: binary data/);
  });

  it('refuses invalid UTF-8, naming the line', async () => {
    const file = path.join(dir, 'latin1.txt');
    writeFileSync(
      file,
      Buffer.concat([Buffer.from('line one\nline two\ncaf'), Buffer.from([0xe9]), Buffer.from('\n')]),
    );
    expectOneLineError(await runCli(['tree', file]), /latin1\.txt:3: invalid UTF-8/);
  });

  it('refuses invalid JSON, naming the line', async () => {
    const file = fixtureFile('broken.json', '{\n  "comments": [\n    {"comment": }\n  ]\n}\n');
    expectOneLineError(await runCli(['tree', file]), /broken\.json:3/);
  });

  it('refuses JSON of the wrong shape, naming the JSON path', async () => {
    const file = fixtureFile('shape.json', JSON.stringify({ comments: [{ comment: { id: 'seven' } }] }));
    expectOneLineError(await runCli(['tree', file]), /shape\.json: \$\.comments\[0\]/);
  });

  it('refuses an unknown --format', async () => {
    expectOneLineError(await runCli(['tree', SEED_THREAD(), '--format', 'xml']), /format/);
  });
});
