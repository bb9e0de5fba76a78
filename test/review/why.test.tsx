/**
 * The "why" rows of the context pane on the real seed thread, scored by the
 * shipped trained model through the review's own composition root: the words
 * that pushed "Fuck off libtard" over, with their contributions, and the
 * lexicon's terms, worked out here from the flagger (not from the review's
 * code) so the test follows the model as it is retrained. Colour comes from
 * the theme only; author text is shown, never obeyed.
 */
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { stripVTControlCharacters } from 'node:util';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { MODEL_TERM_PREFIX } from '../../src/flag/explain-flag.js';
import type { Flag, MatchedTermSchema } from '../../src/flag/flag-schema.js';
import { flagThread } from '../../src/flag/flagger.js';
import { createLexiconScorer } from '../../src/flag/lexicon/index.js';
import { DEFAULT_RULES, rulesForScorer } from '../../src/flag/rules.js';
import { loadTrainedScorer } from '../../src/flag/trained/index.js';
import { loadDump } from '../../src/parse/index.js';
import { reviewThread, type FlagThread } from '../../src/review/backend.js';
import { openReviewSession } from '../../src/review/session.js';
import { signedContribution } from '../../src/review/state/why-lines.js';
import type { z } from 'zod';
import { RULES, RULES_FILE, THREAD, tempDir } from './support/fixture.js';
import { frame, linesOf, press, waitFor } from './support/press.js';
import { SEED, seedSession } from './support/seed.js';
import { mount } from './support/session.js';

// Chalk reads FORCE_COLOR when Ink is first loaded: styles are really emitted, and colourless must emit none itself.
vi.hoisted(() => {
  process.env.FORCE_COLOR = '1';
});

/** The seed's "Fuck off libtard" Rule 3 flag, straight from the flagger with the shipped model. */
let libtard: Flag;

beforeAll(async () => {
  const scorer = await loadTrainedScorer();
  const thread = reviewThread((await loadDump(SEED)).dump);
  const { flags } = await flagThread(thread, scorer, { rules: rulesForScorer(DEFAULT_RULES, scorer.info, false) });
  libtard = flags.find((f) => f.ruleId === 'rule-3' && f.evidence.some((e) => e.text === 'Fuck off libtard'))!;
});

async function openSeed(colour: boolean) {
  const session = await seedSession({ scorer: 'trained' });
  const { app } = await mount({ ...session, colour, requestedScorer: 'trained' });
  const screen = await waitFor(app, /Queue · \d+ flagged · 1\/\d+ ─/);
  // Walk the queue (most severe first) to the libtard flag, wherever the model ranks it.
  const flagged = Number(/Queue · (\d+) flagged/.exec(screen)![1]);
  for (let i = 1; i < flagged && !frame(app).includes('Fuck off libtard«'); i++) await press(app, 'j');
  return app;
}

const modelTerms = () =>
  libtard.evidence[0]!.terms.filter((t) => t.term.startsWith(MODEL_TERM_PREFIX)).sort((a, b) => b.weight - a.weight);

describe('why a flag was raised, in the context pane', () => {
  it('the shipped model explains "Fuck off libtard" by its own words', () => {
    expect(libtard).toBeDefined();
    expect(modelTerms().length).toBeGreaterThan(0);
  });

  it("names the model's strongest words with their contributions and the lexicon's terms with their label (no colour)", async () => {
    const app = await openSeed(false);
    const raw = app.lastFrame() ?? '';
    expect(raw).toBe(stripVTControlCharacters(raw));
    const screen = frame(app);
    // The flag of the selected comment, then why: the evidence is marked in the body.
    expect(screen).toContain('»Fuck off libtard«');
    const [why, under] = linesOf(screen, /^why: /, 2).split('\n');
    const [top, second] = modelTerms();
    const word = (t: z.infer<typeof MatchedTermSchema>) => t.term.slice(MODEL_TERM_PREFIX.length);
    expect(why).toContain(`why: model ${word(top!)} ${signedContribution(top!.weight)}`);
    if (second) expect(why).toContain(` · ${word(second)} ${signedContribution(second.weight)}`);
    const lexicon = libtard.evidence[0]!.terms.filter((t) => !t.term.startsWith(MODEL_TERM_PREFIX));
    const insult = lexicon.find((t) => t.label === 'insult')!;
    expect(`${why}\n${under}`).toMatch(new RegExp(`lexicon .*${insult.term}.* \\(insult\\)`));
    for (const line of [why!, under!]) expect(line.length).toBeLessThanOrEqual(80);
    // The flag line right above still says whom it is aimed at.
    expect(linesOf(screen, /^flagged Rule 3/, 1)).toContain('→ parent comment\'s author, called "libtard"');
  });

  it("in colour, the words take the theme's tones", async () => {
    const app = await openSeed(true);
    const raw = app.lastFrame() ?? '';
    const top = modelTerms()[0]!;
    // accent (cyan) for the word, dim for the "why:" label: the theme's styles, not hand-picked ones.
    expect(raw).toContain(`\x1b[36m${top.term.slice(MODEL_TERM_PREFIX.length)}\x1b[39m`);
    expect(raw).toMatch(/\x1b\[2mwhy: model \x1b\[22m/);
  });

  it("shows control characters in a flag's words instead of obeying them", async () => {
    const dir = tempDir();
    const dumpFile = path.join(dir, 'fixture.lemmy.txt');
    writeFileSync(dumpFile, THREAD.comments.map((c) => c.body).join('\n\n'));
    const bob = THREAD.comments.find((c) => c.author?.name === 'bob')!;
    const text = 'You are an ignorant idiot.';
    const start = bob.body.indexOf(text);
    const hostile = '\x1b]0;owned\x07idiot';
    const flag: Flag = {
      commentId: bob.id,
      ruleId: RULES[0]!.id,
      severity: 0.9,
      evidence: [
        {
          text,
          start,
          end: start + text.length,
          scores: { ...libtard.scores, insult: 0.9 },
          terms: [
            {
              term: `${MODEL_TERM_PREFIX}${hostile}`,
              text: 'idiot',
              start,
              end: start + 5,
              label: 'insult',
              weight: 2,
            },
          ],
          target: null,
        },
      ],
      target: null,
      reason: 'Removed under Rule 3.',
      scores: { ...libtard.scores, insult: 0.9 },
    };
    const stub: FlagThread = async (_thread, _scorer, opts) => {
      opts.onFlag?.(flag);
      opts.onProgress?.({ done: 1, total: 1 });
      return { flags: [flag], analyses: new Map() };
    };
    const { backend, journalFile } = await openReviewSession({
      dumpFile,
      parsed: { dump: { format: 'lemmy-text', posts: [THREAD] }, fetchedFrom: null },
      rules: RULES_FILE,
      journalFile: `${dumpFile}.decisions.jsonl`,
      moderator: 'mod',
      makeScorer: async () => createLexiconScorer(),
      flagThread: stub,
    });
    const { app } = await mount({ thread: THREAD, rules: RULES, backend, dumpFile, journalFile, colour: false });
    const screen = await waitFor(app, /^why: /m);
    expect(linesOf(screen, /^why: /, 1)).toBe('why: model ␛]0;owned␇idiot +2.0');
    expect(app.lastFrame()).not.toContain('\x1b');
  });
});
