/**
 * Sentence splitting for scoring. Flags quote sentences back to the
 * moderator, so every sentence keeps its UTF-16 offsets in the original text.
 */

/** A sentence of a text: `text === source.slice(start, end)`. */
export interface SentenceSpan {
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Longest sentence handed to a scorer. Run-on text (a 10,000-character rant
 * without a full stop) is cut into pieces no longer than this, so a model
 * never gets a giant input and evidence stays quotable.
 */
export const MAX_SENTENCE_CHARS = 500;

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** A blank line (possibly holding spaces) separates paragraphs. */
const PARAGRAPH_BREAK = /\n[ \t\r\f\v\u00a0]*\n/g;

/**
 * Splits `text` into trimmed, non-empty sentences, in order, with offsets.
 * Paragraph breaks always end a sentence; so does a single line break
 * (Intl.Segmenter treats it as a paragraph separator).
 */
export function splitSentences(text: string): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  let paragraphStart = 0;
  PARAGRAPH_BREAK.lastIndex = 0;
  for (let m = PARAGRAPH_BREAK.exec(text); m !== null; m = PARAGRAPH_BREAK.exec(text)) {
    splitParagraph(text, paragraphStart, m.index, out);
    paragraphStart = m.index + m[0].length;
  }
  splitParagraph(text, paragraphStart, text.length, out);
  return out;
}

function splitParagraph(text: string, from: number, to: number, out: SentenceSpan[]): void {
  if (!hasNonSpace(text, from, to)) return;
  const paragraph = text.slice(from, to);
  // One line with no sentence punctuation before its end is one sentence:
  // skip the segmenter (most comments are short).
  const trimmed = paragraph.trimEnd();
  if (!INNER_BREAK.test(trimmed.slice(0, -1))) {
    pushTrimmed(text, from, to, out);
    return;
  }
  for (const seg of segmenter.segment(paragraph)) {
    const start = from + seg.index;
    const end = start + seg.segment.length;
    // Comments often start sentences in lower case ("pure ignorance. you
    // did..."), which Intl.Segmenter does not take as a break.
    let cursor = start;
    LOWER_START.lastIndex = 0;
    for (let m = LOWER_START.exec(seg.segment); m !== null; m = LOWER_START.exec(seg.segment)) {
      const cut = start + m.index + m[1]!.length;
      const word = /(\p{L}+)\.+$/u.exec(seg.segment.slice(0, m.index + m[1]!.length))?.[1] ?? '';
      if (ABBREVIATIONS.has(word.toLowerCase()) || word.length === 1) continue;
      pushTrimmed(text, cursor, cut, out);
      cursor = cut;
    }
    pushTrimmed(text, cursor, end, out);
  }
}

/** Anything that may end a sentence or a line inside a paragraph. */
const INNER_BREAK = /[.!?\n\r\u0085\u2028\u2029。！？]/;

/** Sentence punctuation, space, then a lower-case letter. */
const LOWER_START = /([^.!?\s][.!?]+["”’')]*)\s+(?=\p{Ll})/gu;
const ABBREVIATIONS = new Set(['e.g', 'i.e', 'etc', 'vs', 'mr', 'mrs', 'ms', 'dr', 'st', 'jr', 'sr', 'no', 'approx', 'cf', 'al', 'inc', 'ltd', 'co', 'eg', 'ie', 'viz', 'prof', 'gen', 'sen', 'rep', 'gov', 'lt', 'col', 'sgt', 'capt', 'fig', 'vol', 'p', 'pp']);

function pushTrimmed(text: string, start: number, end: number, out: SentenceSpan[]): void {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  if (end <= start) return;
  if (end - start <= MAX_SENTENCE_CHARS) {
    out.push({ text: text.slice(start, end), start, end });
    return;
  }
  // Cut at the last space before the limit so words stay whole; a piece with
  // no space at all (a long URL, a wall of emoji) is cut at the limit.
  while (end - start > MAX_SENTENCE_CHARS) {
    let cut = start + MAX_SENTENCE_CHARS;
    let space = cut;
    while (space > start + MAX_SENTENCE_CHARS / 2 && !isSpace(text.charCodeAt(space))) space--;
    if (isSpace(text.charCodeAt(space))) cut = space;
    else if (isLowSurrogate(text.charCodeAt(cut))) cut--;
    pushTrimmed(text, start, cut, out);
    start = cut;
    while (start < end && isSpace(text.charCodeAt(start))) start++;
  }
  if (end > start) pushTrimmed(text, start, end, out);
}

function hasNonSpace(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpace(text.charCodeAt(i))) return true;
  return false;
}

/** White space as `String.prototype.trim` sees it (the common cases). */
export function isSpace(code: number): boolean {
  return (
    code === 32 ||
    (code >= 9 && code <= 13) ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
