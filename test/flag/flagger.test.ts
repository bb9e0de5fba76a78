import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeTarget } from '../../src/flag/describe-target.js';
import { Flag } from '../../src/flag/flag-schema.js';
import { flagThread, sentencePieces } from '../../src/flag/flagger.js';
import { createLexiconScorer } from '../../src/flag/lexicon/index.js';
import { DEFAULT_RULES, rulesForScorer } from '../../src/flag/rules.js';
import type { RulesFile } from '../../src/flag/rules-schema.js';
import type { Scorer } from '../../src/flag/scorer.js';
import { loadTrainedScorer } from '../../src/flag/trained/index.js';
import { parseDump } from '../../src/parse/index.js';
import { markQuotes } from '../../src/thread/quotes.js';
import { blankComment, emptyPost, type Comment, type Thread } from '../../src/thread/schema.js';
import { SEED_THREAD } from '../support/shared.js';

function seed(): Thread {
  const file = SEED_THREAD();
  return parseDump(readFileSync(file, 'utf8'), file).posts[0]!;
}

/** Top-level comments with these bodies (and authors), quotes marked. */
function threadOf(bodies: string[], patch: (c: Comment, i: number) => Partial<Comment> = () => ({})): Thread {
  return markQuotes({
    post: emptyPost(),
    comments: bodies.map((body, i) => ({
      ...blankComment(`c${i}`, null, [`c${i}`]),
      body,
      ...patch(blankComment(`c${i}`, null, [`c${i}`]), i),
    })),
  });
}

/**
 * The lexicon's probabilities without its terms, like a model that cannot say
 * which words it reacted to: exercises targeting without proximity.
 */
function withoutTerms(inner: Scorer): Scorer {
  return {
    info: { name: 'no-terms', backend: null, model: null },
    score: async (sentences, onProgress) =>
      (await inner.score(sentences, onProgress)).map((s) => ({ scores: s.scores, terms: [] })),
    close: () => inner.close(),
  };
}

const mod = (t: Thread) => t.comments.find((c) => c.author?.name === 'jordanlund')!;

