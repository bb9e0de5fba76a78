/**
 * What a moderator sees at 80x24 on the real seed thread (../shared/seeds/004…),
 * with the real parser, flagger, journal and scorer table: the key hints
 * from the first frame, warnings kept short, rules named plainly, the target,
 * and the evidence readable in the context pane.
 */
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { readJournal } from '../../src/decisions/journal.js';
import type { Flag } from '../../src/flag/flag-schema.js';
import { flagThread } from '../../src/flag/flagger.js';
import { createLexiconScorer } from '../../src/flag/lexicon/index.js';
import { loadRules } from '../../src/flag/rules.js';
import { loadDump } from '../../src/parse/index.js';
import { reviewThread } from '../../src/review/backend.js';
import { describeTarget } from '../../src/flag/describe-target.js';
import { communityDump } from './support/community.js';
import { createScorer } from '../../src/flag/scorers.js';
import { SEED_THREAD } from '../support/shared.js';
import { tempDir } from './support/fixture.js';
import { press, waitFor } from './support/press.js';
import { dumpSession, type SessionOptions } from './support/seed.js';
import { mount } from './support/session.js';

function seedFile(): string {
  const file = path.join(tempDir(), 'seed.lemmy.txt');
  copyFileSync(SEED_THREAD(), file);
  return file;
}

async function open(options: SessionOptions & { requestedScorer?: string } = {}) {
  const session = await dumpSession(seedFile(), options);
  const mounted = await mount({ ...session, requestedScorer: options.requestedScorer ?? 'lexicon' });
  return { ...mounted, session };
}

const lastLine = (screen: string) => screen.split('\n').at(-1) ?? '';

/** Flags per comment, most severe first, straight from the flagger (lexicon, built-in rules). */
async function flagsOf(dumpFile: string): Promise<Map<string, Flag[]>> {
  const thread = reviewThread((await loadDump(dumpFile)).dump);
  const { flags } = await flagThread(thread, createLexiconScorer(), { rules: await loadRules(), includeMods: false });
  const byComment = new Map<string, Flag[]>();
  for (const flag of [...flags].sort((a, b) => b.severity - a.severity)) {
    byComment.set(flag.commentId, [...(byComment.get(flag.commentId) ?? []), flag]);
  }
  return byComment;
}

/** The seed's flagged comments, most severe first. */
let seedRows: Flag[][];

beforeAll(async () => {
  seedRows = [...(await flagsOf(SEED_THREAD())).values()].sort((a, b) => b[0]!.severity - a[0]!.severity);
});

/** `Rule 3` for rule-3 (its citation), else the rule id, as the built-in rules name them. */
const RULE_NAMES: Record<string, string> = { 'rule-3': 'Rule 3', civility: 'civility' };
const severity = (f: Flag) => f.severity.toFixed(2).slice(1);

