/**
 * Line scanning for page text: each line's indentation column and the span
 * of its trimmed content, walked in place. A 200,000-comment dump has over a
 * million lines; splitting them into an array would copy the text once more
 * and make a string per line, where only non-blank lines need one.
 */
import { isWhiteSpace } from '../text/white-space.js';

/**
 * Tabs in indentation advance to the next multiple of 8 columns, as `expand`,
 * terminals and browsers' plain-text copies do. A tab is never 4 columns here:
 * Lemmy indents by 2, and 8-column stops are what tools that turn leading
 * spaces into tabs (`unexpand`, editors on default settings) assume.
 */
const TAB_STOP = 8;

/** Walks the lines of a text; after each `next()`, the fields describe the line. */
export class LineScanner {
  /** 1-based line number. */
  lineNo = 0;
  /** Indentation in columns (spaces and no-break spaces count 1, tabs go to the next stop). */
  column = 0;
  /** The trimmed content is `source.slice(start, end)`; empty for a blank line. */
  start = 0;
  end = 0;
  private readonly source: string;
  private pos: number;

  constructor(text: string) {
    this.source = normalizeBreaks(text);
    this.pos = this.source.charCodeAt(0) === 0xfeff ? 1 : 0;
  }

  /** Moves to the next line; false after the last. */
  next(): boolean {
    const source = this.source;
    const length = source.length;
    const pos = this.pos;
    if (pos > length) return false;
    let next = source.indexOf('\n', pos);
    if (next === -1) next = length;
    let column = 0;
    let start = pos;
    for (; start < next; start++) {
      const c = source.charCodeAt(start);
      if (c === 0x20 || c === 0xa0) column++;
      else if (c === 0x09) column += TAB_STOP - (column % TAB_STOP);
      else break;
    }
    let end = next;
    while (end > start && isWhiteSpace(source.charCodeAt(end - 1))) end--;
    this.pos = next + 1;
    this.lineNo++;
    this.column = column;
    this.start = start;
    this.end = end;
    return true;
  }

  /** The current line's trimmed content. */
  content(): string {
    return this.source.slice(this.start, this.end);
  }
}

/** Line breaks become `\n`; only old Mac files (lone CR) need a copy for that. */
function normalizeBreaks(text: string): string {
  const cr = text.indexOf('\r');
  if (cr === -1 || !/\r(?!\n)/.test(text)) return text;
  return text.replace(/\r\n?/g, '\n');
}
