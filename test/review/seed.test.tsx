/**
 * The review app on the real seed thread, scored by the real lexicon scorer
 * and flagger, with the real journal: what a moderator sees and what lands
 * on disk, resuming, exporting, refusing another dump's journal, resizing.
 * What the queue must hold is worked out from the flagger itself, so these
 * tests follow the lexicon as it improves.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { readJournal } from '../../src/decisions/journal.js';
import { DecisionsFile } from '../../src/decisions/schema.js';
import { UserError } from '../../src/errors.js';
import { tempDir } from './support/fixture.js';
import { frame, press, resize, waitFor } from './support/press.js';
import { expectedQueue, seedCopy, seedSession, type ExpectedRow } from './support/seed.js';
import { mount } from './support/session.js';

async function open(
  options: { dumpFile?: string; journalFile?: string; colour?: boolean; size?: { columns: number; rows: number } } = {},
) {
  const session = await seedSession(options);
  const mounted = await mount({ ...session, colour: options.colour, requestedScorer: 'lexicon', size: options.size });
  return { ...mounted, session };
}

let expected: ExpectedRow[];
let n: number;
/** The queue once scoring has finished, with the selection on the first row. */
let READY: RegExp;

beforeAll(async () => {
  expected = await expectedQueue();
  n = expected.length;
  READY = new RegExp(`Queue · ${n} flagged · 1/${n} ─`);
});

/** The queue's rows on screen, top to bottom. */
function queueRows(screen: string): string[] {
  const lines = screen.split('\n');
  const top = lines.findIndex((l) => l.startsWith('── Queue'));
  const bottom = lines.findIndex((l) => l.startsWith('── Context'));
  return lines.slice(top + 1, bottom).filter((l) => l.trim() !== '');
}

