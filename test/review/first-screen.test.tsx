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

/** The seed's flags per comment, most severe first, straight from the flagger. */
let flagsByComment: Map<string, Flag[]>;
/** The comment of the queue's second row: flagged by more than one rule. */
let second: Flag[];

beforeAll(async () => {
  const thread = reviewThread((await loadDump(SEED_THREAD())).dump);
  const { flags } = await flagThread(thread, createLexiconScorer(), { rules: await loadRules(), includeMods: false });
  flagsByComment = new Map();
  for (const flag of [...flags].sort((a, b) => b.severity - a.severity)) {
    flagsByComment.set(flag.commentId, [...(flagsByComment.get(flag.commentId) ?? []), flag]);
  }
  const rows = [...flagsByComment.values()].sort((a, b) => b[0]!.severity - a[0]!.severity);
  second = rows[1]!;
});

/** `Rule 3` for rule-3 (its citation), else the rule id, as the built-in rules name them. */
const RULE_NAMES: Record<string, string> = { 'rule-3': 'Rule 3', civility: 'civility' };

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
  });

  it('names every rule that fired and whom the evidence is aimed at; approving records every flag', async () => {
    expect(second.length).toBeGreaterThan(1);
    const { app, session } = await open();
    await waitFor(app, /Queue · \d+ flagged · 1\/\d+ ─/);
    await press(app, 'j');
    const screen = await waitFor(app, /Queue · \d+ flagged · 2\/\d+ ─/);
    const names = second.map((f) => RULE_NAMES[f.ruleId]!);
    const row = screen.split('\n').find((l) => l.startsWith('▸ '))!;
    expect(row).toContain(names.join(', '));
    expect(row).not.toMatch(/\+ /);
    const aimed = second.find((f) => f.target !== null)!;
    expect(row).toContain('→ parent');
    // The context pane: each rule with its severity, the target with its cue, the comment's score said as such.
    const flagged = second.map((f) => `${RULE_NAMES[f.ruleId]} ${f.severity.toFixed(2).slice(1)}`).join(' · ');
    expect(screen).toContain(`flagged ${flagged}`);
    expect(screen).toContain(`aimed at the parent comment's author (“${aimed.target!.cue}”)`);
    expect(screen).toMatch(/ · score [+-]\d+ · /);
    expect(screen).not.toMatch(/ \+1 /);

    await press(app, 'a');
    await waitFor(app, /✓ approved/);
    const [decision] = (await readJournal(session.journalFile)).state.active.values();
    expect(decision).toMatchObject({ action: 'approve', flaggedRuleIds: second.map((f) => f.ruleId) });
    const cited = new Set(decision!.evidence.map((e) => e.text));
    for (const flag of second) for (const e of flag.evidence) expect(cited).toContain(e.text);
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
    const evidence = second[0]!.evidence.map((e) => words(e.text).trim());
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
