/**
 * Comment and post bodies of page text: trimmed lines gathered into
 * paragraphs, and the post split into title and body.
 */
import { emptyPost } from '../thread/blank.js';
import type { Post } from '../thread/schema.js';

/** A first line longer than this is a paragraph, not a headline. */
const MAX_TITLE_LENGTH = 200;

/**
 * Collects trimmed lines into paragraphs: lines of a paragraph joined with
 * "\n", paragraphs with "\n\n". Comments are read one after another, so one
 * builder serves them all.
 */
export class BodyBuilder {
  // Most paragraphs are one line and most bodies one or two paragraphs, so
  // arrays are made only for a second line or paragraph.
  private line: string | null = null;
  private lines: string[] | null = null;
  private paragraph: string | null = null;
  private paragraphs: string[] | null = null;

  addLine(line: string): void {
    if (this.line === null) this.line = line;
    else if (this.lines === null) this.lines = [this.line, line];
    else this.lines.push(line);
  }

  addBlank(): void {
    if (this.line === null) return;
    const paragraph = this.lines === null ? this.line : this.lines.join('\n');
    this.line = null;
    this.lines = null;
    if (this.paragraph === null) this.paragraph = paragraph;
    else if (this.paragraphs === null) this.paragraphs = [this.paragraph, paragraph];
    else this.paragraphs.push(paragraph);
  }

  /** The text so far; the builder starts over empty. */
  take(): string {
    this.addBlank();
    const text = this.paragraphs !== null ? this.paragraphs.join('\n\n') : (this.paragraph ?? '');
    this.paragraph = null;
    this.paragraphs = null;
    return text;
  }
}

/**
 * Title: the first line when it reads like a headline (short, no final
 * period, a blank line after it). The rest is the body, by paragraph.
 */
export function buildPost(lines: readonly string[]): Post {
  let first = 0;
  while (first < lines.length && lines[first] === '') first++;
  let title: string | null = null;
  let from = first;
  const candidate = lines[first];
  if (
    candidate !== undefined &&
    candidate.length <= MAX_TITLE_LENGTH &&
    !candidate.endsWith('.') &&
    lines[first + 1] === ''
  ) {
    title = candidate;
    from = first + 1;
  }
  const body = new BodyBuilder();
  for (let i = from; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') body.addBlank();
    else body.addLine(line);
  }
  return { ...emptyPost(), title, body: body.take() };
}
