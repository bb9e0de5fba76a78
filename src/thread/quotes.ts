/**
 * Marks the parts of each comment that are someone else's words, so the
 * flagger does not blame a reply for the insult it quotes (a moderator citing
 * "you ignorant idiot" is not insulting anyone).
 *
 * What counts as a quote is in quote-rules.ts; this file walks the thread.
 *
 * Copies are found with word 4-gram shingles. A depth-first walk keeps a hash
 * map of the shingles on the path from the root to the current comment
 * (added on the way down, removed on the way back up), so each comment is
 * checked against all its ancestors at once, and the whole thread costs time
 * linear in its number of words (quote-path.ts, shared with quote-walk.ts).
 */
import { QuotePath } from './quote-path.js';
import { NONE, findQuotes } from './quote-rules.js';
import { postQuoteText } from './quote-walk.js';
import type { Comment, QuoteSpan, Thread } from './schema.js';
import { words } from './shingles.js';

export { MIN_COPY_WORDS } from './quote-rules.js';

/**
 * Returns the thread with `quotes` filled in on copies of its comments; the
 * input is left untouched.
 */
export function markQuotes(thread: Thread): Thread {
  const found = quoteSpans(thread, false);
  const comments = thread.comments.map((c, i): Comment => ({ ...c, quotes: found[i] ?? [] }));
  return { ...thread, comments };
}

/**
 * Fills in `quotes` on the thread's own comment objects and returns the same
 * thread. For a caller that owns the comments (`parseDump`, on the objects
 * its parser just made): a 200,000-comment dump then is not copied a second
 * time. The result is what `markQuotes` returns. `uniqueIds`: the caller
 * knows no two comments share an id (the parsers' output), which spares a
 * map from ids when the comments are in reading order.
 */
export function markQuotesInPlace(thread: Thread, options: { readonly uniqueIds?: boolean } = {}): Thread {
  const found = quoteSpans(thread, options.uniqueIds === true);
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
function quoteSpans(thread: Thread, uniqueIds: boolean): Array<QuoteSpan[] | undefined> {
  const { comments } = thread;
  const n = comments.length;
  const found = new Array<QuoteSpan[] | undefined>(n);
  if (n === 0) return found;

  // The first comment with each id stands for all with that id; parent[i]
  // is the index of comment i's parent, n for the root. Children are singly
  // linked lists in typed arrays (index n is the root), in input order.
  const canonical = new Int32Array(n);
  let parent = uniqueIds ? parentsInReadingOrder(comments) : null;
  if (parent === null) parent = parentsById(comments, canonical);
  else for (let i = 0; i < n; i++) canonical[i] = i;
  const firstChild = new Int32Array(n + 1).fill(-1);
  const nextSibling = new Int32Array(n).fill(-1);
  for (let i = n - 1; i >= 0; i--) {
    const list = parent[i]!;
    nextSibling[i] = firstChild[list]!;
    firstChild[list] = i;
  }

  // Shingle -> index (in `ancestors`) of the nearest text on the current
  // path that contains it. Entering a comment overwrites; leaving restores
  // from the undo log, a stack of (key, previous) pairs.
  const index = new QuotePath();

  const postText = postQuoteText(thread.post);
  if (postText) index.enter(null, postText, words(postText));

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
      index.leave(marks.pop()!);
      next = nextSibling[path.pop()!]!;
      continue;
    }
    const comment = comments[next]!;
    const self = canonical[next]!;
    const bodyWords = words(comment.body);
    const spans = findQuotes(comment.body, bodyWords, index.onPath, index.ancestors);
    found[self] = spans === NONE ? undefined : (spans as QuoteSpan[]);
    const kids = firstChild[self]!;
    if (kids < 0) {
      // A leaf's words are nobody's ancestor's: nothing to index or restore.
      next = nextSibling[next]!;
      continue;
    }
    path.push(next);
    marks.push(index.mark());
    index.enter(comment.id, comment.body, bodyWords);
    next = kids;
  }

  for (let i = 0; i < n; i++) if (canonical[i] !== i) found[i] = found[canonical[i]!];
  return found;
}

/**
 * Parents by id: the first comment with each id stands for all with that id
 * (`canonical` is filled in); a parent id that no comment has puts the
 * comment at the top.
 */
function parentsById(comments: readonly Comment[], canonical: Int32Array): Int32Array {
  const n = comments.length;
  const firstWithId = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const id = comments[i]!.id;
    const first = firstWithId.get(id);
    if (first === undefined) {
      firstWithId.set(id, i);
      canonical[i] = i;
    } else canonical[i] = first;
  }
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const parentId = comments[i]!.parentId;
    parent[i] = (parentId === null ? undefined : firstWithId.get(parentId)) ?? n;
  }
  return parent;
}

/**
 * Parents of comments with unique ids in reading order (each reply after
 * its parent, within the parent's subtree), found on a stack of the open
 * ancestors instead of a map from ids; null if the comments are not in that
 * order, and then `parentsById` decides.
 */
function parentsInReadingOrder(comments: readonly Comment[]): Int32Array | null {
  const n = comments.length;
  const parent = new Int32Array(n);
  const open: number[] = [];
  for (let i = 0; i < n; i++) {
    const parentId = comments[i]!.parentId;
    if (parentId === null) {
      open.length = 0;
      parent[i] = n;
    } else {
      while (open.length > 0 && comments[open[open.length - 1]!]!.id !== parentId) open.pop();
      if (open.length === 0) return null;
      parent[i] = open[open.length - 1]!;
    }
    open.push(i);
  }
  return parent;
}
