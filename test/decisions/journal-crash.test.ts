/**
 * Crash safety: whatever byte a crash stops the journal at, reopening gives
 * exactly the state of the lines that were fully written, repairs the file,
 * and the review carries on from there.
 */
import { spawn } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Journal, parseJournal, readJournal } from '../../src/decisions/journal.js';
import { JournalEntry } from '../../src/decisions/schema.js';
import { emptyState, replay } from '../../src/decisions/state.js';
import { SnapshotModel, op, type Op } from './arbitraries.js';
import { decision, journalOptions, plain, tempDir, tickingClock } from './helpers.js';

/** Writes `ops` through a real Journal; returns the file's bytes. */
async function writeThroughJournal(file: string, ops: readonly Op[]): Promise<Buffer> {
  const { journal } = await Journal.open(journalOptions(file));
  for (const o of ops) {
    if (o.kind === 'decide') await journal.decide(o.input);
    else if (o.kind === 'undo') await journal.undo();
    else await journal.redo();
  }
  await journal.close();
  return readFile(file);
}

/** The entries on lines that end before `cut`, parsed independently of the journal code. */
function fullLineEntries(bytes: Buffer, cut: number): { entries: JournalEntry[]; end: number } {
  // (Buffer#lastIndexOf counts a negative offset from the end, hence the guard.)
  const end = cut === 0 ? 0 : bytes.lastIndexOf(0x0a, cut - 1) + 1;
  const text = bytes.subarray(0, end).toString('utf8');
  const entries = text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JournalEntry.parse(JSON.parse(line)));
  return { entries, end };
}

describe('journal after a crash', () => {
  it('reopens a copy cut at any byte offset to the state of its fully written lines', async () => {
    const dir = await tempDir();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(op, { maxLength: 25 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 6 }),
        async (ops, fractions) => {
          run++;
          const full = path.join(dir, `full-${run}.jsonl`);
          const bytes = await writeThroughJournal(full, ops);
          // The journal wrote what the reference model says those ops mean.
          const clock = tickingClock();
          clock(); // the journal's open line took the first tick
          const model = new SnapshotModel(clock);
          for (const o of ops) model.apply(o);
          expect(parseJournal(bytes, full).entries).toEqual(model.entries);

          const newlines = [...bytes.keys()].filter((i) => bytes[i] === 0x0a);
          const near = newlines[Math.floor(fractions[0]! * newlines.length)] ?? 0;
          const cuts = new Set([
            0,
            bytes.length,
            near,
            near + 1,
            ...fractions.map((f) => Math.min(bytes.length, Math.floor(f * (bytes.length + 1)))),
          ]);
          for (const cut of cuts) {
            const copy = path.join(dir, `cut-${run}-${cut}.jsonl`);
            await writeFile(copy, bytes.subarray(0, cut));
            const { entries, end } = fullLineEntries(bytes, cut);
            const expected = replay(entries);

            const { journal, warnings } = await Journal.open(journalOptions(copy));
            expect(plain(journal.state)).toEqual(plain(expected));
            expect(warnings).toHaveLength(cut === end ? 0 : 1);
            // The torn bytes are gone; a journal cut inside its open line starts afresh.
            const repaired = await readFile(copy);
            if (end > 0) expect(repaired).toEqual(bytes.subarray(0, end));
            else expect(parseJournal(repaired, copy).header).not.toBeNull();

            // And the review resumes: one more decision lands after the good lines.
            const made = await journal.decide(decision('L99', 'remove'));
            await journal.close();
            expect(made.seq).toBe(expected.lastSeq + 1);
            const after = await readJournal(copy);
            expect(after.warnings).toEqual([]);
            expect(after.state.history).toEqual([...expected.history, made]);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('parses every prefix of a long journal to the state of its full lines', async () => {
    const file = path.join(await tempDir(), 'long.jsonl');
    const ops = fc.sample(op, { numRuns: 16, seed: 42 });
    const bytes = await writeThroughJournal(file, ops);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const { entries, end } = fullLineEntries(bytes, cut);
      const parsed = parseJournal(bytes.subarray(0, cut), file);
      expect(parsed.validBytes).toBe(end);
      expect(parsed.warnings).toHaveLength(cut === end ? 0 : 1);
      expect(plain(parsed.state)).toEqual(plain(end === 0 ? emptyState() : replay(entries)));
    }
  });

  it('loses no decision that was reported as made when the process is killed with SIGKILL', async () => {
    const file = path.join(await tempDir(), 'killed.jsonl');
    const writer = fileURLToPath(new URL('./fixtures/decide-until-killed.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', writer, file], { stdio: ['ignore', 'pipe', 'inherit'] });
    const reported: string[] = [];
    let buffered = '';
    await new Promise<void>((resolve, reject) => {
      child.on('error', reject);
      child.on('exit', () => resolve());
      child.stdout.setEncoding('utf8');
      child.stdout.on('data', (chunk: string) => {
        buffered += chunk;
        const parts = buffered.split('\n');
        buffered = parts.pop()!;
        reported.push(...parts);
        if (reported.length >= 150 && !child.killed) child.kill('SIGKILL');
      });
    });
    expect(child.signalCode).toBe('SIGKILL');
    expect(reported.length).toBeGreaterThanOrEqual(150);

    const { journal } = await Journal.open(journalOptions(file));
    const state = journal.state;
    await journal.close();
    for (const line of reported) {
      const [kind, seq, commentId] = line.split(' ');
      expect(state.lastSeq).toBeGreaterThanOrEqual(Number(seq));
      if (kind === 'decide') expect(state.bySeq.get(Number(seq))?.commentId).toBe(commentId);
    }
  });
});
