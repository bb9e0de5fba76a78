/**
 * Marks the parts of each comment that are someone else's words, so the
 * flagger does not blame a reply for the insult it quotes (a moderator citing
 * "you ignorant idiot" is not insulting anyone).
 *
 * Three kinds (see QuoteKind): Markdown `>` lines; a whole paragraph in
 * quotation marks; and an ancestor's words repeated, in quotation marks or
 * copied verbatim without them.
 *
 * Copies are found with word 4-gram shingles. A depth-first walk keeps a hash
 * map of the shingles on the path from the root to the current comment
 * (added on the way down, removed on the way back up), so each comment is
 * checked against all its ancestors at once, and the whole thread costs time
 * linear in its number of words.
 */
import type { Comment, QuoteSpan, Thread } from './schema.js';

/** Words in a row that must repeat an ancestor before an unquoted copy counts as a quote. */
export const MIN_COPY_WORDS = 7;
const SHINGLE = 4;
/** Ancestors searched for a quoted phrase shorter than a shingle, nearest first. */
const MAX_ANCESTORS_FOR_SHORT_QUOTES = 16;

/** Words of a text: parallel arrays of start and end offsets and 30-bit hashes. */
interface Words {
  readonly count: number;
  readonly start: Int32Array;
  readonly end: Int32Array;
  readonly hash: Int32Array;
}

/** Texts on the path from the root to the current comment, nearest last. */
class Ancestors {
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

/**
 * Returns the thread with `quotes` filled in on copies of its comments; the
 * input is left untouched.
 */
export function markQuotes(thread: Thread): Thread {
  const found = quoteSpans(thread);
  const comments = thread.comments.map((c, i): Comment => ({ ...c, quotes: found[i] ?? [] }));
  return { ...thread, comments };
}

/**
 * Fills in `quotes` on the thread's own comment objects and returns the same
 * thread. For a caller that owns the comments (`parseDump`, on the objects
 * its parser just made): a 200,000-comment dump then is not copied a second
 * time. The result is what `markQuotes` returns.
 */
export function markQuotesInPlace(thread: Thread): Thread {
  const found = quoteSpans(thread);
  const { comments } = thread;
  for (let i = 0; i < comments.length; i++) {
    const c = comments[i]!;
    const spans = found[i];
    // A comment with nothing quoted keeps the parser's own empty array.
    if (spans !== undefined) c.quotes = spans;
    else if (c.quotes.length > 0) c.quotes = [];
  }
  return thread;
}

/**
 * Quote spans per comment index; undefined where nothing is quoted.
 * Comments sharing an id (no parser makes them) share the spans of the last
 * one visited, and the replies naming that id hang under each of them.
 */
function quoteSpans(thread: Thread): Array<QuoteSpan[] | undefined> {
  const { comments } = thread;
  const n = comments.length;
  const found = new Array<QuoteSpan[] | undefined>(n);
  if (n === 0) return found;

  // The first comment with each id stands for all with that id. Children are
  // singly linked lists in typed arrays (index n is the root), in input order.
  const firstWithId = new Map<string, number>();
  const canonical = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const id = comments[i]!.id;
    const first = firstWithId.get(id);
    if (first === undefined) {
      firstWithId.set(id, i);
      canonical[i] = i;
    } else canonical[i] = first;
  }
  const firstChild = new Int32Array(n + 1).fill(-1);
  const nextSibling = new Int32Array(n).fill(-1);
  for (let i = n - 1; i >= 0; i--) {
    const parentId = comments[i]!.parentId;
    const parent = parentId === null ? undefined : firstWithId.get(parentId);
    const list = parent === undefined ? n : parent;
    nextSibling[i] = firstChild[list]!;
    firstChild[list] = i;
  }

  // Shingle -> index (in `ancestors`) of the nearest text on the current
  // path that contains it. Entering a comment overwrites; leaving restores
  // from the undo log, a stack of (key, previous) pairs.
  const onPath = new PathIndex();
  const ancestors = new Ancestors();
  const undo = new UndoLog();

