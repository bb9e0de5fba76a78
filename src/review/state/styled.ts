/**
 * Text with a tone, the unit every pane is laid out in. Tones are semantic;
 * the view maps them to Ink styles (inverse, dim, colours), so layout stays
 * testable without a terminal and colourless mode only swaps the mapping.
 */
import { textWidth, truncate } from './text-width.js';

export type Tone =
  | 'plain'
  | 'dim'
  | 'bold'
  /** An evidence sentence: what the flag is about. */
  | 'evidence'
  /** A matched term inside evidence. */
  | 'term'
  /** Someone else's words (block quotes, quotations, repeated ancestors). */
  | 'quoted'
  | 'accent'
  | 'good'
  | 'warn'
  | 'error';

export interface Styled {
  readonly text: string;
  readonly tone: Tone;
}

export type Line = readonly Styled[];

export function styled(text: string, tone: Tone = 'plain'): Styled {
  return { text, tone };
}

export function lineText(line: Line): string {
  return line.map((s) => s.text).join('');
}

/** Cuts a line of segments to `width` columns. */
export function fitLine(parts: readonly Styled[], width: number): Line {
  const out: Styled[] = [];
  let left = width;
  for (const part of parts) {
    if (left <= 0) break;
    const text = truncate(part.text, left);
    out.push({ text, tone: part.tone });
    left -= textWidth(text);
  }
  return out;
}
