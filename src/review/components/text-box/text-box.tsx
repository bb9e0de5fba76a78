import { Box, Text } from 'ink';
import { splitAtCursor, type TextField } from '../../state/text-field.js';
import { charWidth } from '../../state/text-width.js';
import { visible } from '../../../text/visible.js';
import { useTheme, useWidth } from '../../theme/theme.js';

export interface TextBoxProps {
  readonly field: TextField;
  /** Shown before the text, e.g. `reason: `. */
  readonly label: string;
  /** Columns to wrap at; the screen's width unless given. */
  readonly width?: number;
  /** Most rows the text may take; the rows around the cursor are shown. */
  readonly maxRows: number;
  /** Whether typing goes here (draws the cursor). */
  readonly focused: boolean;
  readonly placeholder?: string;
}

type Kind = 'label' | 'text' | 'cursor' | 'placeholder';
interface Run {
  text: string;
  kind: Kind;
}

/**
 * A text box drawn from a `TextField` value; keys are handled by the session
 * reducer, never here. The cursor is the theme's: an inverse cell, or `▏` without colour.
 * Long text wraps by character and the rows around the cursor stay in view.
 */
export function TextBox({ field, label, width: given, maxRows, focused, placeholder }: TextBoxProps) {
  const theme = useTheme();
  const screen = useWidth();
  const width = given ?? screen;
  const { before, at, after } = splitAtCursor(field);
  const pieces: Array<[string, Kind]> = [
    [label, 'label'],
    [before, 'text'],
  ];
  if (focused) pieces.push([theme.cursor.marker ? `${theme.cursor.marker}${at}` : at || ' ', 'cursor']);
  else pieces.push([at, 'text']);
  pieces.push([after, 'text']);
  if (field.value === '' && placeholder) pieces.push([placeholder, 'placeholder']);

  const cells: Array<{ text: string; kind: Kind; width: number }> = [];
  for (const [text, kind] of pieces) {
    // The cursor (with its ▏ marker) is one cell that never splits.
    for (const unit of kind === 'cursor' ? [text] : [...text]) {
      cells.push({ text: unit, kind, width: [...unit].reduce((n, ch) => n + charWidth(ch), 0) });
    }
  }
  // Word wrap: break after the last space that fits, else mid-word.
  const rows: Run[][] = [];
  let cursorRow = 0;
  let start = 0;
  while (start < cells.length || rows.length === 0) {
    let end = start;
    let used = 0;
    let lastSpace = -1;
    while (end < cells.length && (used + cells[end]!.width <= width || end === start)) {
      if (cells[end]!.text === ' ' && cells[end]!.kind !== 'cursor') lastSpace = end;
      used += cells[end]!.width;
      end++;
    }
    if (end < cells.length && lastSpace > start) end = lastSpace + 1;
    const row: Run[] = [];
    for (const cell of cells.slice(start, end)) {
      const last = row[row.length - 1];
      if (last && last.kind === cell.kind && cell.kind !== 'cursor') last.text += cell.text;
      else row.push({ text: cell.text, kind: cell.kind });
      if (cell.kind === 'cursor') cursorRow = rows.length;
    }
    rows.push(row);
    if (end === start) break;
    start = end;
  }
  const runProps = (kind: Kind) =>
    kind === 'cursor'
      ? theme.cursor.props
      : kind === 'label'
        ? theme.label
        : kind === 'placeholder'
          ? theme.placeholder
          : focused
            ? {}
            : theme.unfocused;
  const first = Math.max(0, Math.min(cursorRow - maxRows + 1, rows.length - maxRows));
  return (
    <Box flexDirection="column">
      {rows.slice(first, first + maxRows).map((row, r) => (
        <Text key={first + r} wrap="truncate-end">
          {row.length === 0
            ? ' '
            : row.map((run, i) => (
                <Text key={i} {...runProps(run.kind)}>
                  {visible(run.text)}
                </Text>
              ))}
        </Text>
      ))}
    </Box>
  );
}
