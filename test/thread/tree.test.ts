import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blankComment, type Comment } from '../../src/thread/schema.js';
import {
  TreeConflictError,
  assembleThread,
  childrenIndex,
  compareIds,
  readingOrderProblem,
  subtreeEnd,
} from '../../src/thread/tree.js';

/** A comment at `path` (ids joined by dots) with sort key `key`. */
function at(path: string, key = 0): Comment {
  const ids = path.split('.');
  const comment = blankComment(ids[ids.length - 1]!, ids.length > 1 ? ids[ids.length - 2]! : null, ids);
  comment.published = String(key);
  return comment;
}
const byKey = { key: (c: Comment) => Number(c.published) };
const shape = (comments: readonly Comment[]) =>
  comments.map((c) => `${'  '.repeat(c.depth - 1)}${c.id}${c.placeholder ? '?' : ''}`);

describe('assembleThread', () => {
  it('orders depth-first, siblings by key then id, whatever the input order', () => {
    const input = [at('1.4.5', 9), at('2', 1), at('1', 5), at('1.4', 3), at('1.3', 3), at('1.3.6', 1), at('7', 1)];
    expect(shape(assembleThread(input, byKey))).toEqual(['2', '7', '1', '  3', '    6', '  4', '    5']);
    expect(assembleThread([...input].reverse(), byKey)).toEqual(assembleThread(input, byKey));
  });

  it('compares numeric ids by value, so 10 comes after 9', () => {
    expect(shape(assembleThread([at('10'), at('9'), at('100')], byKey))).toEqual(['9', '10', '100']);
    expect(compareIds('L12', 'L3')).toBeLessThan(0); // not numeric: code units
    expect(compareIds('5', 'L3')).toBeLessThan(0);
  });

  it('puts one placeholder per missing ancestor, shared by all their replies', () => {
    const out = assembleThread([at('1.2.3.4', 7), at('1.2.3.5', 6), at('9', 1)], byKey);
    expect(shape(out)).toEqual(['9', '1?', '  2?', '    3?', '      5', '      4']);
    const p3 = out.find((c) => c.id === '3')!;
    expect(p3).toMatchObject({
      placeholder: true,
      parentId: '2',
      path: ['1', '2', '3'],
      depth: 3,
      author: null,
      body: '',
    });
  });

  it('gives a placeholder the earliest key in its subtree, so it sorts where its first reply would', () => {
    const out = assembleThread([at('1', 5), at('2.3', 2), at('4', 8)], byKey);
    expect(shape(out)).toEqual(['2?', '  3', '1', '4']);
  });

  it('rewrites parentId and depth from path', () => {
    const wrong = { ...at('1.2'), parentId: 'x', depth: 9 };
    const out = assembleThread([at('1'), wrong], byKey);
    expect(out[1]).toMatchObject({ id: '2', parentId: '1', depth: 2 });
  });

  it('sorts an unknown (NaN) key last', () => {
    const out = assembleThread([at('1', Number.NaN), at('2', 5), at('3', Number.NaN)], byKey);
    expect(shape(out)).toEqual(['2', '1', '3']);
  });

  it('uses the placeholder builder it is given', () => {
    const out = assembleThread([at('1.2')], {
      ...byKey,
      placeholder: (id, path) => ({
        ...blankComment(`${id}~${path.length}`, null, [`${id}~${path.length}`]),
        placeholder: true,
      }),
    });
    expect(out.map((c) => c.id)).toEqual(['1~1', '2']);
  });

  it('refuses a duplicate id, a path not ending in the id, and two paths that disagree', () => {
    expect(() => assembleThread([at('1'), at('1')], byKey)).toThrow(TreeConflictError);
    expect(() => assembleThread([{ ...at('1.2'), id: '3' }], byKey)).toThrow(/does not end with the comment's id 3/);
    const conflict = () => assembleThread([at('1.2'), at('3.2.4')], byKey);
    expect(conflict).toThrow(/comment 4 has path 3\.2\.4, but its parent 2 has path 1\.2/);
    // Also when both sides of the disagreement are placeholders.
    expect(() => assembleThread([at('1.2.5'), at('3.2.4')], byKey)).toThrow(TreeConflictError);
    // A comment cannot be its own ancestor.
    expect(() => assembleThread([at('5.5')], byKey)).toThrow(TreeConflictError);
  });

  it('rebuilds a deep chain of missing ancestors', () => {
    // Every placeholder carries its full path, so memory grows with depth
    // squared; 3,000 is deeper than any real thread and still small.
    const ids = Array.from({ length: 3_001 }, (_, i) => String(i + 1));
    const deep = blankComment('3001', '3000', ids);
    const out = assembleThread([deep], byKey);
    expect(out).toHaveLength(3_001);
    expect(out.at(-1)).toMatchObject({ id: '3001', depth: 3_001, placeholder: false });
    expect(out.slice(0, -1).every((c) => c.placeholder)).toBe(true);
    expect(readingOrderProblem(out)).toBeNull();
  });
});

describe('childrenIndex and subtreeEnd', () => {
  const thread = assembleThread([at('1', 1), at('1.2', 2), at('1.2.3', 3), at('1.4', 4), at('5', 5)], byKey);

  it('indexes children in reading order, top level under null', () => {
    const index = childrenIndex(thread);
    expect(index.get(null)?.map((c) => c.id)).toEqual(['1', '5']);
    expect(index.get('1')?.map((c) => c.id)).toEqual(['2', '4']);
    expect(index.get('3')).toBeUndefined();
  });

  it('finds where a subtree ends', () => {
    expect(thread.slice(0, subtreeEnd(thread, 0)).map((c) => c.id)).toEqual(['1', '2', '3', '4']);
    expect(thread.slice(1, subtreeEnd(thread, 1)).map((c) => c.id)).toEqual(['2', '3']);
    expect(subtreeEnd(thread, 4)).toBe(5);
    expect(subtreeEnd(thread, 99)).toBe(99);
  });
});

describe('readingOrderProblem', () => {
  it('names a child before its parent, a broken subtree and a wrong depth', () => {
    expect(readingOrderProblem([at('1.2'), at('1')])).toMatch(/comes before its parent/);
    expect(readingOrderProblem([at('1'), at('3'), at('1.2')])).toMatch(/not under its parent 1/);
    expect(readingOrderProblem([{ ...at('1'), depth: 2 }])).toMatch(/depth 2/);
    expect(readingOrderProblem([at('1'), at('1')])).toMatch(/twice/);
  });
});

/** A random forest as paths: node i hangs under an earlier node or at the top. */
const forest = fc
  .array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 4 })), { minLength: 1, maxLength: 60 })
  .chain((links) =>
    fc
      .uniqueArray(fc.integer({ min: 1, max: 10_000 }), { minLength: links.length, maxLength: links.length })
      .map((ids) => {
        const paths: string[][] = [];
        links.forEach(([parent, _], i) => {
          const p = parent % (i + 1);
          paths.push(p === i ? [String(ids[i])] : [...paths[p]!, String(ids[i])]);
        });
        return paths.map((path, i) => ({ path, key: links[i]![1] }));
      }),
  );

