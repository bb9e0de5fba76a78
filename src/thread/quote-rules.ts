/**
 * The quote rules: which parts of one comment's body are someone else's
 * words, given the texts of its ancestors. `quotes.ts` walks the thread and
 * keeps the ancestors' shingles in an index; this file decides, body by body.
 *
 * Three kinds (see QuoteKind): Markdown `>` lines; a whole paragraph in
 * quotation marks; and an ancestor's words repeated, in quotation marks or
 * copied verbatim without them (MIN_COPY_WORDS or more in a row).
 */
import type { QuoteSpan } from './schema.js';
import type { IntMap } from './int-map.js';
import { SHINGLE, countWords, normaliseWords, type Words } from './shingles.js';

/** Words in a row that must repeat an ancestor before an unquoted copy counts as a quote. */
export const MIN_COPY_WORDS = 7;
/** Ancestors searched for a quoted phrase shorter than a shingle, nearest first. */
const MAX_ANCESTORS_FOR_SHORT_QUOTES = 16;

/** Texts on the path from the root to the current comment, nearest last. */
export class Ancestors {
  readonly ids: Array<string | null> = [];
  readonly bodies: string[] = [];
  /** normaliseWords of each body, padded with spaces; made only when a short quote needs it. */
  readonly normalised: Array<string | undefined> = [];

  get length(): number {
    return this.ids.length;
  }

  push(id: string | null, body: string): void {
    this.ids.push(id);
    this.bodies.push(body);
    this.normalised.push(undefined);
  }

  pop(): void {
    this.ids.pop();
    this.bodies.pop();
    this.normalised.pop();
  }
}

/** Quote spans of one body (`bodyWords` = `words(body)`), given the shingles and texts of its ancestors; NONE (shared, never to be changed) when nothing is quoted. */
export function findQuotes(body: string, bodyWords: Words, onPath: IntMap, ancestors: Ancestors): readonly QuoteSpan[] {
  if (body.length === 0) return NONE;
  // Most bodies quote nothing: the array is made on the first span.
  // `words` noted any `>` and quotation mark on its way through the body.
  let spans: QuoteSpan[] | null = bodyWords.hasAngle ? markdownQuotes(body) : null;

  if (bodyWords.hasQuoteMark) {
    for (const q of quotedSegments(body)) {
      if (spans !== null && overlapsAny(spans, q.start, q.end)) continue;
      const source =
        ancestors.length > 0 ? ancestorSaying(body, bodyWords, q.innerStart, q.innerEnd, onPath, ancestors) : undefined;
      if (source !== undefined) (spans ??= []).push({ start: q.start, end: q.end, kind: 'ancestor', sourceId: source });
      else if (q.wholeParagraph) (spans ??= []).push({ start: q.start, end: q.end, kind: 'quotation' });
    }
  }

  if (onPath.size > 0 && bodyWords.count >= MIN_COPY_WORDS) {
    for (const copy of copiedRuns(body, bodyWords, onPath, ancestors)) {
      for (const piece of subtract(copy.start, copy.end, spans ?? NONE)) {
        if (countWords(bodyWords, piece.start, piece.end) >= 2)
          (spans ??= []).push({ start: piece.start, end: piece.end, kind: 'ancestor', sourceId: copy.sourceId });
      }
    }
  }
  if (spans === null || spans.length === 0) return NONE;
  if (spans.length > 1) spans.sort(byStart);
  return spans;
}

export const NONE: readonly QuoteSpan[] = [];

/**
 * False when `findQuotes` is sure to find nothing in a body with words
 * `bodyWords`, known without the body's text: no `>`, no quotation mark, and
 * no shingle of those `copiedRuns` probes is on the path. The quote worker
 * then need not decode the body.
 */
