/**
 * Sentence splitting for scoring. Flags quote sentences back to the
 * moderator, so every sentence keeps its UTF-16 offsets in the original text.
 */
import { isWhiteSpace as isSpace } from '../text/white-space.js';

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

/**
 * Splits `text` into trimmed, non-empty sentences, in order, with offsets.
 * Line breaks, and so paragraph breaks, always end a sentence
 * (Intl.Segmenter treats a line break as a paragraph separator).
 */
export function splitSentences(text: string): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  let last = text.length - 1;
  while (last >= 0 && isSpace(text.charCodeAt(last))) last--;
  if (last < 0) return out;
  // One line with no sentence punctuation before its end is one sentence:
  // skip the segmenter (most comments are short).
  if (!hasInnerBreak(text, 0, last)) {
    pushTrimmed(text, 0, last + 1, out);
    return out;
  }
  // Intl.Segmenter's cost grows faster than linearly with what it is given
  // (400 KB of "you\n" took minutes): it sees one line at a time, and a long
  // line in pieces of at most SEGMENTER_CHARS cut at a space. Line breaks end
  // sentences anyway, so splitting on them first changes nothing.
  let lineStart = 0;
  for (let i = 0; i <= text.length; i++) {
    if (i < text.length && !isLineBreak(text.charCodeAt(i))) continue;
    if (i > lineStart) segmentLine(text, lineStart, i, out);
    lineStart = i + 1;
  }
  return out;
}

/** Most characters handed to Intl.Segmenter at once. */
export const SEGMENTER_CHARS = 1000;

function segmentLine(text: string, start: number, end: number, out: SentenceSpan[]): void {
  while (start < end) {
    let stop = end;
    if (end - start > SEGMENTER_CHARS) {
      stop = start + SEGMENTER_CHARS;
      // Cut after a full stop (or ! ?) and a space if there is one in the second half, else at a space.
      let cut = stop;
      while (cut > start + SEGMENTER_CHARS / 2 && !(isSpace(text.charCodeAt(cut)) && isStop(text.charCodeAt(cut - 1))))
        cut--;
      if (cut <= start + SEGMENTER_CHARS / 2) {
        cut = stop;
        while (cut > start + SEGMENTER_CHARS / 2 && !isSpace(text.charCodeAt(cut))) cut--;
      }
      if (isSpace(text.charCodeAt(cut))) stop = cut;
      else if (isLowSurrogate(text.charCodeAt(stop))) stop--;
    }
    // Most lines are one sentence: no segmenter needed (it costs ~25 µs a call).
    let lastChar = stop - 1;
    while (lastChar > start && isSpace(text.charCodeAt(lastChar))) lastChar--;
    if (hasInnerBreak(text, start, lastChar)) segmentPiece(text, start, stop, out);
    else pushTrimmed(text, start, stop, out);
    start = stop;
  }
}

function segmentPiece(text: string, base: number, stop: number, out: SentenceSpan[]): void {
  for (const seg of segmenter.segment(text.slice(base, stop))) {
    const start = base + seg.index;
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

function isStop(code: number): boolean {
  return code === 46 || code === 33 || code === 63;
}

/** Characters Intl.Segmenter takes as a paragraph separator. */
function isLineBreak(code: number): boolean {
  return code === 10 || code === 13 || code === 0x85 || code === 0x2028 || code === 0x2029;
}

/** Sentence punctuation or a line break from `from` to before `last` (the last non-space character). */
function hasInnerBreak(text: string, from: number, last: number): boolean {
  for (let i = from; i < last; i++) {
    const c = text.charCodeAt(i);
    if (
      c === 46 ||
      c === 33 ||
      c === 63 ||
      c === 10 ||
      c === 13 ||
      c === 0x85 ||
      c === 0x2028 ||
      c === 0x2029 ||
      c === 0x3002 ||
      c === 0xff01 ||
      c === 0xff1f
    )
      return true;
  }
  return false;
}

/** Sentence punctuation, space, then a lower-case letter. */
const LOWER_START = /([^.!?\s][.!?]+["”’')]*)\s+(?=\p{Ll})/gu;
const ABBREVIATIONS = new Set([
  'e.g',
  'i.e',
  'etc',
  'vs',
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'jr',
  'sr',
  'no',
  'approx',
  'cf',
  'al',
  'inc',
  'ltd',
  'co',
  'eg',
  'ie',
  'viz',
  'prof',
  'gen',
  'sen',
  'rep',
  'gov',
  'lt',
  'col',
  'sgt',
  'capt',
  'fig',
  'vol',
  'p',
  'pp',
]);

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

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
