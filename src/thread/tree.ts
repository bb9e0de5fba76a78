/**
 * Reply-tree helpers shared by the parsers and the review code: put comments
 * in reading order from their ancestry, stand in for missing ancestors, and
 * index children.
 *
 * Reading order is depth-first; siblings are ordered by a caller-supplied
 * numeric key, ties broken by id (numerically when both ids are numbers, as
 * Lemmy ids are), so the result never depends on the order comments arrive
 * in. A placeholder has no key of its own and takes the smallest key in its
 * subtree: whatever it stood for was written before any reply to it.
 */
import { blankComment } from './blank.js';
import type { Comment } from './schema.js';

/** Two comments disagree about where a comment sits in the tree. */
export class TreeConflictError extends Error {
  override readonly name = 'TreeConflictError';
  constructor(
    /** The comment whose path disagrees with what is already known. */
    readonly commentId: string,
    /** The ancestor (or duplicate) whose place is in dispute. */
    readonly otherId: string,
    detail: string,
  ) {
    super(detail);
  }
}

export interface AssembleOptions {
  /** Sort key among siblings, smaller first (e.g. publication time, or line). */
  readonly key: (comment: Comment) => number;
  /** Builds the stand-in for a missing ancestor; `path` ends with `id`. */
  readonly placeholder?: (id: string, path: readonly string[]) => Comment;
}

/** A placeholder comment: no author, no text, marked `placeholder`. */
export function placeholderComment(id: string, path: readonly string[]): Comment {
  const comment = blankComment(id, path.length > 1 ? path[path.length - 2]! : null, [...path]);
  comment.placeholder = true;
  return comment;
}

/**
 * The tree being built, as numbered nodes (comments first, in input order,
 * then placeholders as linking creates them) in parallel arrays, with each
 * node's children as a singly linked list in input order: no object or
 * array per comment, which at 200,000 comments the young-generation
 * collector would otherwise copy while the tree is built.
 */
class Nodes {
  readonly comments: Comment[] = [];
  /** Sort key; a placeholder's is the smallest in its subtree (keyPlaceholders). */
  readonly keys: number[] = [];
  /** -1 for none. */
  firstChild: Int32Array;
  lastChild: Int32Array;
  nextSibling: Int32Array;

  constructor(capacity: number) {
    this.firstChild = new Int32Array(capacity).fill(-1);
    this.lastChild = new Int32Array(capacity).fill(-1);
    this.nextSibling = new Int32Array(capacity).fill(-1);
  }

  get size(): number {
    return this.comments.length;
  }

  add(comment: Comment, key: number): number {
    const at = this.comments.length;
    if (at === this.firstChild.length) this.grow();
    this.comments.push(comment);
    this.keys.push(key);
    return at;
  }

  /** Appends `child` to `parent`'s children. */
  link(parent: number, child: number): void {
    const last = this.lastChild[parent]!;
    if (last === -1) this.firstChild[parent] = child;
    else this.nextSibling[last] = child;
    this.lastChild[parent] = child;
  }

  private grow(): void {
    const widen = (a: Int32Array) => {
      const b = new Int32Array(Math.max(16, a.length * 2)).fill(-1);
      b.set(a);
      return b;
    };
    this.firstChild = widen(this.firstChild);
    this.lastChild = widen(this.lastChild);
    this.nextSibling = widen(this.nextSibling);
  }

  /** Node `a` before node `b` among siblings: smaller key first, ties by id. */
  compare(a: number, b: number): number {
    const ka = this.keys[a]!;
    const kb = this.keys[b]!;
    if (ka !== kb) return ka < kb ? -1 : 1;
    return compareIds(this.comments[a]!.id, this.comments[b]!.id);
  }
}

/**
 * Returns `comments` in reading order with a placeholder for every ancestor
 * named in a `path` but absent, so no comment is ever dropped. Each comment's
 * `path` must end with its own id; `parentId` and `depth` are rewritten from
 * `path`. Runs in O(total path length + n log n).
 *
 * Throws `TreeConflictError` for a duplicate id or for two paths that place
 * the same comment differently (the tree would be ambiguous).
 */
export function assembleThread(comments: readonly Comment[], options: AssembleOptions): Comment[] {
  const makePlaceholder = options.placeholder ?? placeholderComment;
  const ids = new Map<string, number>();
  // Real comments first, then the placeholders created while linking, so a
  // placeholder is linked exactly once however many replies name it.
  const nodes = new Nodes(comments.length + 1);
  for (const comment of comments) {
    const { id, path } = comment;
    if (path.length === 0 || path[path.length - 1] !== id) {
      throw new TreeConflictError(id, id, `path [${path.join(', ')}] does not end with the comment's id ${id}`);
    }
    const fixed =
      comment.parentId === parentOf(path) && comment.depth === path.length
        ? comment
        : { ...comment, parentId: parentOf(path), depth: path.length };
    const key = options.key(fixed);
    // An unknown key (NaN: an unparsable time) sorts last, like a missing one.
    const size = ids.size;
    ids.set(id, nodes.size);
    if (ids.size === size) throw new TreeConflictError(id, id, `comment ${id} appears twice`);
    nodes.add(fixed, Number.isNaN(key) ? Number.POSITIVE_INFINITY : key);
  }

  const roots: number[] = [];
  let placeholders = false;
  for (let i = 0; i < nodes.size; i++) {
    const comment = nodes.comments[i]!;
    const path = comment.path;
    if (path.length === 1) {
      roots.push(i);
      continue;
    }
    const parentId = path[path.length - 2]!;
    let parent = ids.get(parentId);
    if (parent === undefined) {
      parent = nodes.add(makePlaceholder(parentId, path.slice(0, -1)), Number.POSITIVE_INFINITY);
      ids.set(parentId, parent);
      placeholders = true;
    } else if (!isPrefixPath(nodes.comments[parent]!.path, path)) {
      throw new TreeConflictError(
        comment.id,
        parentId,
        `comment ${comment.id} has path ${path.join('.')}, but its parent ${parentId} has path ${nodes.comments[parent]!.path.join('.')}`,
      );
    }
    nodes.link(parent, i);
  }

  if (placeholders) keyPlaceholders(nodes, roots);
  return flatten(nodes, roots);
}

