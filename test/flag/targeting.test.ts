import { describe, expect, it } from 'vitest';
import { analyseSentence } from '../../src/flag/lexicon/index.js';
import { describeTarget } from '../../src/flag/describe-target.js';
import { PROXIMITY_WINDOW, aimsAtParticipant, findTarget } from '../../src/flag/targeting.js';

/** Target with the lexicon's insult terms as evidence, as the flagger calls it. */
function aimed(sentence: string, ctx: { parentAuthor?: string | null; participants?: string[] } = {}) {
  const terms = analyseSentence(sentence).terms.filter(
    (t) => t.label === 'insult' || t.label === 'threat' || t.label === 'identity_attack',
  );
  return findTarget(sentence, { ...ctx, terms });
}

describe('findTarget', () => {
  it('finds direct address in "you ignorant idiot"', () => {
    expect(aimed('you ignorant idiot')).toEqual({ kind: 'second-person', name: null, cue: 'you' });
  });

  it('finds no participant in "my idiot bosses"', () => {
    expect(aimed('This is the same excuse I hear from my idiot bosses.')).toBeNull();
    expect(findTarget('my idiot bosses')).toBeNull();
  });

  it('names the parent author for second person when known', () => {
    expect(aimed("you're an idiot", { parentAuthor: 'bob' })).toEqual({
      kind: 'second-person',
      name: 'bob',
      cue: "you're",
    });
  });

  it('needs the insult near "you", not anywhere in the sentence', () => {
    const far = 'If you believe that democracy is a valid method for choosing leaders then the idiots in congress win.';
    expect(aimed(far)).toBeNull();
    // The same words with the insult next to the pronoun are aimed.
    expect(aimed('If you believe that, you idiot, then nothing will help.')).not.toBeNull();
    expect(PROXIMITY_WINDOW).toBeGreaterThanOrEqual(2);
  });

  it('treats a comma as a clause boundary when measuring nearness', () => {
    expect(aimed('as far as your earlier post, misery fools did start talking trash')).toBeNull();
  });

  it('finds imperatives aimed at the reader', () => {
    expect(aimed('Shut up.')).toMatchObject({ kind: 'imperative', cue: 'Shut up' });
    expect(aimed('Just grow up')).toMatchObject({ kind: 'imperative', cue: 'grow up' });
    expect(aimed('Kids grow up so fast')).toBeNull();
  });

  it('finds insults used as a form of address', () => {
    expect(aimed('Read the article again, moron.')).toMatchObject({ kind: 'vocative', cue: 'moron' });
    expect(aimed('Idiot!')).toMatchObject({ kind: 'vocative', cue: 'Idiot' });
    expect(aimed('learn to spell idiot')).not.toBeNull();
    expect(aimed('He is an idiot.')).toBeNull();
    expect(aimed('The people who voted for him are idiots.')).toBeNull();
  });

  it('finds @mentions and participants named in the text', () => {
    expect(aimed('@bob@lemmy.world is a moron')).toEqual({ kind: 'mention', name: 'bob', cue: '@bob@lemmy.world' });
    expect(aimed('Alice is a moron', { parentAuthor: 'alice', participants: ['alice', 'carol'] })).toEqual({
      kind: 'parent-author',
      name: 'alice',
      cue: 'Alice',
    });
    expect(aimed('carol is a moron', { parentAuthor: 'alice', participants: ['alice', 'carol'] })).toEqual({
      kind: 'mention',
      name: 'carol',
      cue: 'carol',
    });
    expect(aimed('Bob is a moron', { participants: ['alice'] })).toBeNull();
  });

  it('does not read "U.S." as "you"', () => {
    expect(aimed('U.S. politicians are idiots')).toBeNull();
  });

  it('without terms (a model that cannot say which words), skips generic "you"', () => {
    expect(findTarget('If you ask me, this policy is idiotic.')).toBeNull();
    expect(findTarget('You know, the whole thing is idiotic.')).toBeNull();
    expect(findTarget('You are wrong and you know it.')).toMatchObject({ kind: 'second-person', cue: 'You' });
    expect(findTarget('Go away.')).toMatchObject({ kind: 'imperative' });
  });

  it('copes with empty, emoji-only and non-English sentences', () => {
    expect(findTarget('')).toBeNull();
    expect(findTarget('😡😡😡')).toBeNull();
    expect(findTarget('Ты идиот')).toBeNull();
  });

  it('does not read the filler "you know" as addressing anyone', () => {
    expect(aimed('The senator is an idiot, you know.')).toBeNull();
    expect(aimed('Bush is a moron and you know it.')).toBeNull();
    expect(aimed('You know, the mayor is a clown.')).toBeNull();
    expect(aimed("You know you're an idiot.")?.kind).toBe('second-person');
    expect(aimed('You know nothing, moron.')?.kind).toBe('second-person');
  });

  it('aims dismissals at the reader', () => {
    expect(aimed('Nobody asked you.')?.kind).toBe('second-person');
    expect(aimed('Go jump off a bridge.')?.kind).toBe('imperative');
  });
});