export function mayQuote(bodyWords: Words, onPath: IntMap): boolean {
  if (bodyWords.hasAngle || bodyWords.hasQuoteMark) return true;
  if (onPath.size === 0 || bodyWords.count < MIN_COPY_WORDS) return false;
  const shingles = bodyWords.count - SHINGLE + 1;
  for (let probe = 0; probe < shingles; probe += RUN) if (onPath.get(bodyWords.key[probe]!) >= 0) return true;
  return false;
}
function overlapsAny(spans: readonly QuoteSpan[], start: number, end: number): boolean {
  for (const s of spans) if (s.start < end && start < s.end) return true;
  return false;
}

function byStart(a: QuoteSpan, b: QuoteSpan): number {
  return a.start - b.start;
}

/** Markdown block quotes: consecutive lines starting with `>` (up to 3 spaces of indent). */
function markdownQuotes(body: string): QuoteSpan[] {
  const spans: QuoteSpan[] = [];
  let lineStart = 0;
  while (lineStart <= body.length) {
    const nl = body.indexOf('\n', lineStart);
    const lineEnd = nl === -1 ? body.length : nl;
    const m = /^[ \t]{0,3}>/.exec(body.slice(lineStart, Math.min(lineEnd, lineStart + 5)));
    if (m) {
      const start = lineStart + m[0].length - 1;
      const end = trimEnd(body, start, lineEnd);
      const last = spans[spans.length - 1];
      // A blank line between two `>` lines still belongs to the same block only if it is itself quoted; join adjacent lines.
      if (last && body.slice(last.end, start).trim() === '' && !body.slice(last.end, start).includes('\n\n'))
        last.end = end;
      else spans.push({ start, end, kind: 'markdown' });
    }
    if (nl === -1) break;
    lineStart = nl + 1;
  }
  return spans;
}

const OPEN_TO_CLOSE: Readonly<Record<string, string>> = {
  '"': '"',
  '“': '”',
  '«': '»',
  '„': '“”',
  '»': '«',
  '「': '」',
};

interface QuotedSegment {
  readonly start: number;
  readonly end: number;
  readonly innerStart: number;
  readonly innerEnd: number;
  /** The segment is its paragraph (give or take trailing punctuation). */
  readonly wholeParagraph: boolean;
}

/** Text in double quotation marks (straight or curly), never running across a blank line. */
function quotedSegments(body: string): QuotedSegment[] {
  const out: QuotedSegment[] = [];
  for (const para of paragraphs(body)) {
    let i = para.start;
    while (i < para.end) {
      const closeChars = OPEN_TO_CLOSE[body[i]!];
      if (!closeChars) {
        i++;
        continue;
      }
      let j = i + 1;
      while (j < para.end && !closeChars.includes(body[j]!)) j++;
      if (j >= para.end) break;
      const innerStart = i + 1;
      const innerEnd = j;
      const end = j + 1;
      if (/[\p{L}\p{N}]/u.test(body.slice(innerStart, innerEnd))) {
        const tail = body.slice(end, para.end);
        const wholeParagraph = i === para.start && /^[\s.,!?;:…]{0,3}$/.test(tail);
        out.push({
          start: i,
          end: wholeParagraph ? trimEnd(body, end, para.end) : end,
          innerStart,
          innerEnd,
          wholeParagraph,
        });
      }
      i = end;
    }
  }
  return out;
}

function paragraphs(body: string): Array<{ start: number; end: number }> {
  const out: Array<{ start: number; end: number }> = [];
  const re = /\n[ \t]*\n/g;
  let start = 0;
  for (let m = re.exec(body); m !== null; m = re.exec(body)) {
    pushTrimmed(body, start, m.index, out);
    start = m.index + m[0].length;
  }
  pushTrimmed(body, start, body.length, out);
  return out;
}

function pushTrimmed(body: string, start: number, end: number, out: Array<{ start: number; end: number }>): void {
  while (start < end && /\s/.test(body[start]!)) start++;
  end = trimEnd(body, start, end);
  if (end > start) out.push({ start, end });
}

function trimEnd(body: string, start: number, end: number): number {
  while (end > start && /\s/.test(body[end - 1]!)) end--;
  return end;
}

