import { useRef } from 'react';
import { scrollWindow } from '../../state/layout.js';

/**
 * The first visible row of a list `height` rows tall. Remembers where the
 * window was, so moving inside it does not scroll (as in a mail client).
 */
export function useListWindow(selected: number, height: number, total: number): number {
  const start = useRef(0);
  start.current = scrollWindow(start.current, selected, height, total);
  return start.current;
}
