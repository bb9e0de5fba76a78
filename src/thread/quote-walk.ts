/**
 * Quote marking for comments that arrive one at a time in reading order
 * (each reply right after its parent's subtree began, as the page-text
 * parser makes them), without the whole thread at hand: what the quote
 * worker runs while the parser is still reading (see src/parse/quote-offload.ts).
 *
 * It keeps the same path index as quotes.ts's depth-first walk, and reaches
 * the same state at every comment: in reading order the comment after one
 * with replies is its first reply, so a comment's shingles are entered when
 * the next comment turns out to be its reply, and the path is unwound to the
 * next comment's parent. The spans are then those `markQuotes` finds.
 */
import { QuotePath } from './quote-path.js';
import { NONE, findQuotes, mayQuote } from './quote-rules.js';
import type { Post, QuoteSpan } from './schema.js';
import { words, wordsOfUnits, type Words } from './shingles.js';

/** The text quote marking takes for the post, the root of every path. */
export function postQuoteText(post: Pick<Post, 'title' | 'body'>): string {
  return [post.title ?? '', post.body].filter(Boolean).join('\n\n');
}

export class QuoteWalk {
  private readonly index = new QuotePath();
  /** Indices of the comments entered on the path, nearest last, and the undo log's length before each. */
  private readonly path: number[] = [];
  private readonly marks: number[] = [];
  private count = 0;
  /**
   * The previous comment, not entered yet (it may be a leaf): its id, its
   * body (null: not decoded from `previousUnits` yet) and its words. The
   * words live in `words`' scratch arrays, valid until its next call, which
   * only comes after the next comment has decided.
   */
  private previousId = '';
  private previousBody: string | null = null;
  private previousUnits: Uint16Array | null = null;
  private previousWords: Words | null = null;

  /** `decode` turns a body given as UTF-16 units (`addUnits`) into its text. */
  constructor(
    postText: string,
    private readonly decode: (units: Uint16Array) => string = unitsToString,
  ) {
    if (postText) this.index.enter(null, postText, words(postText));
  }

  /**
   * The quote spans of the next comment in reading order, under the comment
   * added as `parent` (-1: top level), which must be on its path; `id` is
   * what spans quoting it will name. NONE (shared) when nothing is quoted.
   */
  add(parent: number, id: string, body: string): readonly QuoteSpan[] {
    this.unwindTo(parent);
    return this.mark(id, body, null, words(body));
  }

  /**
   * `add` for a body given as its UTF-16 units (a view that must stay
   * unchanged): it is decoded only if it may quote or has replies.
   */
  addUnits(parent: number, id: string, units: Uint16Array): readonly QuoteSpan[] {
    this.unwindTo(parent);
    return this.mark(id, null, units, wordsOfUnits(units, units.length));
  }

  /** Enters the previous comment if `parent` is it, then leaves the path down to `parent`. */
  private unwindTo(parent: number): void {
    const index = this.count++;
    const { path, marks } = this;
    if (parent >= 0 && parent === index - 1 && this.previousWords !== null) {
      marks.push(this.index.mark());
      path.push(parent);
      const body = this.previousBody ?? this.decode(this.previousUnits!);
      this.index.enter(this.previousId, body, this.previousWords);
    }
    this.previousWords = null;
    while (path.length > 0 && path[path.length - 1] !== parent) {
      path.pop();
      this.index.leave(marks.pop()!);
    }
  }

  private mark(id: string, text: string | null, units: Uint16Array | null, ws: Words): readonly QuoteSpan[] {
    let body = text;
    let spans = NONE;
    const { onPath, ancestors } = this.index;
    if (body !== null || mayQuote(ws, onPath)) {
      body ??= this.decode(units!);
      spans = findQuotes(body, ws, onPath, ancestors);
    }
    this.previousId = id;
    this.previousBody = body;
    this.previousUnits = units;
    this.previousWords = ws;
    return spans;
  }
}

function unitsToString(units: Uint16Array): string {
  return Buffer.from(units.buffer, units.byteOffset, units.byteLength).toString('utf16le');
}
