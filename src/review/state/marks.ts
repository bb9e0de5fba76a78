/** How each decision is shown in the queue, the thread view and notices. */
import type { Action } from '../../decisions/schema.js';

export const ACTION_MARKS: Readonly<Record<Action, { readonly symbol: string; readonly past: string }>> = {
  remove: { symbol: '✗', past: 'removed' },
  approve: { symbol: '✓', past: 'approved' },
  warn: { symbol: '!', past: 'warned' },
  ban: { symbol: '⊘', past: 'banned' },
  skip: { symbol: '»', past: 'skipped' },
};

/** Marks a comment the flagger flagged but nobody has decided on yet (thread view). */
export const FLAG_MARK = '⚑';