function parentOf(path: readonly string[]): string | null {
  return path.length > 1 ? path[path.length - 2]! : null;
}

/** True when `parent` is `child` without its last id. */
function isPrefixPath(parent: readonly string[], child: readonly string[]): boolean {
  if (parent.length !== child.length - 1) return false;
  for (let i = 0; i < parent.length; i++) if (parent[i] !== child[i]) return false;
  return true;
}

/** Gives each placeholder the smallest key in its subtree (post-order, no recursion). */
function keyPlaceholders(nodes: Nodes, roots: readonly number[]): void {
  const { firstChild, nextSibling, keys } = nodes;
  // `next[k]`: the child of stack[k] to visit next, -1 once all are done.
  const stack: number[] = [];
  const next: number[] = [];
  for (const root of roots) {
    stack.push(root);
    next.push(firstChild[root]!);
    while (stack.length > 0) {
      const top = stack.length - 1;
      const child = next[top]!;
      if (child !== -1) {
        next[top] = nextSibling[child]!;
        stack.push(child);
        next.push(firstChild[child]!);
        continue;
      }
      const node = stack.pop()!;
      next.pop();
      if (nodes.comments[node]!.placeholder) {
        let min = Number.POSITIVE_INFINITY;
        for (let c = firstChild[node]!; c !== -1; c = nextSibling[c]!) if (keys[c]! < min) min = keys[c]!;
        keys[node] = min;
      }
    }
  }
}

/** Numeric ids by value (Lemmy's), anything else by code units; numbers first. */
export function compareIds(a: string, b: string): number {
  const na = NUMERIC.test(a);
  const nb = NUMERIC.test(b);
  if (na && nb) return a.length !== b.length ? a.length - b.length : a < b ? -1 : a > b ? 1 : 0;
  if (na !== nb) return na ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
const NUMERIC = /^(0|[1-9]\d*)$/;

/** Depth-first, siblings sorted; iterative so a 100,000-deep chain cannot overflow the stack. */
function flatten(nodes: Nodes, roots: number[]): Comment[] {
  const { firstChild, nextSibling } = nodes;
  const compare = (a: number, b: number) => nodes.compare(a, b);
  const out: Comment[] = [];
  roots.sort(compare);
  const stack: number[] = [];
  for (let i = roots.length - 1; i >= 0; i--) stack.push(roots[i]!);
  // One node's children, in input order, then sorted (the sort is stable, as before).
  const children: number[] = [];
  while (stack.length > 0) {
    const node = stack.pop()!;
    out.push(nodes.comments[node]!);
    const first = firstChild[node]!;
    if (first === -1) continue;
    if (nextSibling[first] === -1) {
      stack.push(first);
      continue;
    }
    children.length = 0;
    for (let c = first; c !== -1; c = nextSibling[c]!) children.push(c);
    children.sort(compare);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return out;
}

/** Children of each comment in the order given; key `null` holds the top-level comments. */
export function childrenIndex(comments: readonly Comment[]): Map<string | null, Comment[]> {
  const index = new Map<string | null, Comment[]>();
  for (const comment of comments) {
    const siblings = index.get(comment.parentId);
    if (siblings === undefined) index.set(comment.parentId, [comment]);
    else siblings.push(comment);
  }
  return index;
}

/**
 * End (exclusive) of the subtree rooted at `comments[start]`, for comments in
 * reading order: the subtree is `comments.slice(start, subtreeEnd(...))`.
 */
export function subtreeEnd(comments: readonly Comment[], start: number): number {
  const depth = comments[start]?.depth;
  if (depth === undefined) return start;
  let end = start + 1;
  while (end < comments.length && comments[end]!.depth > depth) end++;
  return end;
}

/**
 * Checks that `comments` is a well-formed reading order: every parent comes
 * before its children, each subtree is contiguous, paths and depths agree.
 * Returns the first problem, or null.
 */
export function readingOrderProblem(comments: readonly Comment[]): string | null {
  const seen = new Set<string>();
  const ancestors: string[] = [];
  for (const [i, comment] of comments.entries()) {
    if (seen.has(comment.id)) return `comment ${comment.id} (#${i}) appears twice`;
    seen.add(comment.id);
    if (comment.depth !== comment.path.length)
      return `comment ${comment.id} has depth ${comment.depth} but a path of ${comment.path.length}`;
    if (comment.path[comment.path.length - 1] !== comment.id)
      return `comment ${comment.id}'s path does not end with its id`;
    if (comment.parentId !== parentOf(comment.path)) return `comment ${comment.id}'s parentId disagrees with its path`;
    if (comment.depth > ancestors.length + 1)
      return `comment ${comment.id} (#${i}) comes before its parent ${comment.parentId}`;
    ancestors.length = comment.depth - 1;
    if (!isPrefixPath(ancestors, comment.path))
      return `comment ${comment.id} (#${i}) is not under its parent ${comment.parentId}`;
    ancestors.push(comment.id);
  }
  return null;
}
