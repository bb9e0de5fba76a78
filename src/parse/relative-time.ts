/**
 * Comment headers of Lemmy page text: the score run straight into the
 * relative time, because the two sit in adjacent elements and copying drops
 * the space between them ("176 months ago" is score 17, "6 months ago").
 *
 * `splitHeader` lists every reading the text allows; `pickReading` chooses one
 * with what the rest of the thread says. Only English UI text is recognised.
 */

export type TimeUnit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'year';

/** One way to read a header: a score (or none) and the relative time. */
export interface HeaderReading {
  readonly score: number | null;
  /** The relative time as the page shows it: "6 months ago". */
  readonly age: string;
  /** Rough age in seconds, only for comparing readings with each other. */
  readonly seconds: number;
}

const UNIT_SECONDS: Readonly<Record<TimeUnit, number>> = {
  second: 1,
  minute: 60,
  hour: 3_600,
  day: 86_400,
  week: 604_800,
  month: 2_592_000,
  year: 31_536_000,
};

/**
 * What date-fns `formatDistanceStrict` prints with floor rounding, which is
 * what lemmy-ui shows. Weeks never come from it but some themes print them.
 * Years stop at 20: Lemmy dates from 2019, and a bound keeps `112 years ago`
 * from reading as 1 + 12 years.
 */
const STRICT_RANGE: Readonly<Record<TimeUnit, readonly [number, number]>> = {
  second: [0, 59],
  minute: [1, 59],
  hour: [1, 23],
  day: [1, 29],
  week: [1, 4],
  month: [1, 11],
  year: [1, 20],
};

/** Scores and ages longer than this are not a header but a number in the text. */
const MAX_DIGITS = 15;

const UNIT = '(second|minute|hour|day|week|month|year)';
/** Score and count run together: `176 months ago`. */
const RUN_ON = new RegExp(`^(-?)(\\d+) ${UNIT}(s?) ago$`, 'i');
/** Score and count kept apart by a space some browsers insert: `17 6 months ago`. */
const SPACED = new RegExp(`^(-?\\d+) (\\d+) ${UNIT}(s?) ago$`, 'i');
/** Times in words, from date-fns `formatDistance` and moment-style themes. */
const WORDY = new RegExp(
  '^(-?\\d+)? ?(just now|a few seconds ago|half a minute ago|less than a minute ago|' +
    `(?:an?) ${UNIT} ago|(less than|about|over|almost) (\\d{1,${MAX_DIGITS}}|an?) ${UNIT}s? ago)$`,
  'i',
);

/**
 * Every reading of a header line, in order of fewest score digits (no score
 * first); null when the line is not a header.
 *
 * Readings that date-fns could print (ranges above, "1 month" singular and
 * "2 months" plural) are preferred; only when none fits are other counts
 * accepted, so a theme with other wording still parses.
 */
export function splitHeader(line: string): HeaderReading[] | null {
  return splitTrimmedHeader(line.trim());
}

/** `splitHeader` for a line already trimmed; the parser calls this on every line. */
export function splitTrimmedHeader(text: string): HeaderReading[] | null {
  // Cheap test first: almost no body line ends like a time.
  if (!(endsWithWord(text, 'ago') || endsWithWord(text, 'now'))) return null;
  const fast = splitPlainRunOn(text);
  if (fast !== undefined) return fast;
  const line = text.replace(/\s+/g, ' ');
  let m = RUN_ON.exec(line);
  if (m) return splitRunOn(m[1] === '-', m[2]!, m[3]!.toLowerCase() as TimeUnit, m[4]!, line);
  m = SPACED.exec(line);
  if (m) {
    const score = parseScore(m[1]!);
    const count = m[2]!;
    if (score === undefined || !canonicalCount(count)) return null;
    const age = line.slice(m[1]!.length + 1);
    return [{ score, age, seconds: Number(count) * UNIT_SECONDS[m[3]!.toLowerCase() as TimeUnit] }];
  }
  m = WORDY.exec(line);
  if (m) {
    const score = m[1] === undefined ? null : parseScore(m[1]);
    if (score === undefined) return null;
    const age = m[2]!;
    return [{ score, age, seconds: wordySeconds(age.toLowerCase()) }];
  }
  return null;
}

/** "month ago" -> month, singular; "months ago" -> month, plural; and so on. */
const PLAIN_TAILS: ReadonlyArray<{ readonly tail: string; readonly unit: TimeUnit; readonly plural: string }> = (
  Object.keys(UNIT_SECONDS) as TimeUnit[]
).flatMap((unit) => [
  { tail: `${unit} ago`, unit, plural: '' },
  { tail: `${unit}s ago`, unit, plural: 's' },
]);

/**
 * The header as lemmy-ui prints nearly all of them (`176 months ago`), read
 * without regular expressions: the parser meets one per comment. undefined
 * when the line has another shape, for the general path to read.
 */
