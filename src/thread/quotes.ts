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

interface Ancestor {
  readonly id: string | null;
  readonly body: string;
  normalised?: string;
}

export function markQuotes(thread: Thread): Thread {
  const ids = new Set(thread.comments.map((c) => c.id));
  const children = new Map<string | null, Comment[]>();
  for (const c of thread.comments) {
    const parent = c.parentId !== null && ids.has(c.parentId) ? c.parentId : null;
    const list = children.get(parent);
    if (list) list.push(c);
    else children.set(parent, [c]);
  }

  const quotes = new Map<string, QuoteSpan[]>();
  // Shingle -> index (in `ancestors`) of the nearest comment on the current
  // path that contains it. Entering a comment overwrites; leaving restores.
  const onPath = new PathIndex();
  const ancestors: Ancestor[] = [];

  /** Adds a text's shingles to the path; returns what to restore on leaving: [key, previous, ...]. */
  const push = (id: string | null, body: string, ws: Words): number[] => {
    const depth = ancestors.length;
    const undo: number[] = [];
    for (let i = 0; i + SHINGLE <= ws.count; i++) {
      const key = shingleKey(ws, i);
      const previous = onPath.get(key);
      if (previous === depth) continue;
      undo.push(key, previous);
      onPath.set(key, depth);
    }
    ancestors.push({ id, body });
    return undo;
  };
  const pop = (undo: readonly number[]): void => {
    for (let k = undo.length - 2; k >= 0; k -= 2) {
      const previous = undo[k + 1]!;
      if (previous < 0) onPath.delete(undo[k]!);
      else onPath.set(undo[k]!, previous);
    }
    ancestors.pop();
  };

  const postText = [thread.post.title ?? '', thread.post.body].filter(Boolean).join('\n\n');
  const rootUndo = postText ? push(null, postText, words(postText)) : null;

  // Iterative walk: reply chains can be far deeper than the call stack. A
  // comment is on the stack until its replies are done; `undo` holds what
  // leaving it restores (null: not entered yet).
  const stack: Comment[] = [...(children.get(null) ?? [])].reverse();
  const undos: Array<number[] | null> = stack.map(() => null);
  while (stack.length > 0) {
    const top = stack.length - 1;
    const comment = stack[top]!;
    const entered = undos[top];
    if (entered != null) {
      pop(entered);
      stack.pop();
      undos.pop();
      continue;
    }
    const bodyWords = words(comment.body);
    quotes.set(comment.id, findQuotes(comment.body, bodyWords, onPath, ancestors));
    const kids = children.get(comment.id);
    if (!kids) {
      // A leaf's words are nobody's ancestor's: nothing to index or restore.
      stack.pop();
      undos.pop();
      continue;
    }
    undos[top] = push(comment.id, comment.body, bodyWords);
    for (let k = kids.length - 1; k >= 0; k--) {
      stack.push(kids[k]!);
      undos.push(null);
    }
  }
  if (rootUndo) pop(rootUndo);

  return { ...thread, comments: thread.comments.map((c) => ({ ...c, quotes: quotes.get(c.id) ?? [] })) };
}

/** Quote spans of one body, given the shingles and texts of its ancestors. */
function findQuotes(body: string, bodyWords: Words, onPath: PathIndex, ancestors: Ancestor[]): QuoteSpan[] {
  if (body.length === 0) return [];
  const spans: QuoteSpan[] = body.includes('>') ? markdownQuotes(body) : [];

  for (const q of QUOTE_CHAR.test(body) ? quotedSegments(body) : NO_SEGMENTS) {
    if (overlapsAny(spans, q.start, q.end)) continue;
    const source = ancestors.length > 0 ? ancestorSaying(body, bodyWords, q.innerStart, q.innerEnd, onPath, ancestors) : undefined;
    if (source !== undefined) spans.push({ start: q.start, end: q.end, kind: 'ancestor', sourceId: source });
    else if (q.wholeParagraph) spans.push({ start: q.start, end: q.end, kind: 'quotation' });
  }

  if (onPath.size > 0 && bodyWords.count >= MIN_COPY_WORDS) {
    for (const copy of copiedRuns(body, bodyWords, onPath, ancestors)) {
      for (const piece of subtract(copy.start, copy.end, spans)) {
        if (countWords(bodyWords, piece.start, piece.end) >= 2) spans.push({ start: piece.start, end: piece.end, kind: 'ancestor', sourceId: copy.sourceId });
      }
    }
  }
  if (spans.length > 1) spans.sort(byStart);
  return spans;
}

