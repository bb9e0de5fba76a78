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

interface Node {
  readonly comment: Comment;
  /** null until the first child: most comments have none, and 200,000 empty arrays cost. */
  children: Node[] | null;
  key: number;
}

/** A placeholder comment: no author, no text, marked `placeholder`. */
export function placeholderComment(id: string, path: readonly string[]): Comment {
  const comment = blankComment(id, path.length > 1 ? path[path.length - 2]! : null, [...path]);
  comment.placeholder = true;
  return comment;
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
  const nodes = new Map<string, Node>();
  // Real comments first, then the placeholders created while linking, so a
  // placeholder is linked exactly once however many replies name it.
  const queue: Node[] = [];
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
    const node: Node = { comment: fixed, children: null, key: Number.isNaN(key) ? Number.POSITIVE_INFINITY : key };
    const size = nodes.size;
    nodes.set(id, node);
    if (nodes.size === size) throw new TreeConflictError(id, id, `comment ${id} appears twice`);
    queue.push(node);
  }

  const roots: Node[] = [];
  const placeholders: Node[] = [];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i]!;
    const path = node.comment.path;
    if (path.length === 1) {
      roots.push(node);
      continue;
    }
    const parentId = path[path.length - 2]!;
    let parent = nodes.get(parentId);
    if (parent === undefined) {
      const placeholder = makePlaceholder(parentId, path.slice(0, -1));
      parent = { comment: placeholder, children: null, key: Number.POSITIVE_INFINITY };
      nodes.set(parentId, parent);
      placeholders.push(parent);
      queue.push(parent);
    } else if (!isPrefixPath(parent.comment.path, path)) {
      throw new TreeConflictError(
        node.comment.id,
        parentId,
        `comment ${node.comment.id} has path ${path.join('.')}, but its parent ${parentId} has path ${parent.comment.path.join('.')}`,
      );
    }
    if (parent.children === null) parent.children = [node];
    else parent.children.push(node);
  }

  if (placeholders.length > 0) keyPlaceholders(roots);
  return flatten(roots);
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
function keyPlaceholders(roots: readonly Node[]): void {
  const stack: Array<{ node: Node; next: number }> = roots.map((node) => ({ node, next: 0 }));
  while (stack.length > 0) {
    const top = stack[stack.length - 1]!;
    const children = top.node.children ?? NO_NODES;
    if (top.next < children.length) {
      stack.push({ node: children[top.next++]!, next: 0 });
      continue;
    }
    stack.pop();
    if (top.node.comment.placeholder) {
      let min = Number.POSITIVE_INFINITY;
      for (const child of children) if (child.key < min) min = child.key;
      top.node.key = min;
    }
  }
}

const NO_NODES: readonly Node[] = [];

function compareNodes(a: Node, b: Node): number {
  if (a.key !== b.key) return a.key < b.key ? -1 : 1;
  return compareIds(a.comment.id, b.comment.id);
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
function flatten(roots: Node[]): Comment[] {
  const out: Comment[] = [];
  roots.sort(compareNodes);
  const stack: Node[] = [];
  for (let i = roots.length - 1; i >= 0; i--) stack.push(roots[i]!);
  while (stack.length > 0) {
    const node = stack.pop()!;
    out.push(node.comment);
    const { children } = node;
    if (children === null) continue;
    if (children.length > 1) children.sort(compareNodes);
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
