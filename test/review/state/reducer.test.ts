import { describe, expect, it } from 'vitest';
import type { Decision, DecisionInput } from '../../../src/decisions/schema.js';
import { key, type Keystroke } from '../../../src/review/keystroke.js';
import { initialState, reviewReducer } from '../../../src/review/state/reducer.js';
import { counts, selectedId, visibleRows } from '../../../src/review/state/selectors.js';
import type { DecisionsSnapshot, ReviewAction, ReviewState } from '../../../src/review/state/types.js';
import { FLAGS, RULES, THREAD } from '../support/fixture.js';
import { readFileSync } from 'node:fs';
import { flagThread } from '../../../src/flag/flagger.js';
import { createLexiconScorer } from '../../../src/flag/lexicon/index.js';
import { DEFAULT_RULES } from '../../../src/flag/rules.js';
import { parseDump } from '../../../src/parse/index.js';
import { SEED_THREAD } from '../../support/shared.js';

const enter = key('', 'return');
const esc = key('', 'escape');

/** A state with the journal open and every fixture flag found. */
function ready(active: ReadonlyMap<string, Decision> = new Map()): ReviewState {
  let s = initialState({ thread: THREAD, rules: RULES });
  s = reviewReducer(s, {
    type: 'journal-opened',
    scorer: { name: 'lexicon', backend: null, model: null },
    snapshot: { active, undo: active.size, redo: 0 },
  });
  return reviewReducer(s, { type: 'scan-done', flags: FLAGS, analyses: new Map() });
}

function keys(state: ReviewState, ...strokes: Array<Keystroke | string>): ReviewState {
  return strokes.reduce<ReviewState>(
    (s, k) => reviewReducer(s, { type: 'key', key: typeof k === 'string' ? key(k) : k }),
    state,
  );
}

/** Plays the journal's part: records the pending decision and answers the reducer. */
function settle(state: ReviewState): ReviewState {
  const pending = state.pending;
  if (!pending) throw new Error('nothing pending');
  const active = new Map(state.decisions.active);
  let undo = state.decisions.undo;
  if (pending.effect.kind === 'decide') {
    const input: DecisionInput = pending.effect.input;
    active.set(input.commentId, { ...input, seq: undo + 1, decidedAt: '2024-01-01T00:00:00Z' });
    undo++;
  }
  const snapshot: DecisionsSnapshot = { active, undo, redo: 0 };
  const action: ReviewAction = { type: 'effect-done', id: pending.id, result: { kind: 'decisions', snapshot } };
  return reviewReducer(state, action);
}

