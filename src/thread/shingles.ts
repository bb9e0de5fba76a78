/**
 * Words of a text and the 4-word shingles that find copied text: what the
 * quote rules compare a reply with its ancestors by. Kept apart from the
 * rules because it is the hot loop of quote marking (every character of every
 * body passes through `words`) and is written for speed: FNV-1a hashes
 * computed while scanning, ASCII decided inline, results in reused typed
 * arrays rather than an array of strings per body.
 */

/** Words per shingle: long enough that shared shingles mean copied text, short enough to catch short copies. */
export const SHINGLE = 4;

/** Words of a text: parallel arrays of start and end offsets and 30-bit hashes. */
export interface Words {
  readonly count: number;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly hash: Int32Array;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

/** Lower-case words joined by single spaces: punctuation, quotes and spacing do not matter. */
export function normaliseWords(text: string): string {
  return (text.toLowerCase().replaceAll('’', "'").match(WORD) ?? []).join(' ');
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Is the UTF-16 unit at `i` part of a word? ASCII is decided inline; the rest by Unicode class. */
function isWordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  if (c >= 0xdc00 && c <= 0xdfff) return i > 0 && isWordChar(text, i - 1);
  return LETTER_OR_DIGIT.test(String.fromCodePoint(text.codePointAt(i)!));
}

/** Scratch arrays reused by every `words` call: a thread's texts are handled one at a time. */
let scratch = { start: new Int32Array(1024), end: new Int32Array(1024), hash: new Int32Array(1024) };

/**
 * Words (letters and digits, joined by apostrophes) with FNV-1a hashes of
 * their lower-case form; the same words WORD finds, without a regex per word.
 * The result lives in shared scratch arrays: valid until the next call.
 */
export function words(text: string): Words {
  const n = text.length;
  // A word takes at least one character plus a separator.
  const cap = (n >> 1) + 1;
  if (scratch.start.length < cap) {
    const size = Math.max(cap, scratch.start.length * 2);
    scratch = { start: new Int32Array(size), end: new Int32Array(size), hash: new Int32Array(size) };
  }
  const { start, end, hash } = scratch;
  let count = 0;
  let i = 0;
  while (i < n) {
    const c0 = text.charCodeAt(i);
    if (
      c0 < 128 ? !((c0 >= 97 && c0 <= 122) || (c0 >= 65 && c0 <= 90) || (c0 >= 48 && c0 <= 57)) : !isWordChar(text, i)
    ) {
      i++;
      continue;
    }
    const s = i;
    let h = 0x811c9dc5;
    for (;;) {
      while (i < n) {
        let c = text.charCodeAt(i);
        if (c < 128) {
          // ASCII inline: a-z, A-Z (folded), 0-9.
          if (c >= 97 && c <= 122) {
            // as is
          } else if (c >= 65 && c <= 90) c += 32;
          else if (c < 48 || c > 57) break;
        } else if (isWordChar(text, i)) c = text[i]!.toLowerCase().charCodeAt(0);
        else break;
        h = Math.imul(h ^ c, 0x01000193);
        i++;
      }
      const a = text.charCodeAt(i);
      if ((a === 39 || a === 0x2019) && i + 1 < n && isWordChar(text, i + 1)) {
        h = Math.imul(h ^ 39, 0x01000193);
        i++;
        continue;
      }
      break;
    }
    start[count] = s;
    end[count] = i;
    hash[count] = h;
    count++;
  }
  return { count, start, end, hash };
}

/**
 * One number per run of SHINGLE words, kept within 30 bits so V8 stores map
 * keys as small integers. A false match needs several consecutive shingles
 * to collide, which at these sizes does not happen.
 */
export function shingleKey(ws: Words, i: number): number {
  let a = 0x9e3779b9;
  for (let k = i; k < i + SHINGLE; k++) a = Math.imul(a ^ ws.hash[k]!, 0x01000193) ^ (a >>> 15);
  return a & 0x3fffffff;
}

/** Words of `ws` lying wholly inside [start, end). */
export function countWords(ws: Words, start: number, end: number): number {
  let n = 0;
  for (let i = 0; i < ws.count; i++) if (ws.start[i]! >= start && ws.end[i]! <= end) n++;
  return n;
}