describe('assembleThread properties', () => {
  it('keeps every comment, adds exactly the missing ancestors, and ignores input order', () => {
    fc.assert(
      fc.property(forest, fc.func(fc.boolean()), fc.nat(), (nodes, drop, seed) => {
        const kept = nodes.filter((n, i) => i === 0 || !drop(i));
        const comments = kept.map((n) => at(n.path.join('.'), n.key));
        const out = assembleThread(comments, byKey);
        expect(readingOrderProblem(out)).toBeNull();
        const keptIds = new Set(kept.map((n) => n.path.at(-1)!));
        const missing = new Set(kept.flatMap((n) => n.path.slice(0, -1)).filter((id) => !keptIds.has(id)));
        expect(new Set(out.filter((c) => !c.placeholder).map((c) => c.id))).toEqual(keptIds);
        expect(new Set(out.filter((c) => c.placeholder).map((c) => c.id))).toEqual(missing);
        const shuffled = [...comments].sort(
          (a, b) => ((Number(a.id) * 7919 + seed) % 97) - ((Number(b.id) * 7919 + seed) % 97),
        );
        expect(assembleThread(shuffled, byKey)).toEqual(out);
        // Siblings are in key order (placeholders: smallest key below them).
        const index = childrenIndex(out);
        const keyOf = (c: Comment): number =>
          c.placeholder ? Math.min(...(index.get(c.id) ?? []).map(keyOf)) : Number(c.published);
        for (const siblings of index.values()) {
          for (let i = 1; i < siblings.length; i++) {
            const a = siblings[i - 1]!;
            const b = siblings[i]!;
            expect(keyOf(a) < keyOf(b) || (keyOf(a) === keyOf(b) && Number(a.id) < Number(b.id))).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
