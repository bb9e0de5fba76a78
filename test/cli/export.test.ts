import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { register, runExport } from '../../src/cli/commands/export.js';
import { describeError } from '../../src/cli/report-error.js';
import { Journal, sha256File } from '../../src/decisions/journal.js';
import { DecisionsFile } from '../../src/decisions/schema.js';
import { loadDump } from '../../src/parse/index.js';
import { LEMMY_JSON, REPO_ROOT, SEED_THREAD } from '../support/shared.js';
import { decision, journalOptions } from '../decisions/sample.js';

let dir: string;
let journalFile: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'threadmod-export-cli-'));
  journalFile = path.join(dir, 'seed.decisions.jsonl');
  const { dump } = await loadDump(SEED_THREAD());
  const attack = dump.posts[0]!.comments.find((c) => c.body.includes('Fuck off libtard'))!;
  const { journal } = await Journal.open(
    journalOptions(journalFile, {
      dump: { file: SEED_THREAD(), sha256: await sha256File(SEED_THREAD()), format: 'lemmy-text' },
    }),
  );
  await journal.decide(decision(attack.id, 'remove'));
  await journal.close();
});

afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    streams: { stdout: { write: (t: string) => out.push(t) }, stderr: { write: (t: string) => err.push(t) } },
    stdout: () => out.join(''),
    stderr: () => err.join(''),
  };
}

describe('threadmod export', () => {
  it('prints the decisions JSON on stdout without --out, and nothing else there', async () => {
    const io = capture();
    await runExport(SEED_THREAD(), { decisions: journalFile }, io.streams);
    const file = DecisionsFile.parse(JSON.parse(io.stdout()));
    expect(file.decisions.map((d) => d.action)).toEqual(['remove']);
    expect(io.stderr()).toBe('');
  });

  it('writes --out and reports the count on stderr', async () => {
    const io = capture();
    const out = path.join(dir, 'decisions.json');
    await runExport(SEED_THREAD(), { decisions: journalFile, out, lemmy: true }, io.streams);
    expect(io.stdout()).toBe('');
    expect(io.stderr()).toBe(`threadmod: wrote 1 decision (1 remove) to ${out}\n`);
    expect(DecisionsFile.parse(JSON.parse(await readFile(out, 'utf8'))).summary.remove).toBe(1);
  });

  it('passes warnings on to stderr', async () => {
    await writeFile(journalFile, `${await readFile(journalFile, 'utf8')}{"type":"und`);
    const io = capture();
    await runExport(SEED_THREAD(), { decisions: journalFile }, io.streams);
    expect(io.stderr()).toMatch(/^threadmod: warning: .*:3: ignored an incomplete last entry/);
    expect(JSON.parse(io.stdout())).toHaveProperty('decisions');
  });

  it('registers on a commander program and checks its options with zod', async () => {
    const program = new Command().exitOverride();
    register(program);
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    await program.parseAsync(['export', SEED_THREAD(), '--decisions', journalFile, '--lemmy'], { from: 'user' });
    const printed = write.mock.calls.map(([chunk]) => String(chunk)).join('');
    write.mockRestore();
    expect(DecisionsFile.parse(JSON.parse(printed)).source.format).toBe('lemmy-text');

    const bad = new Command().exitOverride();
    register(bad);
    const error = await bad
      .parseAsync(['export', SEED_THREAD(), '--decisions', journalFile, '--format', 'html'], { from: 'user' })
      .catch((e: unknown) => e);
    expect(describeError(error)).toMatchObject({
      exitCode: 2,
      message: expect.stringMatching(/^--format must be one of /),
    });
  });
});

describe('threadmod export, run as a process', () => {
  const run = (args: string[]) =>
    promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: REPO_ROOT }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );

  it('exports to stdout, and fails in one line with exit 2 for a journal of another dump', async () => {
    const ok = await run(['export', SEED_THREAD(), '--decisions', journalFile]);
    expect(ok.code).toBe(0);
    expect(DecisionsFile.parse(JSON.parse(ok.stdout)).decisions).toHaveLength(1);

    const wrong = await run(['export', LEMMY_JSON('lemmykit_getCommentsResponseV3.json'), '--decisions', journalFile]);
    expect(wrong.code).toBe(2);
    expect(wrong.stdout).toBe('');
    expect(wrong.stderr).toMatch(/^threadmod: .* holds decisions for another dump .*--decisions <other file>.*\n$/);
    expect(wrong.stderr.trim().split('\n')).toHaveLength(1);
  });
});