/**
 * The id of the nearest ancestor that said `body[start, end)` word for word,
 * or undefined. Phrases of SHINGLE words or more are looked up in the path
 * index (every shingle must be there); shorter ones ("you idiot") are
 * searched for in the texts of the nearest few ancestors.
 */
function ancestorSaying(
  body: string,
  ws: Words,
  start: number,
  end: number,
  onPath: IntMap,
  ancestors: Ancestors,
): string | null | undefined {
  let first = 0;
  while (first < ws.count && ws.start[first]! < start) first++;
  let last = first;
  while (last < ws.count && ws.end[last]! <= end) last++;
  const n = last - first;
  if (n === 0) return undefined;
  if (n >= SHINGLE) {
    const holder = onPath.get(ws.key[first]!);
    if (holder < 0) return undefined;
    for (let i = first + 1; i + SHINGLE <= last; i++) if (onPath.get(ws.key[i]!) < 0) return undefined;
    return ancestors.ids[holder]!;
  }
  const needle = normaliseWords(body.slice(start, end));
  if (needle.length < 3) return undefined;
  const padded = ` ${needle} `;
  for (let k = ancestors.length - 1, seen = 0; k >= 0 && seen < MAX_ANCESTORS_FOR_SHORT_QUOTES; k--, seen++) {
    let text = ancestors.normalised[k];
    if (text === undefined) text = ancestors.normalised[k] = ` ${normaliseWords(ancestors.bodies[k]!)} `;
    if (text.includes(padded)) return ancestors.ids[k]!;
  }
  return undefined;
}

/**
 * Runs of at least MIN_COPY_WORDS words whose shingles all occur in an
 * ancestor. Such a run spans RUN consecutive shingles, so it contains a
 * shingle at a multiple of RUN: only those are probed, and a hit is widened
 * both ways.
 */
function copiedRuns(
  body: string,
  ws: Words,
  onPath: IntMap,
  ancestors: Ancestors,
): Array<{ start: number; end: number; sourceId: string | null }> {
  const out: Array<{ start: number; end: number; sourceId: string | null }> = [];
  const shingles = ws.count - SHINGLE + 1;
  let covered = -1;
  for (let probe = 0; probe < shingles; probe += RUN) {
    if (probe <= covered) continue;
    const holder = onPath.get(ws.key[probe]!);
    if (holder < 0) continue;
    let first = probe;
    while (first > covered + 1 && first > 0 && onPath.get(ws.key[first - 1]!) >= 0) first--;
    let last = probe;
    while (last + 1 < shingles && onPath.get(ws.key[last + 1]!) >= 0) last++;
    covered = last;
    if (last - first + 1 >= RUN) {
      const source = onPath.get(ws.key[first]!);
      out.push({ ...widen(body, ws.start[first]!, ws.end[last + SHINGLE - 1]!), sourceId: ancestors.ids[source]! });
    }
  }
  return out;
}

/** Shingles in a run of MIN_COPY_WORDS words. */
const RUN = MIN_COPY_WORDS - SHINGLE + 1;

/** Takes in the quotation marks and sentence punctuation around a copied run. */
function widen(body: string, start: number, end: number): { start: number; end: number } {
  while (end < body.length && /[.,!?;:…"”»'’)]/.test(body[end]!)) end++;
  while (start > 0 && /["“„«'‘(]/.test(body[start - 1]!)) start--;
  return { start, end };
}

/** Parts of [start, end) not covered by `spans`. */
function subtract(start: number, end: number, spans: readonly QuoteSpan[]): Array<{ start: number; end: number }> {
  let pieces = [{ start, end }];
  for (const s of spans) {
    const next: Array<{ start: number; end: number }> = [];
    for (const p of pieces) {
      if (s.end <= p.start || s.start >= p.end) next.push(p);
      else {
        if (s.start > p.start) next.push({ start: p.start, end: s.start });
        if (s.end < p.end) next.push({ start: s.end, end: p.end });
      }
    }
    pieces = next;
  }
  return pieces;
}
