/**
 * What a scorer reads: the sentence with evasions undone, and a map back to
 * the original, so evidence still quotes and points into what was written.
 *
 * Evasions undone, per character:
 * - compatibility forms (NFKC): fullwidth `ｉｄｉｏｔ`, mathematical `𝐢𝐝𝐢𝐨𝐭`, ligatures;
 * - accents on Latin letters (`ïdîöt`, or combining marks after a letter);
 * - format characters (\p{Cf}): zero-width spaces and joiners, soft hyphens,
 *   bidi overrides and isolates, word joiners;
 * - Cyrillic and Greek letters that look like Latin ones (`уоu`, `іdіοt`),
 *   folded only in words made of Latin and such look-alikes, so a Russian
 *   or Greek word (which has letters without a Latin twin) is left alone.
 *
 * Unicode's TR39 confusable skeletons are not used: they also fold `I`, `l`
 * and `1` together and `rn` into `m`, which would change the ordinary English
 * the scorers read. This table holds what look-alike evasion uses.
 */

/** Text for the scorer, with a map from its UTF-16 offsets to the original's. */
export interface ScoringText {
  readonly text: string;
  /** `starts[i]`: offset in the original of the character that produced `text[i]`; null when `text` is the original. */
  readonly starts: Int32Array | null;
  /** `ends[i]`: end offset in the original of that character; null when `text` is the original. */
  readonly ends: Int32Array | null;
  /** Length of the original. */
  readonly originalLength: number;
}

// prettier-ignore
const LOOKALIKES: Readonly<Record<string, string>> = {
  // Cyrillic
  а: 'a', в: 'b', е: 'e', ё: 'e', һ: 'h', і: 'i', ї: 'i', ј: 'j', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't',
  у: 'y', х: 'x', ѕ: 's', ԁ: 'd', ԛ: 'q', ԝ: 'w', ӏ: 'l', ү: 'y', ɡ: 'g',
  А: 'A', В: 'B', Е: 'E', Ё: 'E', І: 'I', Ї: 'I', Ј: 'J', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T',
  У: 'Y', Х: 'X', Ѕ: 'S', Ԁ: 'D', Ԛ: 'Q', Ԝ: 'W', Ӏ: 'I', Ү: 'Y',
  // Greek
  α: 'a', β: 'b', γ: 'y', ε: 'e', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ω: 'w',
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
  // Latin letters that pass for others
  ı: 'i', ȷ: 'j', ɑ: 'a', ɩ: 'i', ʏ: 'y',
};

const FORMAT = /^\p{Cf}$/u;
const MARK = /^\p{M}$/u;
const LETTER = /^\p{L}$/u;
const LATIN = /^\p{Script=Latin}$/u;
const ASCII_LETTERS = /^[A-Za-z]+$/;

/** True when nothing in `text` can need folding: the common case costs one regex test. */
const PLAIN = /^[\x00-\x7f]*$/;

export function scoringText(original: string): ScoringText {
  if (PLAIN.test(original)) return { text: original, starts: null, ends: null, originalLength: original.length };
  return contextFreeText(original) ?? foldedText(original);
}

/**
 * What `foldedText` does with a UTF-16 code outside surrogates when it needs
 * no look at its neighbours: 0 not yet known, ITSELF, DROPPED (invisible),
 * REPLACED (folded: `…` -> `...`, a no-break space -> a space, `é` -> `e`),
 * or CONTEXT (a combining mark or a look-alike, which depend on the word
 * around them: the full pass decides).
 */
const ITSELF = 1;
const DROPPED = 2;
const REPLACED = 3;
const CONTEXT = 4;
const kinds = new Uint8Array(0x10000);
const replacements = new Map<number, string>();

function kindOf(c: number): number {
  let kind = kinds[c]!;
  if (kind === 0) {
    const ch = String.fromCharCode(c);
    if (FORMAT.test(ch)) kind = DROPPED;
    else if (MARK.test(ch) || LOOKALIKES[ch] !== undefined) kind = CONTEXT;
    else {
      const out = fold(ch);
      kind = out === ch ? ITSELF : REPLACED;
      if (kind === REPLACED) replacements.set(c, out);
    }
    kinds[c] = kind;
  }
  return kind;
}

/**
 * `foldedText`'s result computed a code unit at a time, when no character
 * needs its neighbours (no combining mark, no look-alike, no surrogate pair):
 * curly quotes, dashes, ellipses, no-break spaces, accented letters. Null
 * when one does.
 */
