import { Box } from 'ink';
import { useEffect, useMemo } from 'react';
import { helpSections, type KeyBindings } from '../../keymap.js';
import { helpLines } from '../../state/help-lines.js';
import { StyledLine } from '../styled-line/styled-line.js';
import { useWidth } from '../../theme/theme.js';

export interface HelpScreenProps {
  readonly height: number;
  /** The bindings in force; the screen is generated from them. */
  readonly bindings?: KeyBindings;
  /** Warnings of the session in full (the footer only counts them). */
  readonly warnings?: readonly string[];
  /** Rows scrolled down (j/k, J/K). */
  readonly offset?: number;
  /** Told how far the screen can scroll, after each layout. */
  readonly onExtent?: (max: number) => void;
}

/** `?`: the warnings, then every command and its keys, straight from the key table; scrolls when taller than the screen. */
export function HelpScreen({ height, bindings, warnings = [], offset = 0, onExtent }: HelpScreenProps) {
  const width = useWidth();
  const lines = useMemo(
    () => helpLines(helpSections(bindings), warnings, width, height),
    [bindings, warnings, width, height],
  );
  const max = Math.max(0, lines.length - height);
  useEffect(() => onExtent?.(max), [max, onExtent]);
  const start = Math.min(max, Math.max(0, offset));
  return (
    <Box height={height} flexDirection="column">
      {lines.slice(start, start + height).map((line, i) => (
        <StyledLine key={start + i} line={line} />
      ))}
    </Box>
  );
}
