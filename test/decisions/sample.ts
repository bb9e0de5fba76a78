/** Sample journal options and decisions, usable outside vitest (the SIGKILL child process imports them). */
import type { JournalOpenOptions } from '../../src/decisions/journal.js';
import type { Action, DecisionInput } from '../../src/decisions/schema.js';
import type { DecisionState } from '../../src/decisions/state.js';
import { zeroScores } from '../../src/flag/labels.js';

export const SHA_A = 'a'.repeat(64);
export const SHA_B = 'b'.repeat(64);

/** A clock that ticks one second per call, so entries get distinct, predictable times. */
export function tickingClock(start = Date.UTC(2024, 0, 15, 12, 0, 0)): () => Date {
  let t = start;
  return () => new Date((t += 1000));
}

export function journalOptions(file: string, overrides: Partial<JournalOpenOptions> = {}): JournalOpenOptions {
  return {
    path: file,
    dump: { file: 'thread.txt', sha256: SHA_A, format: 'lemmy-text' },
    moderator: 'jordanlund',
    scorer: { name: 'lexicon', backend: null, model: null },
    rules: { file: null, ids: ['rule-3'] },
    now: tickingClock(),
    ...overrides,
  };
}

export function decision(commentId: string, action: Action, extra: Partial<DecisionInput> = {}): DecisionInput {
  const scores = zeroScores();
  scores.insult = 0.9;
  return {
    commentId,
    action,
    ruleId: action === 'remove' || action === 'ban' || action === 'warn' ? 'rule-3' : null,
    reason: action === 'approve' || action === 'skip' ? '' : `"Fuck off libtard" Rule 3.`,
    evidence: [],
    scores,
    ...(action === 'ban' ? { banDays: 7 } : {}),
    ...(action === 'warn' ? { message: 'Please keep it civil.' } : {}),
    ...extra,
  };
}

/** A state as plain data, for deep equality that shows a readable diff. */
export function plain(state: DecisionState) {
  return {
    active: [...state.active.entries()].sort(([a], [b]) => a.localeCompare(b)),
    undoStack: state.undoStack,
    redoStack: state.redoStack,
    history: state.history,
    lastSeq: state.lastSeq,
  };
}