  /** Adds a text's shingles to the path. */
  const enter = (id: string | null, body: string, ws: Words): void => {
    const depth = ancestors.length;
    for (let i = 0; i + SHINGLE <= ws.count; i++) {
      const key = shingleKey(ws, i);
      const previous = onPath.get(key);
      if (previous === depth) continue;
      undo.push(key, previous);
      onPath.set(key, depth);
    }
    ancestors.push(id, body);
  };
  /** Restores the path as it was when the undo log had `mark` entries. */
  const leave = (mark: number): void => {
    const log = undo.entries;
    for (let k = undo.length - 2; k >= mark; k -= 2) {
      const previous = log[k + 1]!;
      if (previous < 0) onPath.delete(log[k]!);
      else onPath.set(log[k]!, previous);
    }
    undo.length = mark;
    ancestors.pop();
  };

  const postText = [thread.post.title ?? '', thread.post.body].filter(Boolean).join('\n\n');
  if (postText) enter(null, postText, words(postText));

  // Iterative depth-first walk: reply chains can be far deeper than the call
  // stack. `path` holds the comments entered, `marks` the undo log length
  // before each; `next` is the comment to visit next (-1: the top's replies
  // are done).
  const path: number[] = [];
  const marks: number[] = [];
  let next = firstChild[n]!;
  for (;;) {
    if (next < 0) {
      if (path.length === 0) break;
      leave(marks.pop()!);
      next = nextSibling[path.pop()!]!;
      continue;
    }
    const comment = comments[next]!;
    const self = canonical[next]!;
    const bodyWords = words(comment.body);
    const spans = findQuotes(comment.body, bodyWords, onPath, ancestors);
    found[self] = spans === NONE ? undefined : (spans as QuoteSpan[]);
    const kids = firstChild[self]!;
    if (kids < 0) {
      // A leaf's words are nobody's ancestor's: nothing to index or restore.
      next = nextSibling[next]!;
      continue;
    }
    path.push(next);
    marks.push(undo.length);
    enter(comment.id, comment.body, bodyWords);
    next = kids;
  }

  for (let i = 0; i < n; i++) if (canonical[i] !== i) found[i] = found[canonical[i]!];
  return found;
}

/** A growable stack of ints, reused by every walk: no garbage per comment. */
class UndoLog {
  entries = new Int32Array(1 << 12);
  length = 0;

  push(key: number, previous: number): void {
    if (this.length + 2 > this.entries.length) {
      const bigger = new Int32Array(this.entries.length * 2);
      bigger.set(this.entries);
      this.entries = bigger;
    }
    this.entries[this.length] = key;
    this.entries[this.length + 1] = previous;
    this.length += 2;
  }
}

