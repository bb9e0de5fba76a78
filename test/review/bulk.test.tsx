/**
 * Bulk removals: `R` removes a comment with all its replies, `D` every
 * comment of its author in the dump. The removal form is the confirmation
 * and names the count; the journal gets one decision per comment, sharing a
 * batch, and one `u` takes the whole removal back.
 */
import { describe, expect, it } from 'vitest';
import { readJournal } from '../../src/decisions/journal.js';
import { key, type Keystroke } from '../../src/review/keystroke.js';
import { initialState, reviewReducer } from '../../src/review/state/reducer.js';
import type { ReviewState } from '../../src/review/state/types.js';
import { blankComment, type Thread } from '../../src/thread/schema.js';
import { FLAGS, RULES, THREAD } from './support/fixture.js';
import { frame, linesOf, press, waitFor } from './support/press.js';
import { mountFixture } from './support/session.js';

const start = () => mountFixture();

describe('bulk removal in the review app', () => {
  it('R removes a comment and its replies as one batch; u and U take the batch whole', async () => {
    const { app, session } = await start();
    await press(app, 'j'); // @dave, whose comment has two replies (a moderator's and @erin's)
    await press(app, 'R');
    expect(linesOf(frame(app), /^Remove/, 1)).toBe("Remove @dave@lemmy.world's comment and its 2 replies (3 comments)");
    await press(app, 'enter');
    await waitFor(app, /removed @dave@lemmy\.world's comment and its 2 replies \(3 comments\) \(Rule 3\)/);
    // @erin's flagged reply is marked removed in the queue too.
    expect(frame(app)).toMatch(/✗ removed +Rule 1 +\.74 @erin/);
    const onDisk = [...(await readJournal(session.journalFile)).state.active.values()];
    expect(onDisk.map((d) => [d.commentId, d.action, d.ruleId, d.batch])).toEqual([
      ['L40', 'remove', 'personal-attack', 1],
      ['L60', 'remove', 'personal-attack', 1],
      ['L50', 'remove', 'personal-attack', 1],
    ]);
    // Each reply keeps its own evidence: @erin's flag, not @dave's sentence.
    expect(onDisk[2]!.evidence.map((e) => e.text)).toEqual(['What a stupid take, you clown.']);

    await press(app, 'u');
    await waitFor(app, /undone: remove of 3 comments/);
    expect((await readJournal(session.journalFile)).state.active.size).toBe(0);
    expect(frame(app)).not.toMatch(/✗ removed/);
    await press(app, 'U');
    await waitFor(app, /redone: remove of 3 comments/);
    expect((await readJournal(session.journalFile)).state.active.size).toBe(3);
  });

  it('R on a comment without replies says so and opens nothing', async () => {
    const { app } = await start();
    await press(app, 'j', 'j'); // @erin's reply has no replies
    await press(app, 'R');
    await waitFor(app, /no replies to remove with this comment \(r removes it alone\)/);
    expect(frame(app)).not.toMatch(/^Remove/m);
  });
});

// ---- the author's comments: a thread where @bob wrote twice ----------------------------------------

const bobAgain = {
  ...blankComment('L70', 'L10', ['L10', 'L70']),
  author: { name: 'bob', instance: 'lemmy.world' },
  body: 'And another thing.',
  line: 70,
};
const TWICE: Thread = { ...THREAD, comments: [...THREAD.comments.slice(0, 3), bobAgain, ...THREAD.comments.slice(3)] };

function ready(thread: Thread): ReviewState {
  let s = initialState({ thread, rules: RULES });
  s = reviewReducer(s, {
    type: 'journal-opened',
    scorer: { name: 'lexicon', backend: null, model: null },
    snapshot: { active: new Map(), undo: 0, redo: 0 },
  });
  return reviewReducer(s, { type: 'scan-done', flags: FLAGS, analyses: new Map() });
}

const keys = (state: ReviewState, ...strokes: Array<Keystroke | string>) =>
  strokes.reduce<ReviewState>(
    (s, k) => reviewReducer(s, { type: 'key', key: typeof k === 'string' ? key(k) : k }),
    state,
  );

describe('D: every comment of the author', () => {
  it('opens the removal form over all their comments and asks the journal for one batch', () => {
    const form = keys(ready(TWICE), 'D');
    expect(form.mode).toMatchObject({ kind: 'form', action: 'remove', scope: { kind: 'author', ids: ['L20', 'L70'] } });
    const sent = keys(form, key('', 'return'));
    const effect = sent.pending?.effect;
    expect(effect?.kind).toBe('decide-batch');
    if (effect?.kind !== 'decide-batch') return;
    expect(effect.label).toBe('all 2 comments by @bob@lemmy.world in this dump');
    expect(effect.inputs.map((i) => [i.commentId, i.action, i.ruleId])).toEqual([
      ['L20', 'remove', 'personal-attack'],
      ['L70', 'remove', 'personal-attack'],
    ]);
    expect(effect.inputs[1]!.reason).toBe(effect.inputs[0]!.reason);
  });

  it('refuses when the author has no other comment here, or there is no author at all', () => {
    expect(keys(ready(THREAD), 'D').notice?.text).toBe(
      'no other comment by this author left to remove here (r removes this one)',
    );
    const anonymous: Thread = { ...THREAD, comments: THREAD.comments.map((c) => ({ ...c, author: null })) };
    const refused = keys(ready(anonymous), 'D');
    expect(refused.mode.kind).toBe('browse');
    expect(refused.notice?.text).toMatch(/no author \(deleted, anonymous, or a page-text dump without author lines\)/);
  });

  it('leaves out comments this moderator already removed', () => {
    const removed = {
      commentId: 'L70',
      action: 'remove' as const,
      ruleId: 'personal-attack',
      reason: 'x',
      evidence: [],
      scores: null,
      seq: 1,
      decidedAt: '2024-01-01T00:00:00Z',
    };
    let s = initialState({ thread: TWICE, rules: RULES });
    s = reviewReducer(s, {
      type: 'journal-opened',
      scorer: { name: 'lexicon', backend: null, model: null },
      snapshot: { active: new Map([['L70', removed]]), undo: 1, redo: 0 },
    });
    s = reviewReducer(s, { type: 'scan-done', flags: FLAGS, analyses: new Map() });
    expect(keys(s, 'D').notice?.text).toMatch(/no other comment by this author left to remove/);
  });
});
