/**
 * Word tokens for the lexicon: offsets into the sentence, a normalised form
 * for look-ups, and what separates a token from the one before it (patterns
 * must not run across a full stop or a question mark).
 */

export interface Token {
  /** The text as written. */
  readonly raw: string;
  /** Lower case, curly apostrophes made straight. */
  readonly norm: string;
  readonly start: number;
  readonly end: number;
  /** True when `.`, `!`, `?`, `;` or `:` stands between this token and the previous one. */
  readonly breakBefore: boolean;
  /** True when a comma or dash stands between this token and the previous one. */
  readonly commaBefore: boolean;
}

/**
 * Letters and digits, joined by apostrophes, hyphens and the symbols people
 * use to dodge filters (`f*ck`, `sh!t`, `a$$`, `1d10t`); `_` splits words so
 * `go_away_you_idiot` reads as four words.
 */
const WORD = /[\p{L}\p{M}\p{N}]+(?:['’*@$!|-]+[\p{L}\p{M}\p{N}]+)*[*$]*/gu;
/** The same for ASCII text, where a plain character class is faster. */
const ASCII_WORD = /[A-Za-z0-9]+(?:['*@$!|-]+[A-Za-z0-9]+)*[*$]*/g;
const ASCII_TEXT = /^[\x00-\x7f]*$/;

export function tokenize(sentence: string, accept?: (word: string) => boolean): Token[] {
  const tokens: Token[] = [];
  const re = ASCII_TEXT.test(sentence) ? ASCII_WORD : WORD;
  re.lastIndex = 0;
  let prevEnd = 0;
  for (let m = re.exec(sentence); m !== null; m = re.exec(sentence)) {
    const raw = m[0];
    const start = m.index;
    let breakBefore = false;
    let commaBefore = false;
    if (tokens.length > 0) {
      for (let i = prevEnd; i < start; i++) {
        const c = sentence.charCodeAt(i);
        if (c === 46 || c === 33 || c === 63 || c === 59 || c === 58) breakBefore = true;
        else if (c === 44 || c === 45 || c === 0x2013 || c === 0x2014 || c === 40) commaBefore = true;
      }
    }
    tokens.push({ raw, norm: normalise(raw), start, end: start + raw.length, breakBefore, commaBefore });
    prevEnd = start + raw.length;
  }
  return accept ? joinSpacedLetters(sentence, tokens, accept) : tokens;
}

export function normalise(raw: string): string {
  const lower = raw.toLowerCase();
  return lower.indexOf('’') >= 0 ? lower.replaceAll('’', "'") : lower;
}

/**
 * `A S S` and `i d i o t` are one word spelled out; joining the letters lets
 * the look-ups see it. Only runs of 3+ single letters separated by single
 * spaces, dots or dashes are joined, and only when `accept` recognises the
 * joined word, so `u r a` stays three words.
 */
export function joinSpacedLetters(sentence: string, tokens: Token[], accept: (word: string) => boolean): Token[] {
  if (tokens.length < 3 || !hasSingleLetter(tokens)) return tokens;
  const out: Token[] = [];
  let i = 0;
  while (i < tokens.length) {
    const first = tokens[i]!;
    let j = i;
    while (
      j + 1 < tokens.length &&
      tokens[j]!.raw.length === 1 &&
      tokens[j + 1]!.raw.length === 1 &&
      /^[ .\-*_]{1,2}$/.test(sentence.slice(tokens[j]!.end, tokens[j + 1]!.start))
    )
      j++;
    if (first.raw.length === 1 && j - i >= 2) {
      const word = tokens
        .slice(i, j + 1)
        .map((t) => t.norm)
        .join('');
      if (accept(word)) {
        const last = tokens[j]!;
        out.push({
          raw: sentence.slice(first.start, last.end),
          norm: word,
          start: first.start,
          end: last.end,
          breakBefore: first.breakBefore,
          commaBefore: first.commaBefore,
        });
        i = j + 1;
        continue;
      }
    }
    out.push(first);
    i++;
  }
  return out;
}

function hasSingleLetter(tokens: readonly Token[]): boolean {
  for (const t of tokens) if (t.raw.length === 1) return true;
  return false;
}

const LEET: Record<string, string> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
  '!': 'i',
  '|': 'l',
};

/** `1d10t` -> `idiot`, `a$$` -> `ass`; null when nothing changes. */
export function unLeet(norm: string): string | null {
  if (!/[0-9@$!|]/.test(norm) || !/\p{L}/u.test(norm)) return null;
  let out = '';
  for (const ch of norm) out += LEET[ch] ?? ch;
  return out;
}

/** `stuuupid` -> [`stuupid`, `stupid`]: shouting stretches letters. */
export function unStretch(norm: string): string[] {
  if (!/(.)\1\1/u.test(norm)) return [];
  return [norm.replace(/(.)\1{2,}/gu, '$1$1'), norm.replace(/(.)\1+/gu, '$1')];
}
