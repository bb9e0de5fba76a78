import { useInput, type Key } from 'ink';
import { useCallback, type Dispatch } from 'react';
import type { ReviewAction } from '../state/types.js';
import { toKeystrokes } from './keystrokes.js';

/**
 * The one place keys enter the review: every key goes to the reducer, which
 * interprets it by mode. A single owner means a key can never reach both the
 * queue and a text box that opened in the same frame.
 */
export function useReviewInput(dispatch: Dispatch<ReviewAction>, isActive: boolean): void {
  const onInput = useCallback(
    (input: string, key: Key) => {
      for (const stroke of toKeystrokes(input, key)) dispatch({ type: 'key', key: stroke });
    },
    [dispatch],
  );
  useInput(onInput, { isActive });
}
