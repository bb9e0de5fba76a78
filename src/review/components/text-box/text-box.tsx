import { Box, Text } from 'ink';
import { splitAtCursor, type TextField } from '../../state/text-field.js';
import { charWidth } from '../../state/text-width.js';

export interface TextBoxProps {
  readonly field: TextField;
  /** Shown before the text, e.g. `reason: `. */
  readonly label: string;
  readonly width: number;
  /** Most rows the text may take; the rows around the cursor are shown. */
  readonly maxRows: number;
  /** Whether typing goes here (draws the cursor). */
  readonly focused: boolean;
  readonly colour: boolean;
  readonly placeholder?: string;
}

type Kind = 'label' | 'text' | 'cursor' | 'placeholder';
interface Run {
  text: string;
  kind: Kind;
}

/**
 * A text box drawn from a `TextField` value; keys are handled by the session
 * reducer, never here. The cursor is an inverse cell, or `▏` without colour.
 * Long text wraps by character and the rows around the cursor stay in view.
 */
export function TextBox({ field, label, width, maxRows, focused, colour, placeholder }: TextBoxProps) {
  const { before, at, after } = splitAtCursor(field);
  const pieces: Array<[string, Kind]> = [[label, 'label'], [before, 'text']];
  if (focused) pieces.push([colour ? at || ' ' : `▏${at}`, 'cursor']);
  else pieces.push([at, 'text']);
  pieces.push([after, 'text']);
  if (field.value === '' && placeholder) pieces.push([placeholder, 'placeholder']);

  const rows: Run[][] = [[]];
  let col = 0;
  let cursorRow = 0;
  for (const [text, kind] of pieces) {
    // The cursor cell (and its ▏ marker) never splits across rows.
    const units = kind === 'cursor' ? [text] : [...text];
    for (const unit of units) {
      const w = [...unit].reduce((n, ch) => n + charWidth(ch), 0);
      if (col + w > width && col > 0) {
        rows.push([]);
        col = 0;
      }
      const row = rows[rows.length - 1]!;
      const last = row[row.length - 1];
      if (last && last.kind === kind && kind !== 'cursor') last.text += unit;
      else row.push({ text: unit, kind });
      col += w;
      if (kind === 'cursor') cursorRow = rows.length - 1;
    }
  }
  const first = Math.max(0, Math.min(cursorRow - maxRows + 1, rows.length - maxRows));
  return (
    <Box flexDirection="column">
      {rows.slice(first, first + maxRows).map((row, r) => (
        <Text key={first + r} wrap="truncate-end">
          {row.length === 0 ? ' ' : row.map((run, i) => (
            <Text
              key={i}
              inverse={colour && run.kind === 'cursor'}
              bold={colour && run.kind === 'label'}
              dimColor={colour && (run.kind === 'placeholder' || (!focused && run.kind === 'text'))}
            >
              {run.text}
            </Text>
          ))}
        </Text>
      ))}
    </Box>
  );
}
