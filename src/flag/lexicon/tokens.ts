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
const ASCII_TEXT = /^[\x00-\x7f]*$/;

export function tokenize(sentence: string, accept?: (word: string) => boolean): Token[] {
  const tokens = ASCII_TEXT.test(sentence) ? asciiTokens(sentence) : regexTokens(sentence);
  return accept ? joinSpacedLetters(sentence, tokens, accept) : tokens;
}

function regexTokens(sentence: string): Token[] {
  const tokens: Token[] = [];
  const re = WORD;
  re.lastIndex = 0;
  for (let m = re.exec(sentence); m !== null; m = re.exec(sentence)) {
    const raw = m[0];
    pushToken(sentence, tokens, raw, normalise(raw), m.index);
  }
  return tokens;
}

function pushToken(sentence: string, tokens: Token[], raw: string, norm: string, start: number): void {
  let breakBefore = false;
  let commaBefore = false;
  const previous = tokens[tokens.length - 1];
  if (previous !== undefined) {
    for (let i = previous.end; i < start; i++) {
      const c = sentence.charCodeAt(i);
      if (c === 46 || c === 33 || c === 63 || c === 59 || c === 58) breakBefore = true;
      else if (c === 44 || c === 45 || c === 0x2013 || c === 0x2014 || c === 40) commaBefore = true;
    }
  }
  tokens.push({ raw, norm, start, end: start + raw.length, breakBefore, commaBefore });
}

/** Per ASCII code: a letter or digit, a joiner (`'*@$!|-`), a trailing mark (`*$`); bits. */
const ALNUM = 1;
const JOINER = 2;
const TRAILER = 4;
const ASCII_KIND = Uint8Array.from({ length: 128 }, (_, c) => {
  const ch = String.fromCharCode(c);
  return (
    (/[A-Za-z0-9]/.test(ch) ? ALNUM : 0) | ("'*@$!|-".includes(ch) ? JOINER : 0) | ('*$'.includes(ch) ? TRAILER : 0)
  );
});

/**
 * For ASCII text, the matches of `WORD` restricted to ASCII,
 * /[A-Za-z0-9]+(?:['*@$!|-]+[A-Za-z0-9]+)*[*$]* /g, scanned by hand (the
 * regular expression's match objects and its per-match entry cost more than
 * the scan; test/flag/tokens.test.ts holds them equal): letters and
 * digits, then any number of joiner runs each followed by letters or digits
 * (a joiner run not followed by one ends the word), then trailing `*`/`$`.
 * No backtracking can find another match: the alternatives are disjoint.
 */
function asciiTokens(sentence: string): Token[] {
  const tokens: Token[] = [];
  const n = sentence.length;
  let i = 0;
  for (;;) {
    while (i < n && (ASCII_KIND[sentence.charCodeAt(i)]! & ALNUM) === 0) i++;
    if (i >= n) break;
    const start = i;
    while (i < n && (ASCII_KIND[sentence.charCodeAt(i)]! & ALNUM) !== 0) i++;
    for (;;) {
      let j = i;
      while (j < n && (ASCII_KIND[sentence.charCodeAt(j)]! & JOINER) !== 0) j++;
      if (j === i || j >= n || (ASCII_KIND[sentence.charCodeAt(j)]! & ALNUM) === 0) break;
      i = j;
      while (i < n && (ASCII_KIND[sentence.charCodeAt(i)]! & ALNUM) !== 0) i++;
    }
    while (i < n && (ASCII_KIND[sentence.charCodeAt(i)]! & TRAILER) !== 0) i++;
    const raw = sentence.slice(start, i);
    // ASCII: no curly apostrophe to straighten.
    pushToken(sentence, tokens, raw, raw.toLowerCase(), start);
  }
  return tokens;
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
