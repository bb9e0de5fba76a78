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
export const MIN_COPY_WORDS = 5;
const SHINGLE = 4;
/** Ancestors searched for a quoted phrase, nearest first. */
const MAX_ANCESTORS_FOR_QUOTED = 64;

interface Word {
  readonly start: number;
  readonly end: number;
  readonly hash: number;
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
  const onPath = new Map<number, Array<string | null>>();
  const ancestors: Ancestor[] = [];

  const postText = [thread.post.title ?? '', thread.post.body].filter(Boolean).join('\n\n');
  const push = (id: string | null, body: string, words: readonly Word[]): number[] => {
    const keys = [...new Set(shingles(words))];
    for (const key of keys) {
      const holders = onPath.get(key);
      if (holders) holders.push(id);
      else onPath.set(key, [id]);
    }
    ancestors.push({ id, body });
    return keys;
  };
  const pop = (keys: readonly number[]): void => {
    for (const key of keys) {
      const holders = onPath.get(key)!;
      holders.pop();
      if (holders.length === 0) onPath.delete(key);
    }
    ancestors.pop();
  };

  const rootKeys = postText ? push(null, postText, words(postText)) : null;

  // Iterative walk: reply chains can be far deeper than the call stack.
  type Frame = { readonly comment: Comment; keys: number[] | null };
  const stack: Frame[] = [...(children.get(null) ?? [])].reverse().map((comment) => ({ comment, keys: null }));
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.keys !== null) {
      pop(frame.keys);
      stack.pop();
      continue;
    }
    const { comment } = frame;
    const bodyWords = words(comment.body);
    quotes.set(comment.id, findQuotes(comment.body, bodyWords, onPath, ancestors));
    frame.keys = push(comment.id, comment.body, bodyWords);
    const kids = children.get(comment.id);
    if (kids) for (let k = kids.length - 1; k >= 0; k--) stack.push({ comment: kids[k]!, keys: null });
  }
  if (rootKeys) pop(rootKeys);

  return { ...thread, comments: thread.comments.map((c) => ({ ...c, quotes: quotes.get(c.id) ?? [] })) };
}

/** Quote spans of one body, given the shingles and texts of its ancestors. */
function findQuotes(body: string, bodyWords: readonly Word[], onPath: ReadonlyMap<number, ReadonlyArray<string | null>>, ancestors: Ancestor[]): QuoteSpan[] {
  if (body.length === 0) return [];
  const spans: QuoteSpan[] = markdownQuotes(body);
  const covered = (start: number, end: number): boolean => spans.some((s) => s.start < end && start < s.end);

  for (const q of quotedSegments(body)) {
    if (covered(q.start, q.end)) continue;
    const source = ancestors.length > 0 ? ancestorSaying(body.slice(q.innerStart, q.innerEnd), ancestors) : undefined;
    if (source !== undefined) spans.push({ start: q.start, end: q.end, kind: 'ancestor', sourceId: source });
    else if (q.wholeParagraph) spans.push({ start: q.start, end: q.end, kind: 'quotation' });
  }

  if (onPath.size > 0 && bodyWords.length >= MIN_COPY_WORDS) {
    for (const copy of copiedRuns(body, bodyWords, onPath)) {
      for (const piece of subtract(copy.start, copy.end, spans)) {
        if (countWords(bodyWords, piece.start, piece.end) >= 2) spans.push({ start: piece.start, end: piece.end, kind: 'ancestor', sourceId: copy.sourceId });
      }
    }
  }
  spans.sort((a, b) => a.start - b.start);
  return spans;
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

/** The id of the nearest ancestor that said `phrase` (word for word), or undefined. */
function ancestorSaying(phrase: string, ancestors: Ancestor[]): string | null | undefined {
  const needle = normaliseWords(phrase);
  if (needle.length < 3) return undefined;
  const padded = ` ${needle} `;
  for (let k = ancestors.length - 1, seen = 0; k >= 0 && seen < MAX_ANCESTORS_FOR_QUOTED; k--, seen++) {
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

function words(text: string): Word[] {
  const out: Word[] = [];
  WORD.lastIndex = 0;
  for (let m = WORD.exec(text); m !== null; m = WORD.exec(text)) out.push({ start: m.index, end: m.index + m[0].length, hash: hashWord(m[0]) });
  return out;
}

/** FNV-1a over the lower-cased word, curly apostrophes made straight. */
function hashWord(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) {
    let c = word.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    else if (c === 0x2019) c = 39;
    else if (c > 127) c = word[i]!.toLowerCase().charCodeAt(0);
    h = Math.imul(h ^ c, 0x01000193);
  }
  return h >>> 0;
}

/** One number per run of SHINGLE words, from two independent 32-bit mixes (52 bits: collisions are negligible). */
function shingleKey(ws: readonly Word[], i: number): number {
  let a = 0x9e3779b9;
  let b = 0x85ebca6b;
  for (let k = i; k < i + SHINGLE; k++) {
    const h = ws[k]!.hash;
    a = Math.imul(a ^ h, 0x01000193);
    b = Math.imul((b + h) | 0, 0xc2b2ae35) ^ (b >>> 15);
  }
  return (a >>> 0) * 0x100000 + ((b >>> 12) & 0xfffff);
}

function shingles(ws: readonly Word[]): number[] {
  const out: number[] = [];
  for (let i = 0; i + SHINGLE <= ws.length; i++) out.push(shingleKey(ws, i));
  return out;
}

/** Runs of at least MIN_COPY_WORDS words whose shingles all occur in an ancestor. */
function copiedRuns(body: string, ws: readonly Word[], onPath: ReadonlyMap<number, ReadonlyArray<string | null>>): Array<{ start: number; end: number; sourceId: string | null }> {
  const out: Array<{ start: number; end: number; sourceId: string | null }> = [];
  let runStart = -1;
  let source: string | null = null;
  const close = (lastShingle: number): void => {
    const lastWord = lastShingle + SHINGLE - 1;
    if (lastWord - runStart + 1 >= MIN_COPY_WORDS) out.push({ ...widen(body, ws[runStart]!.start, ws[lastWord]!.end), sourceId: source });
    runStart = -1;
  };
  for (let i = 0; i + SHINGLE <= ws.length; i++) {
    const holders = onPath.get(shingleKey(ws, i));
    if (holders) {
      if (runStart < 0) {
        runStart = i;
        source = holders[holders.length - 1]!;
      }
    } else if (runStart >= 0) close(i - 1);
  }
  if (runStart >= 0) close(ws.length - SHINGLE);
  return out;
}

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

function countWords(ws: readonly Word[], start: number, end: number): number {
  let n = 0;
  for (const w of ws) if (w.start >= start && w.end <= end) n++;
  return n;
}