describe('first screen at 80x24 on the seed thread', () => {
  it('shows the key hints from the first frame, and a missing model as a short mark with the full text under ?', async () => {
    const missing = path.join(tempDir(), 'no-model-here');
    const { app } = await open({
      requestedScorer: 'auto',
      // The real `auto` choice with neither model installed: the lexicon stands in, with a warning.
      makeScorer: (events) =>
        createScorer({
          scorer: 'auto',
          modelDir: missing,
          trainedModel: missing,
          onStatus: events.onStatus,
          onWarning: events.onWarning,
        }),
    });
    const first = stripVTControlCharacters(app.frames[0] ?? '');
    expect(lastLine(first)).toMatch(/^\? help.* r remove/);
    const screen = await waitFor(app, /Queue · \d+ flagged · 1\/\d+ ─/);
    // The hints stay; the warning is one short mark on the `?` hint, never a sentence cut off mid-way.
    expect(lastLine(screen)).toMatch(/^\? help, 1 warning {2}r remove {2}a approve/);
    expect(screen).not.toMatch(/no toxicity model|not installed/);
    expect(screen).toMatch(/⚠ scorer: lexicon fallback/);
    await press(app, '?');
    const help = await waitFor(app, /Warnings/);
    // The full text, wrapped to the screen, with where to read more.
    expect(help.replace(/\n/g, ' ')).toMatch(/no toxicity model in .*using the built-in lexicon scorer instead/);
    expect(help).toMatch(/threadmod model status/);
    expect(help).toMatch(/Keys while browsing/);
    // Taller than the screen with the warning on top: it scrolls, and says so, so no key is lost.
    await waitFor(app, (screen) => /j\/↓ k\/↑ scroll$/.test(lastLine(screen)));
    await press(app, 'pageDown');
    await waitFor(app, /q +quit \(decisions are saved\)/);
  });

  it('shows whom each flag is aimed at, in the queue and in plain words in the context pane', async () => {
    const { app, session } = await open();
    for (const [i, flags] of seedRows.slice(0, 2).entries()) {
      if (i > 0) await press(app, 'j');
      const screen = await waitFor(app, new RegExp(`Queue · \\d+ flagged · ${i + 1}/\\d+ ─`));
      const flag = flags[0]!;
      expect(flag.target).not.toBeNull();
      const row = screen.split('\n').find((l) => l.startsWith('▸ '))!;
      expect(row).toMatch(/ → (parent|third party|@\S+|post author) “/);
      const comment = session.thread.comments.find((c) => c.id === flag.commentId)!;
      const said = describeTarget(flag.target, { repliesToPost: comment.parentId === null });
      expect(screen).toContain(`flagged ${RULE_NAMES[flag.ruleId]} ${severity(flag)} → ${said}`);
      expect(screen).toMatch(/ · score [+-]\d+ · /);
    }
  });

  it('names every rule that fired on a comment, and approving it records every flag it approves', async () => {
    const dumpFile = communityDump();
    const multi = [...(await flagsOf(dumpFile)).values()].find((flags) => flags.length > 1)!;
    expect(multi).toBeDefined();
    const session = await dumpSession(dumpFile, { makeScorer: async () => createLexiconScorer() });
    const { app } = await mount({ ...session, requestedScorer: 'lexicon' });
    await waitFor(app, (s) => /Queue · \d+ flagged/.test(s) && !/scoring/.test(s));
    const names = multi.map((f) => RULE_NAMES[f.ruleId]!).join(', ');
    // Narrow the queue to that comment by its text.
    const body = session.thread.comments.find((c) => c.id === multi[0]!.commentId)!.body;
    await press(app, '/', ...body.slice(0, 40), 'enter');
    const screen = await waitFor(app, /filter "/);
    const row = screen.split('\n').find((l) => l.startsWith('▸ '))!;
    expect(row).toContain(names);
    expect(row).not.toMatch(/\+R? /);
    expect(screen).toContain(`flagged ${multi.map((f) => `${RULE_NAMES[f.ruleId]} ${severity(f)}`)[0]}`);
    for (const f of multi.slice(1)) expect(screen).toContain(` · ${RULE_NAMES[f.ruleId]} ${severity(f)}`);
    expect(screen).not.toMatch(/ \+1 /);

    await press(app, 'a');
    await waitFor(app, /✓ approved/);
    const decision = [...(await readJournal(session.journalFile)).state.active.values()].find(
      (d) => d.commentId === multi[0]!.commentId,
    )!;
    expect(decision).toMatchObject({ action: 'approve', flaggedRuleIds: multi.map((f) => f.ruleId) });
    const cited = new Set(decision.evidence.map((e) => `${e.start}:${e.end}`));
    for (const flag of multi) for (const e of flag.evidence) expect(cited).toContain(`${e.start}:${e.end}`);
  });

  it('gives a short queue only the rows it needs and keeps the whole evidence sentence in view; J/K scroll the comment', async () => {
    const { app } = await open();
    await waitFor(app, /Queue · \d+ flagged · 1\/\d+ ─/);
    await press(app, 'j');
    const screen = await waitFor(app, /Queue · \d+ flagged · 2\/\d+ ─/);
    const lines = screen.split('\n');
    expect(lines).toHaveLength(23);
    const queueTop = lines.findIndex((l) => l.startsWith('── Queue'));
    const contextTop = lines.findIndex((l) => l.startsWith('── Context'));
    // No empty queue rows while the comment being judged is cut off.
    expect(lines.slice(queueTop + 1, contextTop).every((l) => l.trim() !== '')).toBe(true);
    const context = (s: string) => {
      const all = s.split('\n');
      return all.slice(all.findIndex((l) => l.startsWith('── Context')) + 1, -3);
    };
    const words = (s: string) => s.replace(/[»«]/g, '').replace(/\s+/g, ' ');
    // Every evidence sentence of the comment's strongest flag, whole.
    const evidence = seedRows[1]![0]!.evidence.map((e) => words(e.text).trim());
    const shown = words(context(screen).join(' '));
    for (const sentence of evidence) expect(shown).toContain(sentence);

    // The body opens on the evidence; K scrolls up to earlier lines, J back down, and the keys are named.
    const above = (s: string) => Number(/… (\d+) lines above · K to scroll up/.exec(s)?.[1] ?? 0);
    const opened = above(screen);
    expect(opened).toBeGreaterThan(0);
    await press(app, 'K');
    const up = await waitFor(app, (s) => above(s) < opened);
    expect(up).toMatch(/… \d+ more lines · J to scroll down/);
    await press(app, 'J');
    await waitFor(app, (s) => above(s) === opened);
    await press(app, '?');
    const help = await waitFor(app, /Keys while browsing/);
    expect(help).toMatch(/^J +scroll the comment down/m);
    expect(help).toMatch(/^K +scroll the comment up/m);
  });
});
