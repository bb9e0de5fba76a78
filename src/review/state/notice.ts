/** The one line the footer shows after a key or an effect. */
import type { ReviewState } from './types.js';

export function info(state: ReviewState, text: string, level: 'info' | 'warn' | 'error' = 'info'): ReviewState {
  return { ...state, notice: { level, text } };
}

export function notReady(state: ReviewState): ReviewState {
  return info(state, 'still starting: decisions can be made once the journal is open', 'warn');
}
