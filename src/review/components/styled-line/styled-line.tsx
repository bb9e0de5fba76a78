import { Text } from 'ink';
import { memo } from 'react';
import type { Line } from '../../state/styled.js';
import { toneProps } from './tone-props.js';
import { visible } from '../../../text/visible.js';

export interface StyledLineProps {
  /** Segments already cut to the pane's width. */
  readonly line: Line;
  readonly colour: boolean;
  /** The selected row: inverse and bold over the whole line. */
  readonly selected?: boolean;
}

/**
 * One terminal row; never wraps, so a pane's height is its number of lines.
 * Segments hold comment text: `visible` shows its control characters instead of letting the terminal obey them.
 */
export const StyledLine = memo(function StyledLine({ line, colour, selected = false }: StyledLineProps) {
  if (line.length === 0) return <Text> </Text>;
  return (
    <Text wrap="truncate-end" inverse={colour && selected} bold={colour && selected}>
      {line.map((segment, i) => (
        <Text key={i} {...(selected ? {} : toneProps(segment.tone, colour))}>
          {visible(segment.text)}
        </Text>
      ))}
    </Text>
  );
});
