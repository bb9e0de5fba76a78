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
  /** key[i] = shingleKey(words, i), for i + SHINGLE <= count: made during the scan, while the hashes are in registers. */
  readonly key: Int32Array;
  /** The text holds a `>` (a Markdown quote may start there). */
  readonly hasAngle: boolean;
  /** The text holds a mark that can open a quotation: `"“«„»「`. */
  readonly hasQuoteMark: boolean;
}

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

/** Lower-case words joined by single spaces: punctuation, quotes and spacing do not matter. */
export function normaliseWords(text: string): string {
  return (text.toLowerCase().replaceAll('’', "'").match(WORD) ?? []).join(' ');
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * Is the UTF-16 unit at `i` of `codes` (a text of `n` units) part of a word?
 * ASCII is decided inline; the rest by Unicode class, a surrogate pair as
 * the one code point it spells (what `codePointAt` reads).
 */
function isWordChar(codes: Uint16Array, i: number, n: number): boolean {
  const c = codes[i]!;
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  if (c >= 0xdc00 && c <= 0xdfff) return i > 0 && isWordChar(codes, i - 1, n);
  let point = c;
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
    const low = codes[i + 1]!;
    if (low >= 0xdc00 && low <= 0xdfff) point = ((c - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
  }
  return LETTER_OR_DIGIT.test(String.fromCodePoint(point));
}

/** The code hashed for a non-ASCII word character: its lower case's first unit, as `text[i].toLowerCase()` gives. */
function foldedCode(c: number): number {
  return String.fromCharCode(c).toLowerCase().charCodeAt(0);
}

/** Scratch arrays reused by every `words` call: a thread's texts are handled one at a time. */
let scratch = scratchArrays(1024);

function scratchArrays(size: number) {
  return {
    start: new Int32Array(size),
    end: new Int32Array(size),
    hash: new Int32Array(size),
    key: new Int32Array(size),
  };
}

/**
 * The text being scanned, copied as UTF-16 units into a reused buffer: one
 * native copy, then every read is a typed-array load. Reading the string
 * with charCodeAt costs more per character, most of all when the body is a
 * slice of a larger string, as the page-text parser makes them.
 */
let units = unitBuffer(1 << 15);

function unitBuffer(length: number): { bytes: Buffer; codes: Uint16Array } {
  // Its own ArrayBuffer (not Node's shared pool), so the view is aligned and the whole of it.
  const codes = new Uint16Array(length);
  return { bytes: Buffer.from(codes.buffer), codes };
}

function unitsOf(text: string): Uint16Array {
  if (units.codes.length < text.length) units = unitBuffer(Math.max(text.length, units.codes.length * 2));
  units.bytes.write(text, 0, 'utf16le');
  return units.codes;
}

/**
 * ASCII code -> the code hashed for it inside a word (letters folded to
 * lower case, digits as is), 0 for a character that is not part of a word.
 */
const ASCII_WORD = new Uint8Array(128);
for (let c = 48; c <= 57; c++) ASCII_WORD[c] = c;
for (let c = 97; c <= 122; c++) ASCII_WORD[c] = c;
for (let c = 65; c <= 90; c++) ASCII_WORD[c] = c + 32;

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const APOSTROPHE = 39;
const SHINGLE_SEED = 0x9e3779b9;

/**
 * Words (letters and digits, joined by apostrophes) with FNV-1a hashes of
 * their lower-case form; the same words WORD finds, without a regex per word.
 * Every character is looked at once, and the characters between words are
 * also checked for `>` and quotation marks, so the quote rules need not scan
 * the text again for them. The result lives in shared scratch arrays: valid
 * until the next call.
 */
export function words(text: string): Words {
  return wordsOfUnits(unitsOf(text), text.length);
}

/**
 * `words` of the text held as UTF-16 units in `codes[0, n)`: for a caller
 * that has the text only as units (the quote worker reads bodies from
 * shared memory). The result lives in the same scratch arrays.
 */
export function wordsOfUnits(codes: Uint16Array, n: number): Words {
  // A word takes at least one character plus a separator.
  const cap = (n >> 1) + 1;
  if (scratch.start.length < cap) {
    const size = Math.max(cap, scratch.start.length * 2);
    scratch = scratchArrays(size);
  }
  const { start, end, hash, key } = scratch;
  let count = 0;
  let hasAngle = false;
  let hasQuoteMark = false;
  // Hashes of the three words before the current one, oldest first, for its shingle key.
  let h1 = 0;
  let h2 = 0;
  let h3 = 0;
  let i = 0;
  while (i < n) {
    let c = codes[i]!;
    if (c === 32) {
      i++;
      continue;
    }
    let k: number;
    if (c < 128) {
      k = ASCII_WORD[c]!;
      if (k === 0) {
        if (c === 62) hasAngle = true;
        else if (c === 34) hasQuoteMark = true;
        i++;
        continue;
      }
    } else if (isWordChar(codes, i, n)) k = foldedCode(c);
    else {
      if (c === 0x201c || c === 0xab || c === 0x201e || c === 0xbb || c === 0x300c) hasQuoteMark = true;
      i++;
      continue;
    }
    // A word starts at i; k is its first character's hashed code.
    const s = i;
    let h = Math.imul(FNV_OFFSET ^ k, FNV_PRIME);
    i++;
    while (i < n) {
      c = codes[i]!;
      // Lower-case ASCII letters are most of any text: hashed without a table look-up.
      if (c >= 97 && c <= 122) {
        h = Math.imul(h ^ c, FNV_PRIME);
        i++;
        continue;
      }
      if (c < 128) {
        k = ASCII_WORD[c]!;
        if (k === 0) {
          // An apostrophe between word characters joins them (don't, l'eau).
          if (c === APOSTROPHE && i + 1 < n && isWordChar(codes, i + 1, n)) {
            h = Math.imul(h ^ APOSTROPHE, FNV_PRIME);
            i++;
            continue;
          }
          break;
        }
      } else if (isWordChar(codes, i, n)) k = foldedCode(c);
      else {
        if (c === 0x2019 && i + 1 < n && isWordChar(codes, i + 1, n)) {
          h = Math.imul(h ^ APOSTROPHE, FNV_PRIME);
          i++;
          continue;
        }
        break;
      }
      h = Math.imul(h ^ k, FNV_PRIME);
      i++;
    }
    start[count] = s;
    end[count] = i;
    hash[count] = h;
    // shingleKey of the SHINGLE words ending here, written out.
    if (count >= SHINGLE - 1) {
      let a = Math.imul(SHINGLE_SEED ^ h1, FNV_PRIME) ^ (SHINGLE_SEED >>> 15);
      a = Math.imul(a ^ h2, FNV_PRIME) ^ (a >>> 15);
      a = Math.imul(a ^ h3, FNV_PRIME) ^ (a >>> 15);
      a = Math.imul(a ^ h, FNV_PRIME) ^ (a >>> 15);
      key[count - (SHINGLE - 1)] = a & 0x3fffffff;
    }
    h1 = h2;
    h2 = h3;
    h3 = h;
    count++;
  }
  return { count, start, end, hash, key, hasAngle, hasQuoteMark };
}

/**
 * One number per run of SHINGLE words, kept within 30 bits so V8 stores map
 * keys as small integers. A false match needs several consecutive shingles
 * to collide, which at these sizes does not happen.
 */
export function shingleKey(ws: Words, i: number): number {
  let a = SHINGLE_SEED;
  for (let k = i; k < i + SHINGLE; k++) a = Math.imul(a ^ ws.hash[k]!, FNV_PRIME) ^ (a >>> 15);
  return a & 0x3fffffff;
}

/** Words of `ws` lying wholly inside [start, end). */
export function countWords(ws: Words, start: number, end: number): number {
  let n = 0;
  for (let i = 0; i < ws.count; i++) if (ws.start[i]! >= start && ws.end[i]! <= end) n++;
  return n;
}
