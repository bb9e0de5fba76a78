/**
 * With `uniqueIds` (what the parsers promise), quote marking finds parents
 * on a stack instead of a map; the spans must be what plain `markQuotes`
 * finds, whatever the order of the comments.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDump } from '../../src/parse/index.js';
import { markQuotes, markQuotesInPlace } from '../../src/thread/quotes.js';
import { blankComment, emptyPost, type Comment, type Thread } from '../../src/thread/schema.js';
import { REPO_ROOT, SEED_THREAD } from '../support/shared.js';

const WORDS = 'you are wrong about this and the idiot said that we should vote for them now'.split(' ');

const sentence = fc.array(fc.constantFrom(...WORDS), { minLength: 3, maxLength: 14 }).map((ws) => ws.join(' '));

/** A thread in reading order from (parent pick, body) rows; quoting rows copy or quote a parent's words. */
function build(rows: ReadonlyArray<{ parent: number; body: string; quote: number }>): Thread {
  const comments: Comment[] = [];
  const ordered: Comment[] = [];
  const children = new Map<number, number[]>();
  rows.forEach((row, i) => {
    const p = i === 0 ? -1 : (row.parent % (i + 1)) - 1;
    const parent = p >= 0 ? comments[p]! : null;
    const id = `c${i}`;
    let body = row.body;
    if (parent !== null && row.quote === 1) body = `${parent.body} ${body}`;
    if (parent !== null && row.quote === 2) body = `“${parent.body}”\n\n${body}`;
    if (parent !== null && row.quote === 3) body = `> ${parent.body}\n\n${body}`;
    comments.push({ ...blankComment(id, parent?.id ?? null, parent ? [...parent.path, id] : [id]), body });
    const list = children.get(p) ?? [];
    list.push(i);
    children.set(p, list);
  });
  const stack = [...(children.get(-1) ?? [])].reverse();
  while (stack.length > 0) {
    const i = stack.pop()!;
    ordered.push(comments[i]!);
    stack.push(...[...(children.get(i) ?? [])].reverse());
  }
  return { post: { ...emptyPost(), title: 'you are wrong about this' }, comments: ordered };
}

const copy = (t: Thread): Thread => ({ ...t, comments: t.comments.map((c) => ({ ...c, quotes: [] })) });

describe('markQuotesInPlace with uniqueIds', () => {
  it('finds what markQuotes finds, in reading order and shuffled', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ parent: fc.nat(), body: sentence, quote: fc.nat({ max: 4 }) }), { maxLength: 25 }),
        fc.boolean(),
        (rows, shuffle) => {
          const thread = build(rows);
          const input = shuffle ? { ...thread, comments: [...thread.comments].reverse() } : thread;
          const want = markQuotes(input).comments.map((c) => c.quotes);
          const got = markQuotesInPlace(copy(input), { uniqueIds: true }).comments.map((c) => c.quotes);
          expect(got).toEqual(want);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('finds what markQuotes finds on the seed threads', () => {
    for (const file of [SEED_THREAD(), path.join(REPO_ROOT, 'threads', 'biden-netanyahu.lemmy.txt')]) {
      const parsed = parseDump(readFileSync(file, 'utf8'), file).posts[0]!;
      const plain = markQuotes(copy(parsed)).comments.map((c) => c.quotes);
      expect(parsed.comments.map((c) => c.quotes)).toEqual(plain);
      expect(plain.some((q) => q.length > 0)).toBe(true);
    }
  });
});
