/**
 * The review app on the real seed thread, scored by the real lexicon scorer
 * and flagger, with the real journal: what a moderator sees and what lands
 * on disk, resuming, exporting, refusing another dump's journal, resizing.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { stripVTControlCharacters } from 'node:util';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJournal } from '../../src/decisions/journal.js';
import { DecisionsFile } from '../../src/decisions/schema.js';
import { UserError } from '../../src/errors.js';
import { tempDir } from './support/fixture.js';
import { frame, linesOf, press, resize, waitFor } from './support/press.js';
import { seedCopy, seedSession } from './support/seed.js';
import { mount } from './support/session.js';

async function open(options: { dumpFile?: string; journalFile?: string; colour?: boolean; size?: { columns: number; rows: number } } = {}) {
  const session = await seedSession(options);
  const mounted = await mount({ ...session, colour: options.colour, requestedScorer: 'lexicon', size: options.size });
  return { ...mounted, session };
}

const READY = /Queue · 3 flagged · 1\/3/;

describe('review on the seed thread (lexicon scorer, real flagger and journal)', () => {
  it('shows a spinner while the scorer loads, then scoring, then the queue most severe first', async () => {
    const { app } = await open();
    await waitFor(app, READY);
    // Ink (in tests) writes a frame per render, so the frames tell the story.
    const titles = app.frames.map((f) => stripVTControlCharacters(f).split('\n')[1] ?? '');
    const loading = titles.findIndex((t) => /[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏] (loading the scorer|opening the decisions journal)…/.test(t));
    const scoring = titles.findIndex((t) => /scoring/.test(t));
    expect(loading).toBeGreaterThanOrEqual(0);
    expect(scoring).toBeGreaterThan(loading);
    expect(linesOf(frame(app), /── Queue/, 4)).toMatchInlineSnapshot(`
      "── Queue · 3 flagged · 1/3 ─────────────────────────────────────────────────────
      ▸            Rule 3     .94 (anonymous)    d2  “Fuck off libtard”
                   civility+  .92 (anonymous)    d4  “If it’s the end of the fucking …
                   Rule 3     .90 (anonymous)    d3  “Be careful, or we all may drown…"
    `);
  });

  it('marks evidence with »…« and dims nothing in colourless mode; quoted ancestor words are not evidence', async () => {
    const { app } = await open({ colour: false });
    await waitFor(app, READY);
    const screen = frame(app);
    expect(screen).toMatch(/»Fuck off libtard«/);
    // The quoted words from the ancestor stay unmarked.
    expect(screen).not.toMatch(/»The idea that you should vote/);
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
    await waitFor(second.app, /Queue · 3 flagged · 3\/3/);
    expect(frame(second.app)).toMatch(/3 flagged · 2 decided \(✗ 1 removed, ✓ 1 approved\) · 1 left/);
    expect(linesOf(frame(second.app), /── Queue/, 4)).toMatchInlineSnapshot(`
      "── Queue · 3 flagged · 3/3 ─────────────────────────────────────────────────────
        ✗ removed  Rule 3     .94 (anonymous)    d2  “Fuck off libtard”
        ✓ approved civility+  .92 (anonymous)    d4  “If it’s the end of the fucking …
      ▸            Rule 3     .90 (anonymous)    d3  “Be careful, or we all may drown…"
    `);
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
    expect(file.decisions[0]).toMatchObject({ action: 'remove', ruleId: 'rule-3', reason: '"Fuck off libtard" Rule 3.' });
    const journal = await readJournal(session.journalFile);
    expect(journal.state.active.size).toBe(1);
  });

  it("refuses a journal kept for another dump and ends with the journal's one-line error", async () => {
    const dir = tempDir();
    const dumpFile = seedCopy(dir);
    const other = path.join(dir, 'other.lemmy.txt');
    copyFileSync(dumpFile, other);
    writeFileSync(other, `${readFileSync(other, 'utf8')}\nedited\n`);
    const a = await open({ dumpFile });
    await waitFor(a.app, READY);
    await press(a.app, 's');
    await waitFor(a.app, /» skipped/);
    a.app.unmount();
    await a.session.backend.close();

    const b = await open({ dumpFile: other, journalFile: a.session.journalFile });
    const error = await b.exited;
    expect(error).toBeInstanceOf(UserError);
    expect(error?.message).toMatch(/holds decisions for another dump/);
  });

  it('fits 80x24 and follows resizes', async () => {
    const { app } = await open({ size: { columns: 80, rows: 24 } });
    await waitFor(app, READY);
    const lines = (s: string) => s.split('\n');
    expect(lines(frame(app))).toHaveLength(23);
    expect(Math.max(...lines(frame(app)).map((l) => [...l].length))).toBeLessThanOrEqual(80);
    await resize(app, 120, 40);
    expect(lines(frame(app))).toHaveLength(39);
    expect(frame(app)).toMatch(/^── Queue.*─{30,}$/m);
    await resize(app, 60, 16);
    expect(lines(frame(app))).toHaveLength(15);
    expect(Math.max(...lines(frame(app)).map((l) => [...l].length))).toBeLessThanOrEqual(60);
    await resize(app, 30, 10);
    expect(frame(app)).toMatch(/Terminal too small/);
  });
});
