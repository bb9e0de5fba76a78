/** How each decision is shown in the queue, the thread view and notices: from the action table. */
import { ACTIONS } from '../../decisions/actions.js';
import type { Action } from '../../decisions/schema.js';
import { styled, type Styled } from './styled.js';

/** The action's mark (and, with `label`, its past tense) in the action's tone. */
export function actionMark(action: Action, text: (symbol: string, past: string) => string): Styled {
  const spec = ACTIONS[action];
  return styled(text(spec.mark, spec.pastTense), spec.tone);
}

/** `, 3 days` style suffix for actions that last (a ban): days, or permanent. */
export function durationText(action: Action, banDays: number | null | undefined, short: boolean): string {
  if (!ACTIONS[action].form?.days) return '';
  if (short) return ` ${banDays ? `${banDays}d` : 'permanent'}`;
  return banDays ? ` for ${banDays} days` : ' permanently';
}

/** Marks a comment the flagger flagged but nobody has decided on yet (thread view). */
export const FLAG_MARK = '⚑';