describe('flagThread on the seed thread', () => {
  it("never flags the moderator's reply, and still flags the libtard insult", async () => {
    const t = seed();
    const { flags, analyses } = await flagThread(t, createLexiconScorer(), { rules: DEFAULT_RULES });
    expect(flags.some((f) => f.commentId === mod(t).id)).toBe(false);
    expect(analyses.has(mod(t).id)).toBe(true);

    const libtard = t.comments.find((c) => c.score === 17)!;
    const flag = flags.find((f) => f.commentId === libtard.id && f.ruleId === 'rule-3')!;
    expect(flag.evidence.map((e) => e.text)).toEqual(['Fuck off libtard']);
    expect(flag.reason).toBe('Removed under Rule 3 (no personal attacks): "Fuck off libtard"');
    // "absolutely idiotic" is in the parent's words it quotes: not evidence.
    expect(flag.evidence.some((e) => e.text.includes('idiotic'))).toBe(false);
  });

  it('aims "Fuck off libtard" at the parent\'s author and "your opponent" at a third party, with either built-in scorer', async () => {
    const t = seed();
    const libtard = t.comments.find((c) => c.score === 17)!;
    const opponent = t.comments.find((c) => c.body.includes('if your opponent gets in'))!;
    for (const scorer of [createLexiconScorer(), await loadTrainedScorer()]) {
      // Each scorer's calibrated threshold, as scan and review apply it.
      const { flags } = await flagThread(t, scorer, { rules: rulesForScorer(DEFAULT_RULES, scorer.info, false) });
      const attack = flags.find((f) => f.commentId === libtard.id && f.ruleId === 'rule-3')!;
      // Page text without author lines: the parent's author has no name.
      expect(attack.target).toEqual({ kind: 'vocative', name: null, cue: 'libtard' });
      // The insult in that comment is aimed at the reader's opponent, nobody in the thread: not Rule 3.
      expect(flags.filter((f) => f.commentId === opponent.id).map((f) => f.ruleId)).toEqual(['civility']);
      const civility = flags.find((f) => f.commentId === opponent.id)!;
      expect(describeTarget(civility.target)).toBe('third party: your opponent');
      await scorer.close();
    }
  });

  it("with includeMods, the moderator's quoted sentences are still not flagged", async () => {
    const t = seed();
    const { flags, analyses } = await flagThread(t, createLexiconScorer(), { rules: DEFAULT_RULES, includeMods: true });
    const sentences = analyses.get(mod(t).id)!.sentences;
    const quoted = sentences.filter((s) => s.quoted).map((s) => s.text);
    expect(quoted).toEqual(['“Your tantrum is as naive as it is immature.”', '“you ignorant idiot”']);
    // Quoted sentences are never scored, so no rule can cite them.
    for (const s of sentences.filter((x) => x.quoted)) expect(Math.max(...Object.values(s.scores))).toBe(0);
    const cited = flags.filter((x) => x.commentId === mod(t).id).flatMap((f) => f.evidence.map((e) => e.text));
    expect(cited.filter((text) => quoted.includes(text))).toEqual([]);
    // The same words unquoted are an attack: the quote marks are what spare the moderator.
    const bare = threadOf(['Your tantrum is as naive as it is immature.', 'you ignorant idiot']);
    const { flags: bareFlags } = await flagThread(bare, createLexiconScorer(), { rules: DEFAULT_RULES });
    expect(
      bareFlags
        .filter((f) => f.ruleId === 'rule-3')
        .map((f) => f.commentId)
        .sort(),
    ).toEqual(['c0', 'c1']);
  });

  it('returns valid flags, most severe first, with evidence that points into the body', async () => {
    const t = seed();
    const { flags } = await flagThread(t, createLexiconScorer(), { rules: DEFAULT_RULES });
    expect(flags.length).toBeGreaterThan(0);
    const bodies = new Map(t.comments.map((c) => [c.id, c.body]));
    for (let i = 0; i < flags.length; i++) {
      const f = Flag.parse(flags[i]);
      if (i > 0) expect(flags[i - 1]!.severity).toBeGreaterThanOrEqual(f.severity);
      const body = bodies.get(f.commentId)!;
      for (const e of f.evidence) {
        expect(body.slice(e.start, e.end)).toBe(e.text);
        for (const term of e.terms) {
          expect(term.start).toBeGreaterThanOrEqual(e.start);
          expect(body.slice(term.start, term.end)).toBe(term.text);
        }
      }
      // One rule, cited once; one quoted piece.
      expect(f.reason).toMatch(/^Removed under (Rule 3 \(no personal attacks\)|Be civil \(.+\)): "[^"]+"$/);
      if (f.ruleId === 'rule-3') expect(f.target).not.toBeNull();
    }
  });
});

