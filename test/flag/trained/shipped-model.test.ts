/**
 * The shipped model (models/attack-v1) on real data. Dev-set figures when
 * written (npm run train:default, then threadmod eval): precision 0.836,
 * recall 0.822, F1 0.829, ROC AUC 0.940. The floors sit a little below so an
 * honest change can move them and a broken model cannot pass. The dev set
 * was never used to fit or choose anything (see MODEL_CARD.md).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { evaluate, readLabelled } from '../../../src/eval/index.js';
import { flagThread } from '../../../src/flag/flagger.js';
import { analyseSentence } from '../../../src/flag/lexicon/analyse.js';
import { DEFAULT_RULES, rulesForScorer } from '../../../src/flag/rules.js';
import { splitSentences } from '../../../src/flag/sentences.js';
import { defaultModelDir, loadTrainedScorer } from '../../../src/flag/trained/index.js';
import { loadModel } from '../../../src/flag/trained/model-files.js';
import { parseDump } from '../../../src/parse/index.js';
import { DEV_SET, SEED_THREAD } from '../../support/shared.js';

async function scorerAndRules() {
  const scorer = await loadTrainedScorer();
  return { scorer, rules: rulesForScorer(DEFAULT_RULES, scorer.info, false) };
}

describe('the shipped trained model', () => {
  it('verifies, and its recommended threshold becomes the built-in Rule 3 insult threshold', async () => {
    const loaded = await loadModel(defaultModelDir());
    const { scorer, rules } = await scorerAndRules();
    expect(scorer.info).toMatchObject({ name: 'trained', thresholds: { insult: loaded.model.threshold } });
    expect(rules.rules[0]!.triggers.find((t) => t.label === 'insult')!.threshold).toBe(loaded.model.threshold);
    // A rules file is used as written.
    expect(rulesForScorer(DEFAULT_RULES, scorer.info, true)).toBe(DEFAULT_RULES);
  });

  it('on the seed thread flags "Fuck off libtard" under Rule 3, not the moderator quoting "you ignorant idiot", nor "my idiot bosses"', async () => {
    const file = SEED_THREAD();
    const thread = parseDump(readFileSync(file, 'utf8'), file).posts[0]!;
    const { scorer, rules } = await scorerAndRules();
    const { flags } = await flagThread(thread, scorer, { rules });
    const libtard = thread.comments.find((c) => c.body.includes('Fuck off libtard'))!;
    const flag = flags.find((f) => f.commentId === libtard.id && f.ruleId === 'rule-3')!;
    expect(flag.evidence.map((e) => e.text)).toEqual(['Fuck off libtard']);
    const mod = thread.comments.find((c) => c.author?.name === 'jordanlund')!;
    expect(mod.body).toContain('you ignorant idiot');
    expect(flags.filter((f) => f.commentId === mod.id)).toEqual([]);
    const bosses = thread.comments.find((c) => c.body.includes('my idiot bosses'))!;
    expect(flags.filter((f) => f.commentId === bosses.id && f.ruleId === 'rule-3')).toEqual([]);
    const withMods = await flagThread(thread, scorer, { rules, includeMods: true });
    expect(withMods.flags.filter((f) => f.commentId === mod.id && f.ruleId === 'rule-3')).toEqual([]);
  });

  it('explains a flag by the words that pushed it over, with their contributions, inside the sentence', async () => {
    const { scorer } = await scorerAndRules();
    const [scored] = await scorer.score(['You are a pathetic moron.']);
    expect(scored!.scores.insult).toBeGreaterThan(0.5);
    const model = scored!.terms.filter((t) => t.term.startsWith('model:'));
    expect(model.length).toBeGreaterThan(0);
    for (const t of model) {
      expect(t.weight).toBeGreaterThan(0);
      expect('You are a pathetic moron.'.slice(t.start, t.end)).toBe(t.text);
    }
    expect(model.map((t) => t.text)).toContain('moron');
    const [calm] = await scorer.score(['Thanks, I read the article you linked.']);
    expect(calm!.scores.insult).toBeLessThan(0.2);
  });

  it("bounds the lexicon's identity-attack and severe-toxicity scores by the model's probability, so they cannot outrank it", async () => {
    const records = await readLabelled(DEV_SET());
    const sentences = records.flatMap((r) => splitSentences(r.text).map((s) => s.text));
    const { scorer } = await scorerAndRules();
    const scored = await scorer.score(sentences);
    let bitten = 0;
    scored.forEach((s, i) => {
      const lexicon = analyseSentence(sentences[i]!).scores;
      for (const label of ['identity_attack', 'severe_toxicity'] as const) {
        expect(s.scores[label]).toBe(Math.min(lexicon[label], s.scores.insult));
        if (lexicon[label] > s.scores.insult) bitten++;
      }
      // Threats, which the training data barely has, and the labels no attack rule reads stay the lexicon's.
      expect(s.scores.threat).toBe(lexicon.threat);
      expect(s.scores.obscene).toBe(lexicon.obscene);
    });
    // The bound matters: the lexicon alone would rank these sentences higher than the model does.
    expect(bitten).toBeGreaterThan(20);
  });

  it('meets its floors on the development set with the built-in rules', async () => {
    const records = await readLabelled(DEV_SET());
    const { scorer, rules } = await scorerAndRules();
    const report = await evaluate(records, scorer, rules);
    expect(report.n).toBe(600);
    expect(report.auc).toBeGreaterThanOrEqual(0.93);
    expect(report.f1).toBeGreaterThanOrEqual(0.8);
    expect(report.precision).toBeGreaterThanOrEqual(0.8);
  });

  it('reads a sentence with its comment: the same words score higher among hostile sentences than among friendly ones', async () => {
    const { model } = await loadModel(defaultModelDir());
    expect(model.platt.comment).toBeGreaterThan(0);
    const scorer = await loadTrainedScorer();
    const mild = 'Read it again.';
    const hostile = [mild, 'You are a pathetic lying moron.', 'Nobody here wants your garbage.'];
    const friendly = [mild, 'Thanks for the thoughtful reply.', 'I learned something from your link.'];
    const texts = [...hostile, ...friendly, mild];
    const scores = await scorer.score(texts, undefined, { commentOf: [0, 0, 0, 1, 1, 1, 2] });
    const [inHostile, inFriendly, alone] = [scores[0]!, scores[3]!, scores[6]!].map((s) => s.scores.insult);
    expect(inHostile).toBeGreaterThan(inFriendly!);
    expect(inHostile).toBeGreaterThan(alone!);
    // Without the grouping every sentence stands alone.
    const ungrouped = await scorer.score(texts);
    expect(ungrouped[0]!.scores.insult).toBeCloseTo(ungrouped[6]!.scores.insult, 12);
    await scorer.close();
  });

  it("applies the lexicon's negation, denial and self-description to the model's words", async () => {
    const scorer = await loadTrainedScorer();
    const texts = [
      "I'm not saying you are stupid, I'm saying the argument is weak.",
      "If you think I'm an idiot for saying this, fine, but the numbers back me up.",
      'You are stupid, and the argument is weak.',
      'This is not due to you being a pompous ass, it is just how the rules work.',
    ];
    const [denied, self, said, reason] = (await scorer.score(texts)).map((s) => s.scores.insult);
    expect(reason).toBeLessThan(scorer.info.thresholds!.insult!);
    expect(said).toBeGreaterThanOrEqual(scorer.info.thresholds!.insult!);
    expect(denied).toBeLessThan(scorer.info.thresholds!.insult!);
    expect(self).toBeLessThan(scorer.info.thresholds!.insult!);
    // The words stay in the explanation: the moderator still sees what the model read.
    const terms = (await scorer.score([texts[0]!]))[0]!.terms.map((t) => t.term);
    expect(terms).toContain('model:stupid');
    await scorer.close();
  });
});
