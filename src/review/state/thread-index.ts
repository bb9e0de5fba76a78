/**
 * Lookups the review needs on every key press (a comment by id, its place in
 * reading order, its replies), built once per thread and cached, so moving
 * through a 10,000-comment thread never rescans it.
 */
import { childrenIndex } from '../../thread/tree.js';
import type { Comment, Thread } from '../../thread/schema.js';

export interface ThreadIndex {
  readonly comments: readonly Comment[];
  readonly byId: ReadonlyMap<string, Comment>;
  /** Position in reading order. */
  readonly order: ReadonlyMap<string, number>;
  /** Replies of each comment, in reading order; `null` holds the top-level comments. */
  readonly children: ReadonlyMap<string | null, readonly Comment[]>;
}

const cache = new WeakMap<Thread, ThreadIndex>();

export function threadIndex(thread: Thread): ThreadIndex {
  let index = cache.get(thread);
  if (index === undefined) {
    index = {
      comments: thread.comments,
      byId: new Map(thread.comments.map((c) => [c.id, c])),
      order: new Map(thread.comments.map((c, i) => [c.id, i])),
      children: childrenIndex(thread.comments),
    };
    cache.set(thread, index);
  }
  return index;
}

/** The ancestors of a comment, top-level first; missing ones are skipped. */
export function ancestorsOf(index: ThreadIndex, comment: Comment): Comment[] {
  const out: Comment[] = [];
  for (const id of comment.path.slice(0, -1)) {
    const ancestor = index.byId.get(id);
    if (ancestor !== undefined) out.push(ancestor);
  }
  return out;
}

/** `@name@instance` (or just `@name` where columns are short), or a stand-in for deleted and missing authors. */
export function authorLabel(comment: Comment, short = false): string {
  if (comment.placeholder) return '[missing comment]';
  const author = comment.author;
  if (author === null) return '(unknown author)';
  return author.instance && !short ? `@${author.name}@${author.instance}` : `@${author.name}`;
}

/** The body on one line, white space collapsed. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