describe('flagThread', () => {
  it('cites the rule once and quotes only the strongest sentence, whole when it is short', async () => {
    const t = threadOf([
      'Your tantrum is as naive as it is immature. I disagree with the policy. Get lost, you ignorant idiot.',
    ]);
    const { flags } = await flagThread(t, createLexiconScorer(), { rules: DEFAULT_RULES });
    const flag = flags.find((f) => f.ruleId === 'rule-3')!;
    expect(flag.evidence).toHaveLength(2);
    expect(flag.reason).toBe('Removed under Rule 3 (no personal attacks): "Get lost, you ignorant idiot."');
    expect(flag.severity).toBe(
      Math.max(...flag.evidence.map((e) => Math.max(e.scores.insult, e.scores.identity_attack, e.scores.threat))),
    );
    expect(flag.scores.insult).toBe(flag.severity);
  });

  it('judges the words around a quote on their own', async () => {
    const t = markQuotes({
      post: emptyPost(),
      comments: [
        { ...blankComment('a', null, ['a']), body: 'Anyone who votes for him is an idiot, frankly.' },
        {
          ...blankComment('b', 'a', ['a', 'b']),
          body: '"Anyone who votes for him is an idiot" is what you wrote. I think you are wrong.',
        },
        { ...blankComment('c', 'a', ['a', 'c']), body: '"Anyone who votes for him is an idiot" says the moron.' },
        { ...blankComment('d', 'a', ['a', 'd']), body: '"votes for him is an idiot" you moron' },
      ],
    });
    const { flags, analyses } = await flagThread(t, createLexiconScorer(), { rules: DEFAULT_RULES });
    expect(flags.filter((f) => f.commentId === 'b')).toEqual([]);
    expect(analyses.get('b')!.sentences.slice(0, 2)).toMatchObject([
      { text: '"Anyone who votes for him is an idiot"', quoted: true },
      { text: 'is what you wrote.', quoted: false },
    ]);
    expect(flags.filter((f) => f.commentId === 'c' && f.ruleId === 'rule-3')).toEqual([]);
    expect(flags.find((f) => f.commentId === 'd')?.evidence.map((e) => e.text)).toEqual(['you moron']);
  });

  it('tells insults from reports, denials, praise and insults of third parties', async () => {
    const attacks = [
      "I'd call you an idiot.",
      'Keep talking, you only prove how ignorant you are.',
      'Get your head out of your ass.',
      'Go crawl back into whatever hole you came from.',
      "I'm not mad because you are an idiot.",
    ];
    const fine = [
      'He called you an idiot? That is out of line.',
      'I would never call you stupid.',
      "You're insane at this game, great job.",
      "The senator is an idiot, but you're right about the vote.",
      "You're not an idiot for asking.",
      'This is not due to you being a pompous ass, it is just how the rules work.',
    ];
    const t = threadOf([...attacks, ...fine]);
    const { flags } = await flagThread(t, createLexiconScorer(), { rules: DEFAULT_RULES });
    const flagged = new Set(flags.filter((f) => f.ruleId === 'rule-3').map((f) => f.commentId));
    expect([...attacks, ...fine].filter((_, i) => flagged.has(`c${i}`))).toEqual(attacks);
  });

  it('does not flag an insult aimed at no participant under the targeted rule', async () => {
    const t = threadOf(['My idiot bosses never listen.', 'The senator is a moron.']);
    const { flags } = await flagThread(t, createLexiconScorer(), { rules: DEFAULT_RULES });
    expect(flags.filter((f) => f.ruleId === 'rule-3')).toEqual([]);
  });

  it('aims an insult that names no one at the participant the sentence next to it addresses', async () => {
    const t = threadOf([
      'You keep posting the same link. What a clown.',
      'The senator spoke again. What a clown.',
      'Thanks, you were right. My stupid bosses never listen.',
    ]);
    const { flags, analyses } = await flagThread(t, createLexiconScorer(), { rules: DEFAULT_RULES });
    const rule3 = flags.filter((f) => f.ruleId === 'rule-3');
    expect(rule3.map((f) => f.commentId)).toEqual(['c0']);
    expect(rule3[0]!.evidence.map((e) => e.text)).toEqual(['What a clown.']);
    expect(rule3[0]!.target).toMatchObject({ kind: 'second-person', cue: 'You (sentence before)' });
    // No one addressed next door, or a sentence that names someone else (my bosses): no addressee borrowed.
    expect(analyses.get('c1')!.sentences[1]!.target).toBeNull();
    expect(analyses.get('c2')!.sentences[1]!.target).toBeNull();
  });

  it('skips removed, deleted, placeholder and empty comments, and flags mods only when asked', async () => {
    const bodies = ['you idiot', 'you idiot', 'you idiot', '', 'you idiot', 'you idiot', 'you idiot'];
    const t = threadOf(
      bodies,
      (_, i) =>
        [
          { removed: true },
          { deleted: true },
          { placeholder: true },
          {},
          { badges: ['moderator' as const] },
          { distinguished: true },
          {},
        ][i]!,
    );
    const run = async (includeMods: boolean) => {
      const { flags, analyses } = await flagThread(t, createLexiconScorer(), { rules: DEFAULT_RULES, includeMods });
      return { flagged: [...new Set(flags.map((f) => f.commentId))].sort(), analysed: [...analyses.keys()].sort() };
    };
    expect(await run(false)).toEqual({ flagged: ['c6'], analysed: ['c4', 'c5', 'c6'] });
    expect(await run(true)).toEqual({ flagged: ['c4', 'c5', 'c6'], analysed: ['c4', 'c5', 'c6'] });
  });

  it('takes its thresholds from the rules', async () => {
    const t = threadOf(['You are a fool.']);
    const strict: RulesFile = {
      version: 1,
      rules: [{ ...DEFAULT_RULES.rules[0]!, triggers: [{ label: 'insult', threshold: 0.999 }] }],
    };
    const lax: RulesFile = {
      version: 1,
      rules: [{ ...DEFAULT_RULES.rules[0]!, triggers: [{ label: 'insult', threshold: 0.5 }] }],
    };
    expect((await flagThread(t, createLexiconScorer(), { rules: strict })).flags).toEqual([]);
    expect((await flagThread(t, createLexiconScorer(), { rules: lax })).flags).toHaveLength(1);
  });

  it('works with a scorer that gives no terms (targeting falls back to the sentence)', async () => {
    const t = threadOf(['You are an idiot.', 'If you ask me, the senator is an idiot.', 'Shut up.']);
    const { flags } = await flagThread(t, withoutTerms(createLexiconScorer()), { rules: DEFAULT_RULES });
    const rule3 = flags.filter((f) => f.ruleId === 'rule-3');
    expect(rule3.map((f) => [f.commentId, f.target?.kind])).toEqual(
      expect.arrayContaining([
        ['c0', 'second-person'],
        ['c2', 'imperative'],
      ]),
    );
    expect(rule3.some((f) => f.commentId === 'c1')).toBe(false);
    expect(rule3.every((f) => f.evidence.every((e) => e.terms.length === 0))).toBe(true);
  });

  it('emits flags as comments finish, before the run ends, and reports progress', async () => {
    const t = threadOf(Array.from({ length: 10 }, (_, i) => (i % 3 === 0 ? 'you moron' : 'a perfectly civil remark.')));
    const events: string[] = [];
    const { flags } = await flagThread(t, createLexiconScorer(), {
      rules: DEFAULT_RULES,
      batchSize: 2,
      onFlag: (f) => events.push(`flag ${f.commentId}`),
      onProgress: (p) => events.push(`progress ${p.done}/${p.total}`),
    });
    expect(events.filter((e) => e.startsWith('flag'))).toHaveLength(flags.length);
    expect(events.indexOf('flag c0')).toBeLessThan(events.indexOf('progress 10/10'));
    expect(events.indexOf('flag c0')).toBeLessThan(events.indexOf('flag c9'));
    expect(events.at(-1)).toBe('progress 10/10');
  });

  it('stops when aborted', async () => {
    const t = threadOf(Array.from({ length: 50 }, () => 'you moron'));
    const controller = new AbortController();
    let seen = 0;
    const run = flagThread(t, createLexiconScorer(), {
      rules: DEFAULT_RULES,
      batchSize: 1,
      signal: controller.signal,
      onFlag: () => {
        if (++seen === 3) controller.abort();
      },
    });
    await expect(run).rejects.toThrow();
    expect(seen).toBeLessThan(50);
    await expect(
      flagThread(t, createLexiconScorer(), { rules: DEFAULT_RULES, signal: AbortSignal.abort() }),
    ).rejects.toThrow();
  });

  it('copes with emoji, other scripts, huge sentences and an empty thread', async () => {
    const huge = `${'blah '.repeat(2000)}and you are an idiot`;
    const t = threadOf(['😡😡😡', 'Ты идиот. 你是个白痴。', huge, 'x'.repeat(10_000)]);
    const { flags, analyses } = await flagThread(t, createLexiconScorer(), { rules: DEFAULT_RULES });
    expect([...analyses.keys()]).toEqual(['c0', 'c1', 'c2', 'c3']);
    for (const a of analyses.values()) for (const s of a.sentences) expect(s.text.length).toBeLessThanOrEqual(500);
    expect(flags.filter((f) => f.ruleId === 'rule-3').map((f) => f.commentId)).toEqual(['c2']);
    const empty = await flagThread({ post: emptyPost(), comments: [] }, createLexiconScorer(), {
      rules: DEFAULT_RULES,
    });
    expect(empty).toEqual({ flags: [], analyses: new Map() });
  });

  it('rejects a scorer that loses sentences', async () => {
    const broken: Scorer = { ...createLexiconScorer(), score: async () => [] };
    await expect(flagThread(threadOf(['you idiot']), broken, { rules: DEFAULT_RULES })).rejects.toThrow(
      /returned 0 results for 1/,
    );
  });
});

describe('sentencePieces', () => {
  it('cuts sentences at quote edges and drops punctuation-only leftovers', () => {
    const body = '“Quoted words.” mine too. “All quoted”.';
    const pieces = sentencePieces(body, [
      { start: 0, end: 15, kind: 'quotation' },
      { start: 26, end: 39, kind: 'quotation' },
    ]);
    expect(pieces.map((p) => [p.text, p.quoted])).toEqual([
      ['“Quoted words.”', true],
      ['mine too.', false],
      ['“All quoted”.', true],
    ]);
  });
});
