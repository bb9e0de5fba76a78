import { Box, Text } from 'ink';
import { helpSections, type KeyBindings } from '../../keymap.js';
import { fit, truncate } from '../../state/text-width.js';

export interface HelpScreenProps {
  readonly width: number;
  readonly height: number;
  readonly colour: boolean;
  /** The bindings in force; the screen is generated from them. */
  readonly bindings?: KeyBindings;
}

/** `?`: every command and its keys, straight from the key table, one column per section. */
export function HelpScreen({ width, height, colour, bindings }: HelpScreenProps) {
  const sections = helpSections(bindings);
  const columnWidth = Math.floor(width / sections.length);
  const room = Math.max(0, height - 1);
  // A section longer than the screen continues at the foot of the next column, after a blank line.
  const columns = sections.map((section) => ({ title: section.title, entries: [...section.entries] }));
  for (let i = 0; i < columns.length - 1; i++) {
    const overflow = columns[i]!.entries.splice(room);
    if (overflow.length > 0) columns[i + 1]!.entries.push({ keys: '', description: '' }, ...overflow);
  }
  return (
    <Box height={height}>
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
  );
}