/** Quote spans of one body, given the shingles and texts of its ancestors; NONE (shared, never to be changed) when nothing is quoted. */
function findQuotes(body: string, bodyWords: Words, onPath: PathIndex, ancestors: Ancestors): readonly QuoteSpan[] {
  if (body.length === 0) return NONE;
  // Most bodies quote nothing: the array is made on the first span.
  let spans: QuoteSpan[] | null = body.includes('>') ? markdownQuotes(body) : null;

  if (QUOTE_CHAR.test(body)) {
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

const NONE: readonly QuoteSpan[] = [];
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

const QUOTE_CHAR = /["“«„»「]/;
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
  onPath: PathIndex,
  ancestors: Ancestors,
): string | null | undefined {
  let first = 0;
  while (first < ws.count && ws.start[first]! < start) first++;
  let last = first;
  while (last < ws.count && ws.end[last]! <= end) last++;
  const n = last - first;
  if (n === 0) return undefined;
  if (n >= SHINGLE) {
    const holder = onPath.get(shingleKey(ws, first));
    if (holder < 0) return undefined;
    for (let i = first + 1; i + SHINGLE <= last; i++) if (onPath.get(shingleKey(ws, i)) < 0) return undefined;
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

const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

/** Lower-case words joined by single spaces: punctuation, quotes and spacing do not matter. */
function normaliseWords(text: string): string {
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
function words(text: string): Words {
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
function shingleKey(ws: Words, i: number): number {
  let a = 0x9e3779b9;
  for (let k = i; k < i + SHINGLE; k++) a = Math.imul(a ^ ws.hash[k]!, 0x01000193) ^ (a >>> 15);
  return a & 0x3fffffff;
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
  onPath: PathIndex,
  ancestors: Ancestors,
): Array<{ start: number; end: number; sourceId: string | null }> {
  const out: Array<{ start: number; end: number; sourceId: string | null }> = [];
  const shingles = ws.count - SHINGLE + 1;
  let covered = -1;
  for (let probe = 0; probe < shingles; probe += RUN) {
    if (probe <= covered) continue;
    const holder = onPath.get(shingleKey(ws, probe));
    if (holder < 0) continue;
    let first = probe;
    while (first > covered + 1 && first > 0 && onPath.get(shingleKey(ws, first - 1)) >= 0) first--;
    let last = probe;
    while (last + 1 < shingles && onPath.get(shingleKey(ws, last + 1)) >= 0) last++;
    covered = last;
    if (last - first + 1 >= RUN) {
      const source = onPath.get(shingleKey(ws, first));
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

/**
 * Open-addressing hash table from 30-bit keys to non-negative ints, in typed
 * arrays: the path index takes millions of set/delete calls on a big
 * thread, which a Map makes the slowest part of marking quotes. Linear
 * probing with backward-shift deletion: no tombstones, so probe chains stay
 * short and the table is rebuilt only to grow.
 */
class PathIndex {
  /** key + 1, 0 for an empty slot. */
  private keys = new Int32Array(1 << 12);
  private values = new Int32Array(1 << 12);
  private live = 0;

  get size(): number {
    return this.live;
  }

  /** The value for `key`, or -1. */
  get(key: number): number {
    const stored = key + 1;
    const keys = this.keys;
    const mask = keys.length - 1;
    for (let slot = hashSlot(key, mask); ; slot = (slot + 1) & mask) {
      const k = keys[slot]!;
      if (k === stored) return this.values[slot]!;
      if (k === EMPTY) return -1;
    }
  }

  set(key: number, value: number): void {
    const stored = key + 1;
    const keys = this.keys;
    const mask = keys.length - 1;
    let slot = hashSlot(key, mask);
    for (; ; slot = (slot + 1) & mask) {
      const k = keys[slot]!;
      if (k === stored) {
        this.values[slot] = value;
        return;
      }
      if (k === EMPTY) break;
    }
    keys[slot] = stored;
    this.values[slot] = value;
    this.live++;
    if (this.live * 2 > keys.length) this.grow();
  }

  delete(key: number): void {
    const stored = key + 1;
    const keys = this.keys;
    const values = this.values;
    const mask = keys.length - 1;
    let hole = hashSlot(key, mask);
    for (; ; hole = (hole + 1) & mask) {
      const k = keys[hole]!;
      if (k === stored) break;
      if (k === EMPTY) return;
    }
    this.live--;
    // Pull later entries of the probe run back into the hole, unless their
    // home slot lies cyclically in (hole, slot]: they must stay reachable.
    for (let slot = (hole + 1) & mask; ; slot = (slot + 1) & mask) {
      const k = keys[slot]!;
      if (k === EMPTY) break;
      const home = hashSlot(k - 1, mask);
      if (hole <= slot ? hole < home && home <= slot : hole < home || home <= slot) continue;
      keys[hole] = k;
      values[hole] = values[slot]!;
      hole = slot;
    }
    keys[hole] = EMPTY;
  }

  /** Doubles the table. */
  private grow(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    this.keys = new Int32Array(oldKeys.length * 2);
    this.values = new Int32Array(oldKeys.length * 2);
    this.live = 0;
    for (let i = 0; i < oldKeys.length; i++) {
      const k = oldKeys[i]!;
      if (k !== EMPTY) this.set(k - 1, oldValues[i]!);
    }
  }
}

const EMPTY = 0;

function hashSlot(key: number, mask: number): number {
  return (Math.imul(key, 0x9e3779b1) >>> 7) & mask;
}

function countWords(ws: Words, start: number, end: number): number {
  let n = 0;
  for (let i = 0; i < ws.count; i++) if (ws.start[i]! >= start && ws.end[i]! <= end) n++;
  return n;
}