describe('review on the seed thread (lexicon scorer, real flagger and journal)', () => {
  it('the seed thread has flags to review', () => {
    expect(n).toBeGreaterThanOrEqual(2);
  });

  it('shows a spinner while the scorer loads, then scoring, then every flag most severe first', async () => {
    const { app } = await open();
    await waitFor(app, READY);
    // Ink (in tests) writes a frame per render, so the frames tell the story.
    const titles = app.frames.map((f) => stripVTControlCharacters(f).split('\n')[1] ?? '');
    const loading = titles.findIndex((t) => /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] (loading the scorer|opening the decisions journal)…/.test(t));
    const scoring = titles.findIndex((t) => /scoring/.test(t));
    expect(loading).toBeGreaterThanOrEqual(0);
    expect(scoring).toBeGreaterThan(loading);
    const rows = queueRows(frame(app));
    expect(rows).toHaveLength(Math.min(n, 7));
    rows.forEach((row, i) => {
      const want = expected[i]!;
      expect(row).toContain(` .${want.severity.toFixed(2).slice(2)} `);
      expect(row).toContain(`“${want.evidence.replace(/\s+/g, ' ').slice(0, 12)}`);
    });
    expect(rows[0]).toMatch(/^▸ /);
  });

  it('marks evidence with »…« in colourless mode; quoted ancestor words are never marked', async () => {
    const { app } = await open({ colour: false, size: { columns: 100, rows: 40 } });
    const screen = await waitFor(app, new RegExp(`Queue · ${n} flagged · 1/${n} ─`));
    expect(screen).toContain(`»${expected[0]!.evidence.split(/\s+/)[0]}`);
    // L19 repeats its parent's words in quotation marks before its own: those words are not evidence.
    await press(app, 't', 'g', 'j');
    const l19 = await waitFor(app, /^“The idea that you should vote for Trump/m);
    expect(l19).not.toMatch(/»“?The idea that you should vote/);
    const own = expected.find((row) => row.commentId === 'L19');
    if (own) expect(l19).toContain(`»${own.evidence}«`);
  });

  it('resumes: decided comments marked, the queue at the first undecided flag', async () => {
    const dumpFile = seedCopy();
    const first = await open({ dumpFile });
    await waitFor(first.app, READY);
    await press(first.app, 'r', 'enter');
    await waitFor(first.app, /✗ removed/);
    await press(first.app, 'a');
    await waitFor(first.app, /✓ approved/);
    first.app.unmount();
    await first.session.backend.close();

    const second = await open({ dumpFile });
    const at = n > 2 ? 3 : 1;
    const screen = await waitFor(second.app, new RegExp(`Queue · ${n} flagged · ${at}/${n} ─`));
    expect(screen).toContain(`${n} flagged · 2 decided (✗ 1 removed, ✓ 1 approved) · ${n - 2} left`);
    const rows = queueRows(screen);
    expect(rows[0]).toMatch(/^[▸ ] ✗ removed /);
    expect(rows[1]).toMatch(/^[▸ ] ✓ approved /);
    expect(rows[at - 1]).toMatch(/^▸ /);
  });

  it('x exports the decisions next to the dump, valid against the decisions schema', async () => {
    const { app, session } = await open();
    await waitFor(app, READY);
    await press(app, 'r', 'enter');
    await waitFor(app, /✗ removed/);
    await press(app, 'x');
    await waitFor(app, /exported 1 decision to /);
    expect(frame(app)).toContain(path.basename(session.exportFile));
    const file = DecisionsFile.parse(JSON.parse(readFileSync(session.exportFile, 'utf8')));
    expect(file.decisions).toHaveLength(1);
    expect(file.decisions[0]).toMatchObject({
      commentId: expected[0]!.commentId,
      action: 'remove',
      ruleId: expected[0]!.ruleId,
      reason: expected[0]!.reason,
    });
    const journal = await readJournal(session.journalFile);
    expect(journal.state.active.size).toBe(1);
  });

  it("refuses a journal kept for another dump and ends with the journal's one-line error", async () => {
    const dir = tempDir();
    const dumpFile = seedCopy(dir);
    const other = path.join(dir, 'other.lemmy.txt');
    // Another thread: a later copy of the same thread would be carried over (test/decisions/carry-over.test.ts).
    writeFileSync(other, 'Another post entirely.\n\n    3 hours ago\n\n    A comment on it.\n');
    const a = await open({ dumpFile });
    await waitFor(a.app, READY);
    await press(a.app, 's');
    await waitFor(a.app, /» skipped/);
    a.app.unmount();
    await a.session.backend.close();

    // Refused when the session opens, before any screen (the CLI's path)...
    const refused = await seedSession({ dumpFile: other, journalFile: a.session.journalFile }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(UserError);
    expect((refused as Error).message).toMatch(/holds decisions for another dump/);
    // ...and by the journal itself when it appears after the session opened: the UI ends with the one line.
    const lateJournal = path.join(dir, 'late.decisions.jsonl');
    const session = await seedSession({ dumpFile: other, journalFile: lateJournal });
    copyFileSync(a.session.journalFile, lateJournal);
    const b = await mount({ ...session, requestedScorer: 'lexicon' });
    const error = await b.exited;
    expect(error).toBeInstanceOf(UserError);
    expect(error?.message).toMatch(/holds decisions for another dump/);
    expect(error?.message.split('\n')).toHaveLength(1);
  });

  it('fits 80x24 and follows resizes', async () => {
    const { app } = await open({ size: { columns: 80, rows: 24 } });
    await waitFor(app, READY);
    const lines = (s: string) => s.split('\n');
    const widest = (s: string) => Math.max(...lines(s).map((l) => [...l].length));
    expect(lines(frame(app))).toHaveLength(23);
    expect(widest(frame(app))).toBeLessThanOrEqual(80);
    // Each resize is waited for by what it shows: a loaded machine may take a while to repaint.
    await resize(app, 120, 40);
    await waitFor(app, (s) => lines(s).length === 39 && /^── Queue.*─{60,}$/m.test(s));
    await resize(app, 60, 16);
    await waitFor(app, (s) => lines(s).length === 15 && widest(s) <= 60);
    await resize(app, 30, 10);
    await waitFor(app, /Terminal too small/);
    await resize(app, 80, 24);
    await waitFor(app, READY);
  });
});