describe('whom an attack is aimed at, in words', () => {
  it('aims "Fuck off libtard" at the parent comment\'s author, not at the insult word', () => {
    const onPageText = aimed('Fuck off libtard');
    expect(onPageText).toEqual({ kind: 'vocative', name: null, cue: 'libtard' });
    expect(describeTarget(onPageText)).toBe('parent comment\'s author, called "libtard"');
    const withAuthors = aimed('Fuck off libtard', { parentAuthor: 'bob' });
    expect(describeTarget(withAuthors)).toBe('@bob, parent comment\'s author, called "libtard"');
    expect(describeTarget(withAuthors, { repliesToPost: true })).toBe('@bob, post\'s author, called "libtard"');
  });

  it('reads "your opponent" as a third party, and "your tantrum" as the reader', () => {
    expect(aimed('being as much of a piece of shit as your opponent')).toEqual({
      kind: 'third-party',
      name: null,
      cue: 'your opponent',
    });
    expect(aimsAtParticipant(aimed('being as much of a piece of shit as your opponent'))).toBe(false);
    expect(describeTarget(aimed('My point stands: your idiot friends are morons.'))).toBe(
      'third party: your idiot friends',
    );
    // The reader, named right next to the insult, wins over the third party further on.
    expect(aimsAtParticipant(aimed('You idiot, your opponent will win'))).toBe(true);
    const tantrum = aimed('Your tantrum is as naive as it is immature.', { parentAuthor: 'carol' });
    expect(aimsAtParticipant(tantrum)).toBe(true);
    expect(describeTarget(tantrum)).toBe('@carol, parent comment\'s author (cue: "Your")');
  });

  it('does not let a term that is only "you" (a model reacting to the pronoun) anchor the aim', () => {
    const sentence = 'The idiots in congress will win this year no matter what you do.';
    const at = sentence.indexOf('you');
    const youTerm = { term: 'model:you', text: 'you', start: at, end: at + 3, label: 'insult' as const, weight: 0.4 };
    const insults = analyseSentence(sentence).terms.filter((t) => t.label === 'insult');
    expect(insults.length).toBeGreaterThan(0);
    expect(findTarget(sentence, { terms: [...insults, youTerm] })).toBeNull();
  });

  it('describes every kind in plain words', () => {
    expect(describeTarget(null)).toBe('no one in particular');
    expect(describeTarget(aimed('you ignorant idiot'))).toBe('parent comment\'s author (cue: "you")');
    expect(describeTarget(aimed('Shut up.'))).toBe('parent comment\'s author (cue: "Shut up")');
    expect(describeTarget(aimed('@bob@lemmy.world is a moron'))).toBe('@bob (mentioned as "@bob@lemmy.world")');
    expect(describeTarget(aimed('carol is a moron', { parentAuthor: 'alice', participants: ['alice', 'carol'] }))).toBe(
      '@carol (named in the text)',
    );
    expect(describeTarget(aimed('Alice is a moron', { parentAuthor: 'alice', participants: ['alice'] }))).toBe(
      "@alice, parent comment's author (named in the text)",
    );
  });
});