function splitPlainRunOn(text: string): HeaderReading[] | null | undefined {
  const negative = text.charCodeAt(0) === 0x2d;
  let i = negative ? 1 : 0;
  const digitsStart = i;
  while (i < text.length && isDigit(text.charCodeAt(i))) i++;
  if (i === digitsStart || text.charCodeAt(i) !== 0x20) return undefined;
  // The tail is compared in place, not sliced off: this runs once per comment.
  const length = text.length - i - 1;
  for (const { tail, unit, plural } of PLAIN_TAILS) {
    if (tail.length === length && text.startsWith(tail, i + 1))
      return splitRunOn(negative, text.slice(digitsStart, i), unit, plural, text);
  }
  return undefined;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function endsWithWord(text: string, word: string): boolean {
  const n = text.length;
  if (n < word.length) return false;
  for (let i = 0; i < word.length; i++) {
    if ((text.charCodeAt(n - word.length + i) | 0x20) !== word.charCodeAt(i)) return false;
  }
  return true;
}

/** A score as Lemmy prints it: no leading zero, no `-0`. undefined if not one. */
function parseScore(text: string): number | undefined {
  const digits = text.startsWith('-') ? text.slice(1) : text;
  if (digits.length === 0 || digits.length > MAX_DIGITS) return undefined;
  if (digits.length > 1 && digits.startsWith('0')) return undefined;
  if (digits === '0' && text !== digits) return undefined;
  return Number(text);
}

function canonicalCount(digits: string): boolean {
  return digits.length <= MAX_DIGITS && (digits.length === 1 || !digits.startsWith('0'));
}

function splitRunOn(
  negative: boolean,
  digits: string,
  unit: TimeUnit,
  plural: string,
  line: string,
): HeaderReading[] | null {
  if (digits.length > MAX_DIGITS) return null;
  const strict = splitsOf(negative, digits, unit, plural, line, true);
  if (strict.length > 0) return strict;
  const loose = splitsOf(negative, digits, unit, plural, line, false);
  return loose.length > 0 ? loose : null;
}

/** k = how many digits belong to the score; at least one digit is the count. */
function splitsOf(
  negative: boolean,
  digits: string,
  unit: TimeUnit,
  plural: string,
  line: string,
  strict: boolean,
): HeaderReading[] {
  // Nearly every header reads one way: an array is made for a second reading only
  // (an empty array's first push reserves room for 17).
  let only: HeaderReading | null = null;
  let readings: HeaderReading[] | null = null;
  const sign = negative ? 1 : 0;
  const [low, high] = STRICT_RANGE[unit];
  // Strict counts have at most two digits, so only the last splits can be strict.
  const first = strict ? Math.max(0, digits.length - 2) : 0;
  for (let k = first; k < digits.length; k++) {
    if (k === 0 ? negative : !canonicalScore(digits, k, negative)) continue;
    if (k < digits.length - 1 && digits.charCodeAt(k) === 0x30) continue; // a count has no leading zero
    const n = digitsValue(digits, k, digits.length);
    if (strict && !(n >= low && n <= high && (n === 1) === (plural === ''))) continue;
    const score = k === 0 ? null : negative ? -digitsValue(digits, 0, k) : digitsValue(digits, 0, k);
    const reading = { score, age: line.slice(sign + k), seconds: n * UNIT_SECONDS[unit] };
    if (only === null) only = reading;
    else if (readings === null) readings = [only, reading];
    else readings.push(reading);
  }
  return readings ?? (only === null ? [] : [only]);
}

/** `Number(digits.slice(from, to))` for ASCII digits, without the slice (MAX_DIGITS keeps it exact). */
function digitsValue(digits: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) n = n * 10 + (digits.charCodeAt(i) - 0x30);
  return n;
}

/** Whether the first k digits make a score as Lemmy prints it: no leading zero, no `-0`. */
function canonicalScore(digits: string, k: number, negative: boolean): boolean {
  if (digits.charCodeAt(0) !== 0x30) return true;
  return k === 1 && !negative;
}

/** Rough seconds for times in words; only their order matters. */
function wordySeconds(age: string): number {
  if (age === 'just now') return 0;
  if (age === 'a few seconds ago') return 10;
  if (age === 'half a minute ago' || age === 'less than a minute ago') return 30;
  const words = age.split(' ');
  const qualifier = words.length === 3 ? '' : words.length === 4 ? words[0]! : 'less than';
  const countWord = words[words.length - 3]!;
  const unit = words[words.length - 2]!.replace(/s$/, '') as TimeUnit;
  const count = countWord === 'a' || countWord === 'an' ? 1 : Number(countWord);
  const base = count * UNIT_SECONDS[unit];
  switch (qualifier) {
    case 'less than':
      return base / 2;
    case 'over':
      return base + UNIT_SECONDS[unit] / 2;
    case 'almost':
      return base - UNIT_SECONDS[unit] / 8;
    default:
      return base;
  }
}

/** What the thread says about one header's age. */
export interface AgeContext {
  /** No reply is older than its parent: the oldest a descendant can be, at least. */
  readonly atLeast: number;
  /** The youngest an ancestor can be, at most. */
  readonly atMost: number;
  /** The age most headers of the dump share, in seconds, or null if unknown. */
  readonly usual: number | null;
}

/**
 * Chooses among readings: first those the tree allows (a reply is not older
 * than its parent), then the one nearest the dump's usual age (most comments
 * of a dump are copied at once and share an age), then the fewest score
 * digits (most Lemmy comments score in single digits).
 */
export function pickReading(readings: readonly HeaderReading[], context: AgeContext): HeaderReading {
  if (readings.length === 0) throw new Error('pickReading needs at least one reading');
  let pool = readings.filter((r) => r.seconds >= context.atLeast && r.seconds <= context.atMost);
  // An inconsistent thread (edited timestamps, a mis-split ancestor) must not leave us with nothing.
  if (pool.length === 0) pool = [...readings];
  const usual = context.usual;
  if (usual === null) return pool[0]!;
  let best = pool[0]!;
  let bestDistance = distance(best.seconds, usual);
  for (const reading of pool) {
    const d = distance(reading.seconds, usual);
    if (d < bestDistance) {
      best = reading;
      bestDistance = d;
    }
  }
  return best;
}

function distance(seconds: number, usual: number): number {
  return Math.abs(Math.log1p(seconds) - Math.log1p(usual));
}
