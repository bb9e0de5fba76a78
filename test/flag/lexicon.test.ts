import fc from 'fast-check';
import { RegExpMatcher, englishDataset, englishRecommendedTransformers } from 'obscenity';
import { describe, expect, it } from 'vitest';
import { LABELS } from '../../src/flag/labels.js';
import { analyseSentence, createLexiconScorer } from '../../src/flag/lexicon/index.js';
import { mayBeProfane } from '../../src/flag/lexicon/profanity.js';
import { SHARE } from '../../src/flag/lexicon/constructions.js';

const score = (s: string) => analyseSentence(s).scores;
const terms = (s: string) => analyseSentence(s).terms;

describe('lexicon scorer', () => {
  it('identifies itself and scores every sentence, in order', async () => {
    const scorer = createLexiconScorer();
    expect(scorer.info).toEqual({ name: 'lexicon', backend: null, model: null });
    const progress: number[] = [];
    const out = await scorer.score(['you are an idiot', 'nice weather today'], (p) => progress.push(p.done));
    expect(out).toHaveLength(2);
    expect(out[0]!.scores.insult).toBeGreaterThan(0.9);
    expect(out[1]!.scores.insult).toBe(0);
    expect(progress.at(-1)).toBe(2);
    await scorer.close();
    await expect(scorer.score(['x'])).rejects.toThrow(/after close/);
  });

  it('gives all seven labels in [0, 1] and terms that point into the sentence, for any text', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        'you',
        'your',
        'are',
        'an',
        'idiot',
        'f*ck',
        'sh!t',
        'A S S',
        'stuuupid',
        '1d10t',
        'shut',
        'up',
        'kill',
        '😀',
        '“',
        'é',
        ',',
        '.',
        ' ',
      ),
      fc.string({ maxLength: 6 }),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), (parts) => {
        const sentence = parts.join(' ');
        const { scores, terms } = analyseSentence(sentence);
        for (const label of LABELS) if (!(scores[label] >= 0 && scores[label] <= 1)) return false;
        return terms.every(
          (t) =>
            t.start >= 0 &&
            t.end <= sentence.length &&
            sentence.slice(t.start, t.end) === t.text &&
            t.weight > 0 &&
            t.weight <= 1,
        );
      }),
      { numRuns: 400 },
    );
  });

  it('scores a neutral sentence zero', () => {
    expect(Object.values(score('I too am guilty of over moisturizing my hair.')).every((v) => v === 0)).toBe(true);
  });

  it('sees through l33t, stretched letters and spelled-out words', () => {
    const insultTerm = (s: string) => terms(s).find((t) => t.label === 'insult' && !t.term.includes('<'))?.term;
    expect(insultTerm('you 1d10t')).toBe('idiot');
    expect(insultTerm('you are stuuuupid')).toBe('stupid');
    expect(insultTerm('what a m0r0n')).toBe('moron');
    expect(insultTerm('you are an A S S')).toBe('ass');
    expect(insultTerm('you b1tch')).toBe('bitch');
    expect(insultTerm('you fck face')).toBe('fck face');
    const obscene = (s: string) =>
      terms(s)
        .filter((t) => t.label === 'obscene')
        .map((t) => t.term);
    expect(obscene('sh!t happens')).toEqual(['shit']);
    expect(obscene('fuuuuck this')).toEqual(['fuck']);
    expect(obscene('f u c k you')).toEqual(['fuck']);
    expect(obscene('what the f*ck')).toEqual(['fuck']);
    expect(score('you are an A S S').insult).toBeGreaterThanOrEqual(0.8);
    expect(score('f u c k you').insult).toBeGreaterThanOrEqual(0.85);
  });

  it('reports the spelling used and where it is', () => {
    const t = terms('Listen, you 1d10t.').find((x) => x.term === 'idiot')!;
    expect(t).toMatchObject({ text: '1d10t', start: 12, end: 17, label: 'insult' });
  });

  it('recognises insults with no swear word in them', () => {
    for (const s of [
      'You are an idiot.',
      "you're so pathetic",
      'You sound like a complete fool.',
      'Are you really this stupid?',
      'Shut up.',
      'Go back to school and learn to read.',
      'Your tantrum is as naive as it is immature.',
      'You sir are not intelligent',
      'Get a life.',
      'You ignorant clown.',
      'People like you are the problem, idiots like you.',
      'Your ignorance is astounding.',
      "Don't be such a moron.",
      'How stupid are you?',
      'you make me sick',
    ]) {
      expect({ s, insult: score(s).insult >= 0.7 }).toEqual({ s, insult: true });
    }
  });

  it('does not call a sentence an insult just because an insult word is near', () => {
    for (const s of [
      "You're not an idiot.",
      'You are right about that.',
      'I am not calling anyone names.',
      'The idea is bold.',
      'Kids grow up so fast.',
    ]) {
      expect({ s, insult: score(s).insult < 0.7 }).toEqual({ s, insult: true });
    }
    // Reading is only an insult when the reader is said not to manage it.
    for (const s of ['You can read this survey yourself if you want the numbers.', 'Do you read the Guardian?']) {
      expect({ s, insult: score(s).insult }).toEqual({ s, insult: 0 });
    }
    for (const s of ["You can't even read.", 'Can you even read?']) {
      expect({ s, insult: score(s).insult >= 0.7 }).toEqual({ s, insult: true });
    }
  });

  it('scores threats, identity attacks and sexual content on their own labels', () => {
    expect(score("I'll kill you").threat).toBeGreaterThanOrEqual(0.85);
    expect(score('I know where you live.').threat).toBeGreaterThanOrEqual(0.8);
    expect(score('kys').threat).toBeGreaterThanOrEqual(0.8);
    expect(score('We may all drown in your empathy.').threat).toBe(0);
    expect(score('go back to your own country').identity_attack).toBeGreaterThanOrEqual(0.7);
    expect(score('you f@ggot').identity_attack).toBeGreaterThanOrEqual(0.8);
    expect(score('suck my dick').sexual_explicit).toBeGreaterThanOrEqual(0.7);
    const profane = score('fucking shit');
    expect(profane.obscene).toBeGreaterThanOrEqual(0.85);
    expect(profane.insult).toBe(0);
  });

  it('copes with emoji, other scripts and very long input', () => {
    expect(score('😡😡😡 🤬').insult).toBe(0);
    expect(score('Ты идиот, 你是个白痴').insult).toBe(0);
    const long = `${'bla '.repeat(2500)}you idiot`;
    expect(score(long).insult).toBeGreaterThan(0.9);
  });

  it("skips obscenity's matcher only when it would find nothing", () => {
    const matcher = new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });
    const stems = [
      'fuck',
      'shit',
      'ass',
      'bitch',
      'cunt',
      'dick',
      'nigger',
      'fag',
      'whore',
      'slut',
      'cock',
      'piss',
      'tit',
      'sex',
      'anal',
      'porn',
      'retard',
      'class',
      'assess',
      'title',
      'document',
    ];
    const noise = fc.constantFrom(
      'a',
      'e',
      'i',
      'o',
      'u',
      'x',
      'k',
      's',
      '@',
      '4',
      '3',
      '1',
      '!',
      '|',
      '0',
      '$',
      '5',
      '7',
      '(',
      '/',
      '*',
      '-',
      "'",
      'F',
      'U',
      'C',
      'K',
    );
    const word = fc
      .tuple(
        fc.constantFrom(...stems),
        fc.array(fc.tuple(fc.nat(8), noise), { maxLength: 4 }),
        fc.array(noise, { maxLength: 3 }),
        fc.array(noise, { maxLength: 3 }),
      )
      .map(([stem, edits, before, after]) => {
        const chars = [...stem];
        for (const [at, ch] of edits) chars[at % chars.length] = ch;
        return `${before.join('')}${chars.join('')}${after.join('')}`;
      });
    fc.assert(
      fc.property(word, (w) => mayBeProfane(w) || matcher.getAllMatches(w).length === 0),
      { numRuns: 3000 },
    );
  });

  it('reads multi-word qualities as one insulting adjective', () => {
    expect(score('you are mentally ill').insult).toBeGreaterThanOrEqual(0.8);
    expect(score("you're brain dead").insult).toBeGreaterThanOrEqual(0.9);
    expect(score('you are dumb as a rock').insult).toBeGreaterThanOrEqual(0.9);
    expect(score('the patient is mentally ill').insult).toBeLessThan(0.5);
  });

  it('judges a person, not a thing or a skill, with "horrible", "terrible", "bad"', () => {
    expect(score('you are a horrible person').insult).toBeGreaterThanOrEqual(0.8);
    expect(score("you're a terrible human being").insult).toBeGreaterThanOrEqual(0.8);
    expect(score('you are a sad little man').insult).toBeGreaterThanOrEqual(0.8);
    expect(score('you are a bad person').insult).toBeGreaterThanOrEqual(0.8);
    expect(score("you're terrible at chess").insult).toBeLessThan(0.7);
    expect(score('you had a horrible day').insult).toBeLessThan(0.5);
  });

  it('discounts insults that are denied or reported, not said', () => {
    expect(score("I think you're an idiot").insult).toBeGreaterThan(0.9);
    for (const s of [
      "I'm not saying you're an idiot",
      'I never said you were stupid',
      "I don't think you're stupid",
      'she said you were a moron',
    ]) {
      expect(score(s).insult, s).toBeLessThan(0.5);
    }
  });

  it('discounts the writer calling themself names', () => {
    expect(score("you're such an idiot").insult).toBeGreaterThan(0.9);
    for (const s of [
      "I'm an idiot",
      'I am such an idiot',
      'I feel like a complete moron',
      'call me stupid, but I like it',
    ]) {
      expect(score(s).insult, s).toBeLessThan(0.5);
    }
  });

  it('knows common dismissals and put-downs with no insult word', () => {
    expect(score('Nobody asked you.').insult).toBeGreaterThanOrEqual(0.75);
    expect(score('No one asked for your opinion.').insult).toBeGreaterThanOrEqual(0.75);
    expect(score('You need professional help.').insult).toBeGreaterThanOrEqual(0.75);
    expect(score('Go jump off a bridge.').insult).toBeGreaterThanOrEqual(0.8);
    expect(score("You don't have a clue.").insult).toBeGreaterThanOrEqual(0.7);
    expect(score('You lack basic intelligence.').insult).toBeGreaterThanOrEqual(0.75);
    expect(score('Are you drunk?').insult).toBeGreaterThanOrEqual(0.7);
    expect(score('You need help with the move.').insult).toBe(0);
  });

  it('knows more insult nouns, with their plurals', () => {
    for (const s of ['you douchenozzle', 'you dipsticks', 'you fuckups', 'you gasbag'])
      expect(score(s).insult, s).toBeGreaterThanOrEqual(0.9);
  });
});

describe('construction weights (a named table, not magic numbers)', () => {
  it('are shares of the insult word, ordered by how directly they judge the reader', () => {
    for (const share of Object.values(SHARE)) {
      expect(share).toBeGreaterThan(0);
      expect(share).toBeLessThanOrEqual(1);
    }
    const insult = (s: string) => analyseSentence(s).scores.insult;
    // The direct verdict is strongest, then the reader lumped in, then the exclamation that names no one.
    expect(insult('you are an idiot')).toBeGreaterThan(insult('idiots like you'));
    expect(insult('idiots like you')).toBeGreaterThan(insult('what an idiot'));
    expect(SHARE.likeYou).toBeGreaterThan(SHARE.exclamation);
  });
});
