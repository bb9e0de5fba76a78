import { Box, Text } from 'ink';
import { helpSections, type KeyBindings } from '../../keymap.js';
import { wrapSegments } from '../../state/body-lines.js';
import { styled, type Line } from '../../state/styled.js';
import { fit, truncate } from '../../state/text-width.js';
import { StyledLine } from '../styled-line/styled-line.js';

export interface HelpScreenProps {
  readonly width: number;
  readonly height: number;
  readonly colour: boolean;
  /** The bindings in force; the screen is generated from them. */
  readonly bindings?: KeyBindings;
  /** Warnings of the session in full (the footer only counts them). */
  readonly warnings?: readonly string[];
}

/** The warnings, wrapped, above the keys; at most half the screen. */
export function warningLines(warnings: readonly string[], width: number, height: number): Line[] {
  if (warnings.length === 0) return [];
  const lines: Line[] = [[styled('Warnings', 'bold'), styled(' (the toxicity model: threadmod model status)', 'dim')]];
  for (const warning of warnings) {
    for (const line of wrapSegments([styled(`⚠ ${warning}`, 'warn')], width).lines) lines.push(line);
  }
  const room = Math.max(2, Math.floor(height / 2));
  return lines.length <= room ? lines : [...lines.slice(0, room - 1), [styled('…', 'warn')]];
}

/** `?`: every command and its keys, straight from the key table, one column per section. */
export function HelpScreen({ width, height, colour, bindings, warnings = [] }: HelpScreenProps) {
  const sections = helpSections(bindings);
  const columnWidth = Math.floor(width / sections.length);
  const warned = warningLines(warnings, width, height);
  const keysHeight = height - warned.length;
  const room = Math.max(0, keysHeight - 1);
  // A section longer than the screen continues at the foot of the next column, after a blank line.
  const columns = sections.map((section) => ({ title: section.title, entries: [...section.entries] }));
  for (let i = 0; i < columns.length - 1; i++) {
    const overflow = columns[i]!.entries.splice(room);
    if (overflow.length > 0) columns[i + 1]!.entries.push({ keys: '', description: '' }, ...overflow);
  }
  return (
    <Box height={height} flexDirection="column">
      {warned.map((line, i) => (
        <StyledLine key={i} line={line} colour={colour} />
      ))}
      <Box height={keysHeight}>
        {columns.map((section, s) => {
          const colWidth = s === columns.length - 1 ? width - columnWidth * (columns.length - 1) : columnWidth;
          const keyWidth = Math.min(12, Math.max(...section.entries.map((e) => e.keys.length)) + 1);
          return (
            <Box key={section.title} flexDirection="column" width={colWidth}>
              <Text bold={colour} wrap="truncate-end">
                {truncate(section.title, colWidth - 1)}
              </Text>
              {section.entries.slice(0, room).map((entry, i) => (
                <Text key={`${i}:${entry.keys}`} wrap="truncate-end">
                  <Text color={colour ? 'cyan' : undefined}>{fit(entry.keys, keyWidth)}</Text>
                  {truncate(entry.description, Math.max(0, colWidth - keyWidth - 1))}
                </Text>
              ))}
            </Box>
          );
        })}
      </Box>
    </Box>
  );
}
