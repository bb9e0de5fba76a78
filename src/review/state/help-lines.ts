/**
 * The `?` screen as lines: the session's warnings in full, then every key from
 * the key table in two columns (a section too long for its column continues
 * at the foot of the next). Taller than the screen, it scrolls.
 */
import type { HelpSection } from '../keymap.js';
import { wrapSegments } from './body-lines.js';
import { fitLine, styled, type Line, type Styled } from './styled.js';
import { fit, textWidth } from './text-width.js';

/** The warnings, wrapped to the screen, under a title that says where the model's state is told. */
export function warningLines(warnings: readonly string[], width: number): Line[] {
  if (warnings.length === 0) return [];
  const lines: Line[] = [[styled('Warnings', 'bold'), styled(' (the toxicity model: threadmod model status)', 'dim')]];
  for (const warning of warnings) lines.push(...wrapSegments([styled(`⚠ ${warning}`, 'warn')], width).lines);
  return lines;
}

/**
 * Rows of key entries per column: as many as the screen has below the
 * warnings, but never fewer than the two columns need to hold every entry.
 */
function columnRows(sections: readonly HelpSection[], room: number): number {
  const total = sections.reduce((n, s) => n + s.entries.length, 0);
  let rows = Math.max(1, room);
  const fits = (r: number) => {
    let carried = 0;
    for (const [i, s] of sections.entries()) {
      const need = s.entries.length + carried + (carried > 0 ? 1 : 0);
      if (i === sections.length - 1) return need <= r;
      carried = Math.max(0, need - r);
    }
    return true;
  };
  while (!fits(rows) && rows < total + sections.length) rows++;
  return rows;
}

export function helpLines(
  sections: readonly HelpSection[],
  warnings: readonly string[],
  width: number,
  height: number,
): Line[] {
  const warned = warningLines(warnings, width);
  const rows = columnRows(sections, height - warned.length - 1);
  const columns = sections.map((section) => ({ title: section.title, entries: [...section.entries] }));
  for (let i = 0; i < columns.length - 1; i++) {
    const overflow = columns[i]!.entries.splice(rows);
    if (overflow.length > 0) columns[i + 1]!.entries.push({ keys: '', description: '' }, ...overflow);
  }
  const columnWidth = Math.floor(width / columns.length);
  const cells = columns.map((column, c) => {
    const colWidth = c === columns.length - 1 ? width - columnWidth * (columns.length - 1) : columnWidth;
    const keyWidth = Math.min(12, Math.max(...column.entries.map((e) => textWidth(e.keys))) + 1);
    const cell = (parts: Styled[]) => {
      const fitted = fitLine(parts, colWidth - (c === columns.length - 1 ? 0 : 1));
      const used = fitted.reduce((n, s) => n + textWidth(s.text), 0);
      return [...fitted, styled(' '.repeat(Math.max(0, colWidth - used)))];
    };
    return {
      blank: cell([]),
      rows: [
        cell([styled(column.title, 'bold')]),
        ...column.entries.map((e) => cell([styled(fit(e.keys, keyWidth), 'accent'), styled(e.description)])),
      ],
    };
  });
  const keyRows: Line[] = [];
  for (let r = 0; r <= rows; r++) keyRows.push(cells.flatMap((column) => column.rows[r] ?? column.blank));
  return [...warned, ...keyRows];
}
