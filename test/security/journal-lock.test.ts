/**
 * One writer per journal: a second session (in another process or this one)
 * is refused naming the holder, export refuses while a review writes, a lock
 * left by `kill -9` does not block, and a symlinked journal is refused.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { Journal, readJournal } from '../../src/decisions/journal.js';
import { JournalBusyError, lockPath } from '../../src/decisions/journal-lock.js';
import { runReview } from '../../src/review/run.js';
import { decision, journalOptions } from '../decisions/sample.js';
import { seedCopy } from '../review/support/seed.js';
import { expectOneLineError, runCli } from '../support/run-cli.js';
import { REPO_ROOT } from '../support/shared.js';

const WRITER = path.join(REPO_ROOT, 'test/security/fixtures/journal-writer.ts');
const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

const tmp = () => mkdtempSync(path.join(tmpdir(), 'threadmod-lock-'));

function writer(args: string[]): {
  child: ChildProcess;
  output: Promise<string>;
  line: (text: string) => Promise<void>;
} {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER, ...args], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  let err = '';
  const waiters: Array<() => void> = [];
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    out += d;
    for (const w of waiters.splice(0)) w();
  });
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (err += d));
  const output = new Promise<string>((resolve, reject) =>
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`writer exited ${code}: ${err}`)))),
  );
  output.catch(() => undefined); // a holder killed on purpose; tests that care await it
  const line = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => (out.includes(text) ? resolve() : waiters.push(check));
      child.on('close', () => reject(new Error(`writer ended before "${text}": ${err}`)));
      check();
    });
  return { child, output, line };
}

describe('one writer per journal', () => {
  it('refuses a second writer while another process holds the journal, naming that process', async () => {
    const file = path.join(tmp(), 'j.jsonl');
    const holder = writer(['hold', file]);
    await holder.line('ready');
    const error = await Journal.open(journalOptions(file)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JournalBusyError);
    const message = (error as Error).message;
    expect(message).not.toContain('\n');
    expect(message).toContain(`pid ${holder.child.pid}`);
    expect(message).toContain('threadmod review');
    // Nothing was appended by the refused session.
    expect((await readJournal(file)).state.lastSeq).toBe(1);
  });

  it('refuses a second writer in the same process, and takes the journal once the first closes', async () => {
    const file = path.join(tmp(), 'j.jsonl');
    const first = await Journal.open(journalOptions(file));
    await expect(Journal.open(journalOptions(file))).rejects.toThrow(JournalBusyError);
    await first.journal.close();
    expect(existsSync(lockPath(file))).toBe(false);
    const second = await Journal.open(journalOptions(file));
    await second.journal.close();
  });

  it('two processes writing in turns never write the same seq', async () => {
    const file = path.join(tmp(), 'j.jsonl');
    const n = 25;
    const a = writer(['race', file, String(n), 'A']);
    const b = writer(['race', file, String(n), 'B']);
    await Promise.all([a.output, b.output]);
    const contents = await readJournal(file);
    expect(contents.warnings).toEqual([]);
    expect(contents.state.lastSeq).toBe(2 * n);
    expect(contents.entries.map((e) => ('seq' in e ? e.seq : 0))).toEqual(
      Array.from({ length: 2 * n }, (_, i) => i + 1),
    );
    expect(existsSync(lockPath(file))).toBe(false);
  }, 60_000);

  it('a lock left by a session killed with kill -9 does not block the next one', async () => {
    const file = path.join(tmp(), 'j.jsonl');
    const holder = writer(['hold', file]);
    await holder.line('ready');
    holder.child.kill('SIGKILL');
    await holder.output.catch(() => undefined);
    expect(existsSync(lockPath(file))).toBe(true);
    const { journal } = await Journal.open(journalOptions(file));
    expect((await journal.decide(decision('L2', 'warn'))).seq).toBe(2);
    await journal.close();
  });

  it('a lock file of garbage (not written by threadmod) is treated as stale', async () => {
    const file = path.join(tmp(), 'j.jsonl');
    writeFileSync(lockPath(file), '\0\0\0');
    const { journal } = await Journal.open(journalOptions(file));
    await journal.close();
  });

  it('export refuses, in one line naming the process, while a review writes the journal', async () => {
    const dir = tmp();
    const dump = seedCopy(dir);
    const holder = writer(['hold', `${dump}.decisions.jsonl`]);
    await holder.line('ready');
    const result = await runCli(['export', dump]);
    expectOneLineError(
      result,
      new RegExp(`is open in another threadmod session \\(threadmod review, pid ${holder.child.pid}`),
    );
  });

  it('review refuses before the screen changes while another session holds the journal', async () => {
    const dir = tmp();
    const dump = seedCopy(dir);
    const holder = writer(['hold', `${dump}.decisions.jsonl`]);
    await holder.line('ready');
    const error = await runReview({
      dumpFile: dump,
      scorer: 'lexicon',
      includeMods: false,
      moderator: 'mod',
      colour: false,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JournalBusyError);
    expect((error as Error).message).toContain(`pid ${holder.child.pid}`);
  });

  it('refuses a journal path that is a symbolic link, and leaves its target alone', async () => {
    const dir = tmp();
    const target = path.join(dir, 'elsewhere.txt');
    writeFileSync(target, 'precious\n');
    const file = path.join(dir, 'j.jsonl');
    symlinkSync(target, file);
    await expect(Journal.open(journalOptions(file))).rejects.toThrow(/j\.jsonl is a symbolic link/);
    expect(readFileSync(target, 'utf8')).toBe('precious\n');
    expect(existsSync(lockPath(file))).toBe(false);
  });
});
