/**
 * Comment and post bodies of page text: trimmed lines gathered into
 * paragraphs, and the post split into title and body.
 */
import { emptyPost } from '../thread/blank.js';
import type { Comment, Post } from '../thread/schema.js';

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
 * Comment bodies built as BodyBuilder builds them, but stored in large
 * shared strings ("blocks"), each body a slice of its block. A dump's bodies
 * are most of what it keeps: made one string each, every one was copied
 * twice by V8's young-generation collector (a third of the parse time on a
 * 200,000-comment dump); a block is large enough to be allocated outside the
 * young generation, and a slice is a small fixed-size object.
 */
export class BlockBodies {
  /** Pieces of the current block, in order. */
  private readonly parts: string[] = [];
  /** Characters in `parts`. */
  private size = 0;
  private bodyStart = 0;
  /** The current body has a paragraph with a line in it that no blank line has closed. */
  private inParagraph = false;
  /** The current body has at least one line. */
  private hasText = false;
  /**
   * The current body's only line so far, not yet copied into the block: a
   * one-line body is that line itself (usually a slice of the page text,
   * which is kept anyway), and needs no copy.
   */
  private firstLine: string | null = null;
  /** Comments whose bodies lie in the current block, with their bounds in it. */
  private readonly waiting: Comment[] = [];
  private readonly bounds: number[] = [];

  addLine(line: string): void {
    if (!this.hasText) this.firstLine = line;
    else {
      if (this.firstLine !== null) {
        this.push(this.firstLine);
        this.firstLine = null;
      }
      this.push(this.inParagraph ? '\n' : '\n\n');
      this.push(line);
    }
    this.inParagraph = true;
    this.hasText = true;
  }

  addBlank(): void {
    this.inParagraph = false;
  }

  /**
   * Ends the current body: it becomes `comment.body` when its block is
   * complete (at the latest on `flush`). True when that completed a block:
   * every comment taken so far has its body.
   */
  takeInto(comment: Comment): boolean {
    if (this.firstLine !== null || !this.hasText) comment.body = this.firstLine ?? '';
    else {
      this.waiting.push(comment);
      this.bounds.push(this.bodyStart, this.size);
      this.bodyStart = this.size;
    }
    this.firstLine = null;
    this.inParagraph = false;
    this.hasText = false;
    if (this.size < BLOCK_CHARS) return false;
    this.flush();
    return true;
  }

  /** Completes the current block: every comment taken so far gets its body. */
  flush(): void {
    const block = this.parts.length === 1 ? this.parts[0]! : this.parts.join('');
    const { waiting, bounds } = this;
    for (let i = 0; i < waiting.length; i++) waiting[i]!.body = block.slice(bounds[2 * i]!, bounds[2 * i + 1]!);
    waiting.length = 0;
    bounds.length = 0;
    // Emptied, not replaced: the next block reuses the room the array has grown.
    this.parts.length = 0;
    this.size = 0;
    this.bodyStart = 0;
  }

  private push(piece: string): void {
    this.parts.push(piece);
    this.size += piece.length;
  }
}

/** Characters per block: well above the size (128 KB) at which V8 allocates a string outside the young generation. */
const BLOCK_CHARS = 1 << 18;

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