const NO_SEGMENTS: readonly QuotedSegment[] = [];

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
      if (last && body.slice(last.end, start).trim() === '' && !body.slice(last.end, start).includes('\n\n')) last.end = end;
      else spans.push({ start, end, kind: 'markdown' });
    }
    if (nl === -1) break;
    lineStart = nl + 1;
  }
  return spans;
}

const QUOTE_CHAR = /["“«„»「]/;
const OPEN_TO_CLOSE: Readonly<Record<string, string>> = { '"': '"', '“': '”', '«': '»', '„': '“”', '»': '«', '「': '」' };

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
        out.push({ start: i, end: wholeParagraph ? trimEnd(body, end, para.end) : end, innerStart, innerEnd, wholeParagraph });
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
function ancestorSaying(body: string, ws: Words, start: number, end: number, onPath: PathIndex, ancestors: Ancestor[]): string | null | undefined {
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
    return ancestors[holder]!.id;
  }
  const needle = normaliseWords(body.slice(start, end));
  if (needle.length < 3) return undefined;
  const padded = ` ${needle} `;
  for (let k = ancestors.length - 1, seen = 0; k >= 0 && seen < MAX_ANCESTORS_FOR_SHORT_QUOTES; k--, seen++) {
    const a = ancestors[k]!;
    a.normalised ??= ` ${normaliseWords(a.body)} `;
    if (a.normalised.includes(padded)) return a.id;
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
    if (c0 < 128 ? !((c0 >= 97 && c0 <= 122) || (c0 >= 65 && c0 <= 90) || (c0 >= 48 && c0 <= 57)) : !isWordChar(text, i)) {
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
function copiedRuns(body: string, ws: Words, onPath: PathIndex, ancestors: readonly Ancestor[]): Array<{ start: number; end: number; sourceId: string | null }> {
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
      out.push({ ...widen(body, ws.start[first]!, ws.end[last + SHINGLE - 1]!), sourceId: ancestors[source]!.id });
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
 * thread, which a Map makes the slowest part of marking quotes.
 */
class PathIndex {
  private keys = new Int32Array(1 << 12);
  private values = new Int32Array(1 << 12);
  private used = 0;
  private live = 0;

  get size(): number {
    return this.live;
  }

  /** The value for `key`, or -1. */
  get(key: number): number {
    const stored = key + 1;
    const mask = this.keys.length - 1;
    for (let slot = hashSlot(key, mask); ; slot = (slot + 1) & mask) {
      const k = this.keys[slot]!;
      if (k === stored) return this.values[slot]!;
      if (k === EMPTY) return -1;
    }
  }

  set(key: number, value: number): void {
    const stored = key + 1;
    const mask = this.keys.length - 1;
    let free = -1;
    for (let slot = hashSlot(key, mask); ; slot = (slot + 1) & mask) {
      const k = this.keys[slot]!;
      if (k === stored) {
        this.values[slot] = value;
        return;
      }
      if (k === TOMBSTONE && free < 0) free = slot;
      if (k === EMPTY) {
        if (free < 0) {
          free = slot;
          this.used++;
        }
        break;
      }
    }
    this.keys[free] = stored;
    this.values[free] = value;
    this.live++;
    if (this.used * 2 > this.keys.length) this.rehash();
  }

  delete(key: number): void {
    const stored = key + 1;
    const mask = this.keys.length - 1;
    for (let slot = hashSlot(key, mask); ; slot = (slot + 1) & mask) {
      const k = this.keys[slot]!;
      if (k === stored) {
        this.keys[slot] = TOMBSTONE;
        this.live--;
        return;
      }
      if (k === EMPTY) return;
    }
  }

  /** Drops tombstones, and doubles the table when live keys fill a quarter of it. */
  private rehash(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    const size = this.live * 4 > oldKeys.length ? oldKeys.length * 2 : oldKeys.length;
    this.keys = new Int32Array(size);
    this.values = new Int32Array(size);
    this.used = 0;
    this.live = 0;
    for (let i = 0; i < oldKeys.length; i++) {
      const k = oldKeys[i]!;
      if (k !== EMPTY && k !== TOMBSTONE) this.set(k - 1, oldValues[i]!);
    }
  }
}

const EMPTY = 0;
const TOMBSTONE = -1;

function hashSlot(key: number, mask: number): number {
  return Math.imul(key, 0x9e3779b1) >>> 7 & mask;
}

function countWords(ws: Words, start: number, end: number): number {
  let n = 0;
  for (let i = 0; i < ws.count; i++) if (ws.start[i]! >= start && ws.end[i]! <= end) n++;
  return n;
}
