import { Text } from 'ink';
import { memo } from 'react';
import type { Line } from '../../state/styled.js';
import { useTheme } from '../../theme/theme.js';
import { visible } from '../../../text/visible.js';

export interface StyledLineProps {
  /** Segments already cut to the pane's width. */
  readonly line: Line;
  /** The selected row: the theme's selection style over the whole line. */
  readonly selected?: boolean;
}

/**
 * One terminal row; never wraps, so a pane's height is its number of lines.
 * Tones become styles through the theme (none without colour).
 * Segments hold comment text: `visible` shows its control characters instead of letting the terminal obey them.
 */
export const StyledLine = memo(function StyledLine({ line, selected = false }: StyledLineProps) {
  const theme = useTheme();
  if (line.length === 0) return <Text> </Text>;
  return (
    <Text wrap="truncate-end" {...(selected ? theme.selected : {})}>
      {line.map((segment, i) => (
        <Text key={i} {...(selected ? {} : theme.tone(segment.tone))}>
          {visible(segment.text)}
        </Text>
      ))}
    </Text>
  );
});
