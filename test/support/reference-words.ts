/**
 * The word scanner of src/thread/shingles.ts as it was before it was tuned
 * (a lookup table, and quotation marks noted on the way): kept verbatim as the
 * reference the tuned one must agree with, word for word and hash for hash.
 */

export interface ReferenceWords {
  readonly count: number;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly hash: Int32Array;
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Is the UTF-16 unit at `i` part of a word? ASCII is decided inline; the rest by Unicode class. */
function isWordChar(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  if (c >= 0xdc00 && c <= 0xdfff) return i > 0 && isWordChar(text, i - 1);
  return LETTER_OR_DIGIT.test(String.fromCodePoint(text.codePointAt(i)!));
}

/**
 * Words (letters and digits, joined by apostrophes) with FNV-1a hashes of
 * their lower-case form; the same words WORD finds, without a regex per word.
 * The result lives in shared scratch arrays: valid until the next call.
 */
export function referenceWords(text: string): ReferenceWords {
  const n = text.length;
  // A word takes at least one character plus a separator.
  const cap = (n >> 1) + 1;
  const start = new Int32Array(cap);
  const end = new Int32Array(cap);
  const hash = new Int32Array(cap);
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