describe('review reducer', () => {
  it('orders the queue by severity and starts on the first undecided flag', () => {
    const s = ready();
    expect(visibleRows(s).map((r) => r.id)).toEqual(['L20', 'L40', 'L50']);
    expect(selectedId(s)).toBe('L20');
    const resumed = ready(
      new Map([
        [
          'L20',
          {
            commentId: 'L20',
            action: 'remove',
            ruleId: 'personal-attack',
            reason: 'x',
            evidence: [],
            scores: null,
            seq: 1,
            decidedAt: '2024-01-01T00:00:00Z',
          },
        ],
      ]),
    );
    expect(selectedId(resumed)).toBe('L40');
  });

  it('follows the most severe flag while scoring, until the moderator presses a key', () => {
    let s = initialState({ thread: THREAD, rules: RULES });
    s = reviewReducer(s, {
      type: 'journal-opened',
      scorer: { name: 'lexicon', backend: null, model: null },
      snapshot: { active: new Map(), undo: 0, redo: 0 },
    });
    s = reviewReducer(s, { type: 'flags-found', flags: [FLAGS[2]!] });
    expect(selectedId(s)).toBe('L50');
    s = reviewReducer(s, { type: 'flags-found', flags: [FLAGS[0]!] });
    expect(selectedId(s)).toBe('L40');
    // Any key pins the selection: a more severe flag arriving later does not move it.
    s = keys(s, '?', key('', 'escape'));
    s = reviewReducer(s, { type: 'flags-found', flags: [FLAGS[1]!] });
    expect(visibleRows(s)[0]!.id).toBe('L20');
    expect(selectedId(s)).toBe('L40');
  });

  it('moves with j/k and clamps at the ends', () => {
    const s = ready();
    expect(selectedId(keys(s, 'j'))).toBe('L40');
    expect(selectedId(keys(s, 'j', 'j', 'j', 'j'))).toBe('L50');
    expect(selectedId(keys(s, 'k'))).toBe('L20');
    expect(selectedId(keys(s, 'G'))).toBe('L50');
    expect(selectedId(keys(s, 'G', 'g'))).toBe('L20');
  });

  it('r opens a form with the drafted reason; Enter asks the journal, and only its answer marks the comment', () => {
    let s = keys(ready(), 'r');
    expect(s.mode).toMatchObject({ kind: 'form', action: 'remove', commentId: 'L20' });
    expect(s.mode.kind === 'form' && s.mode.text.value).toBe(
      'Removed under Rule 3 (No personal attacks): "You are an ignorant idiot."',
    );
    s = keys(s, enter);
    expect(s.pending?.effect).toMatchObject({ kind: 'decide', input: { action: 'remove', ruleId: 'personal-attack' } });
    expect(s.decisions.active.has('L20')).toBe(false);
    s = settle(s);
    expect(s.decisions.active.get('L20')?.action).toBe('remove');
    expect(selectedId(s)).toBe('L40');
    expect(counts(s)).toMatchObject({ flagged: 3, decided: 1, remove: 1, left: 2 });
  });

  it('replays keys typed while the journal writes, against the state after the write', () => {
    // r, Enter, then a: the a must approve the next flag, not the one being removed.
    let s = keys(ready(), 'r', enter, 'a');
    expect(s.typeahead).toHaveLength(1);
    s = settle(s);
    expect(s.pending?.effect).toMatchObject({ kind: 'decide', input: { commentId: 'L40', action: 'approve' } });
    s = settle(s);
    expect(selectedId(s)).toBe('L50');
  });

  it('in a text box q and j are letters, and the reason can be edited', () => {
    let s = keys(ready(), 'r', key('u', undefined, { ctrl: true }), 'q', 'j', key('', 'backspace'), { input: 'uit.' });
    expect(s.mode.kind === 'form' && s.mode.text.value).toBe('quit.');
    s = keys(s, esc);
    expect(s.mode.kind).toBe('browse');
    expect(s.pending).toBeNull();
  });

  it('changing the rule redrafts the reason until the moderator has typed in it', () => {
    let s = keys(ready(), 'r', key('', 'down'));
    expect(s.mode.kind === 'form' && s.mode.text.value).toBe(
      'Removed under Rule 1 (Be civil): "You are an ignorant idiot."',
    );
    s = keys(s, { input: '!' }, key('', 'down'));
    expect(s.mode.kind === 'form' && s.mode.text.value).toBe(
      'Removed under Rule 1 (Be civil): "You are an ignorant idiot."!',
    );
  });

  it('ban needs whole days or nothing', () => {
    let s = keys(ready(), 'b', key('', 'tab'), 'x');
    expect(s.mode.kind === 'form' && s.mode.error).toMatch(/digits only/);
    s = keys(s, '0', enter);
    expect(s.mode.kind === 'form' && s.mode.error).toMatch(/from 1 to/);
    s = keys(s, key('', 'backspace'), '7', enter);
    expect(s.pending?.effect).toMatchObject({ kind: 'decide', input: { action: 'ban', banDays: 7 } });
  });

  it('filters by author, rule or text; Esc in the box restores the previous filter', () => {
    let s = keys(ready(), '/', { input: 'erin' });
    expect(visibleRows(s).map((r) => r.id)).toEqual(['L50']);
    s = keys(s, enter);
    expect(s.filter).toBe('erin');
    s = keys(s, '/', key('u', undefined, { ctrl: true }), { input: 'civil' });
    expect(visibleRows(s).map((r) => r.id)).toEqual(['L50']);
    s = keys(s, esc);
    expect(s.filter).toBe('erin');
    s = keys(s, esc);
    expect(s.filter).toBe('');
    expect(visibleRows(keys(s, '/', { input: 'moron' })).map((r) => r.id)).toEqual(['L40']);
  });

  it('undo asks the journal and selects the comment it changed', () => {
    let s = settle(keys(ready(), 's'));
    expect(selectedId(s)).toBe('L40');
    s = keys(s, 'u');
    expect(s.pending?.effect.kind).toBe('undo');
    s = reviewReducer(s, {
      type: 'effect-done',
      id: s.pending!.id,
      result: { kind: 'decisions', snapshot: { active: new Map(), undo: 0, redo: 1 } },
    });
    expect(selectedId(s)).toBe('L20');
    expect(s.notice?.text).toMatch(/undone: skip of @bob@lemmy.world's comment/);
    expect(keys(s, 'u').notice?.text).toBe('nothing to undo');
  });

  it('a failed write keeps the comment undecided and gives the form back', () => {
    let s = keys(ready(), 'r', enter, 'j');
    s = reviewReducer(s, { type: 'effect-failed', id: s.pending!.id, message: 'disk full' });
    expect(s.decisions.active.size).toBe(0);
    expect(s.mode.kind).toBe('form');
    expect(s.notice).toMatchObject({ level: 'error' });
    expect(s.notice?.text).toMatch(/not saved: disk full \(1 key typed meanwhile ignored\)/);
  });

  it('the thread view reaches comments nobody flagged; approving one asks for a rule', () => {
    let s = keys(ready(), 't', 'g');
    expect(selectedId(s)).toBe('L10');
    s = keys(s, 'a');
    expect(s.mode).toMatchObject({ kind: 'form', action: 'approve', commentId: 'L10' });
    s = settle(keys(s, enter));
    expect(s.decisions.active.get('L10')).toMatchObject({ action: 'approve', ruleId: 'personal-attack' });
    expect(selectedId(s)).toBe('L20');
    expect(counts(s)).toMatchObject({ decided: 0, unflagged: 1 });
  });
});

describe('b on a page-text dump without author lines', () => {
  it('says that the page text has no author line for it, which is why there is nobody to ban', async () => {
    const file = SEED_THREAD();
    const thread = parseDump(readFileSync(file, 'utf8'), file).posts[0]!;
    // The seed's only author line is the moderator's, whose comment is never flagged.
    const { flags, analyses } = await flagThread(thread, createLexiconScorer(), { rules: DEFAULT_RULES });
    let s = initialState({ thread, rules: DEFAULT_RULES.rules });
    s = reviewReducer(s, {
      type: 'journal-opened',
      scorer: { name: 'lexicon', backend: null, model: null },
      snapshot: { active: new Map(), undo: 0, redo: 0 },
    });
    s = reviewReducer(s, { type: 'scan-done', flags, analyses });
    s = keys(s, 'b');
    expect(s.mode.kind).toBe('browse');
    expect(s.notice).toEqual({
      level: 'warn',
      text: 'no author to ban: the page text has no author line for this comment (fetch the thread as JSON, or copy the page with them)',
    });
  });
});