function contextFreeText(original: string): ScoringText | null {
  const n = original.length;
  let changed = false;
  for (let i = 0; i < n; i++) {
    const c = original.charCodeAt(i);
    if (c < 0x80) continue;
    if (c >= 0xd800 && c <= 0xdfff) return null;
    const kind = kindOf(c);
    if (kind === CONTEXT) return null;
    if (kind !== ITSELF) changed = true;
  }
  if (!changed) {
    const starts = new Int32Array(n);
    const ends = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      starts[i] = i;
      ends[i] = i + 1;
    }
    return { text: original, starts, ends, originalLength: n };
  }
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let from = 0;
  for (let i = 0; i < n; i++) {
    const c = original.charCodeAt(i);
    const kind = c < 0x80 ? ITSELF : kinds[c]!;
    if (kind === ITSELF) {
      starts.push(i);
      ends.push(i + 1);
      continue;
    }
    text += original.slice(from, i);
    from = i + 1;
    if (kind === REPLACED) {
      const out = replacements.get(c)!;
      text += out;
      for (let k = 0; k < out.length; k++) {
        starts.push(i);
        ends.push(i + 1);
      }
    }
  }
  text += original.slice(from);
  return { text, starts: Int32Array.from(starts), ends: Int32Array.from(ends), originalLength: n };
}

/** Evasions undone character by character (code points), each output character mapped to its source. */
export function foldedText(original: string): ScoringText {
  const chars = Array.from(original);
  const offsets: number[] = [];
  let at = 0;
  for (const ch of chars) {
    offsets.push(at);
    at += ch.length;
  }
  const foldWord = lookalikeWords(chars);
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let lastLatin = false;
  chars.forEach((ch, i) => {
    const start = offsets[i]!;
    const end = start + ch.length;
    if (FORMAT.test(ch)) return; // invisible: zero-width, soft hyphen, bidi
    let out: string;
    if (MARK.test(ch)) {
      // A combining accent on a Latin letter is dropped with the accent of a precomposed one.
      if (lastLatin) return;
      out = ch;
    } else if (foldWord[i] && LOOKALIKES[ch] !== undefined) {
      out = LOOKALIKES[ch]!;
    } else {
      out = fold(ch);
    }
    lastLatin = ASCII_LETTERS.test(out);
    text += out;
    for (let k = 0; k < out.length; k++) {
      starts.push(start);
      ends.push(end);
    }
  });
  return { text, starts: Int32Array.from(starts), ends: Int32Array.from(ends), originalLength: original.length };
}

/** Maps a span of the scoring text back to the span of the original that produced it. */
export function originalSpan(source: ScoringText, start: number, end: number): { start: number; end: number } {
  if (source.starts === null || source.ends === null) return { start, end };
  if (end <= start) {
    const at = start < source.text.length ? source.starts[start]! : source.originalLength;
    return { start: at, end: at };
  }
  return { start: source.starts[start]!, end: source.ends[end - 1]! };
}

/** NFKC, then accents off when what is left is plain Latin: `ｉ` -> `i`, `ï` -> `i`, `𝐝` -> `d`. */
function fold(ch: string): string {
  const nfkc = ch.normalize('NFKC');
  const bare = ch.normalize('NFKD').replace(/\p{M}/gu, '');
  if (bare !== '' && ASCII_LETTERS.test(bare)) return bare;
  return nfkc;
}

/** Per character: whether it sits in a word made only of Latin letters and look-alikes (with at least one look-alike). */
function lookalikeWords(chars: readonly string[]): boolean[] {
  const out = new Array<boolean>(chars.length).fill(false);
  let i = 0;
  while (i < chars.length) {
    if (!isWordChar(chars[i]!)) {
      i++;
      continue;
    }
    let j = i;
    let foldable = true;
    let any = false;
    while (j < chars.length && isWordChar(chars[j]!)) {
      const ch = chars[j]!;
      if (LOOKALIKES[ch] !== undefined) any = true;
      else if (LETTER.test(ch) && !LATIN.test(ch) && !LATIN.test(fold(ch))) foldable = false;
      j++;
    }
    if (foldable && any) for (let k = i; k < j; k++) out[k] = true;
    i = j;
  }
  return out;
}

/** Letters, marks and the invisible characters used to split a word without showing it. */
function isWordChar(ch: string): boolean {
  return LETTER.test(ch) || MARK.test(ch) || FORMAT.test(ch);
}
