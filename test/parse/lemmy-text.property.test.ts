/**
 * Random threads rendered as page text must parse back to themselves.
 *
 * Scores and ages are run together on the page, so some headers read two
 * ways ("123 days ago"). Real dumps are copied at one moment, and their
 * comments mostly share an age; the generator does the same per thread. Then
 * the split is decidable whenever one header of the thread reads one way only
 * (it fixes the usual age, and the true reading is the only one at that age),
 * and the test asks for the exact score there; otherwise it asks only that the
 * parser flagged the header uncertain and picked a reading the text allows.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLemmyText } from '../../src/parse/lemmy-text.js';
import { splitHeader } from '../../src/parse/relative-time.js';
import { Badge, blankComment, Dump, type Comment } from '../../src/thread/schema.js';
import { renderLemmyText, type RenderOptions } from '../support/render-lemmy-text.js';

/** Times date-fns prints, including ones whose digits split two ways once a score is run on. */
const AGES = [
  '6 months ago',
  '1 month ago',
  '11 months ago',
  '23 days ago',
  '10 days ago',
  '1 day ago',
  '15 minutes ago',
  '45 seconds ago',
  '3 hours ago',
  '12 hours ago',
  '2 years ago',
  'just now',
  'an hour ago',
  'about 1 hour ago',
];

const CHARS = [
  ...'abcdefghijklmnopqrstuvwxyzABCXYZ0123456789',
  ...'.,;:!?()-–—/#*_@•%&',
  '"',
  "'",
  '“',
  '”',
  '‘',
  '’',
  '«',
  '»',
  'é',
  'ß',
  'ñ',
  'ø',
  'ж',
  'λ',
  '中',
  '文',
  'ー',
  '😀',
  '👍🏽',
  '\u200d',
];

const word = fc.string({ unit: fc.constantFrom(...CHARS), minLength: 1, maxLength: 9 });
/** A line as the page shows it: trimmed, not empty, and not mistakable for a header or author line. */
const line = fc
  .array(word, { minLength: 1, maxLength: 8 })
  .map((words) => words.join(' '))
  .filter((text) => splitHeader(text) === null && !/^•\s*@/.test(text));
const paragraph = fc.array(line, { minLength: 1, maxLength: 3 }).map((lines) => lines.join('\n'));
const body = fc.array(paragraph, { minLength: 1, maxLength: 4 }).map((ps) => ps.join('\n\n'));

const score = fc.oneof(
  fc.constant(null),
  fc.integer({ min: -20, max: 20 }),
  fc.integer({ min: -100_000, max: 100_000 }),
  fc.constantFrom(0, 1, 11, 12, 111, -1, -12),
);

const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,8}[a-z0-9])?$/);
const host = fc
  .tuple(fc.array(label, { minLength: 1, maxLength: 3 }), fc.stringMatching(/^[a-z]{2,6}$/))
  .map(([labels, tld]) => [...labels, tld].join('.'));
/** Badges only with a host: without one, capitals cannot be told from the name. */
const authorAndBadges = fc.option(
  fc.oneof(
    fc.record({
      author: fc.record({ name: fc.stringMatching(/^[A-Za-z0-9_]{1,20}$/), instance: host }),
      badges: fc.subarray([...Badge.options]),
    }),
    fc.record({
      author: fc.record({ name: fc.stringMatching(/^[A-Za-z0-9_]{1,20}$/), instance: fc.constant(null) }),
      badges: fc.constant([] as Badge[]),
    }),
  ),
);

interface Generated {
  readonly title: string | null;
  readonly postBody: string;
  /** Without ids: the parser names comments by line. */
  readonly comments: ReadonlyArray<{
    readonly depth: number;
    readonly parent: number;
    readonly score: number | null;
    readonly age: string;
    readonly author: { name: string; instance: string | null } | null;
    readonly badges: Badge[];
    readonly body: string;
  }>;
}

function thread(age: fc.Arbitrary<string> | 'shared'): fc.Arbitrary<Generated> {
  const rawComment = fc.record({
    depthWish: fc.integer({ min: 1, max: 7 }),
    score,
    who: authorAndBadges,
    body,
    age: age === 'shared' ? fc.constant('') : age,
  });
  const headline = line.filter((t) => t.length <= 200 && !t.endsWith('.'));
  // Without a title, the first line must not read as one: end it with a period.
  const post = fc.oneof(
    fc.record({ title: headline, postBody: fc.oneof(fc.constant(''), body) }),
    fc.record({
      title: fc.constant(null),
      postBody: fc.oneof(
        fc.constant(''),
        body.map((b) => b.replace(/\n|$/, '.$&')),
      ),
    }),
  );
  return fc
    .tuple(post, fc.array(rawComment, { maxLength: 25 }), fc.constantFrom(...AGES))
    .map(([{ title, postBody }, raws, shared]) => {
      const comments: Array<Generated['comments'][number]> = [];
      const stack: number[] = [];
      for (const raw of raws) {
        // A reply goes at most one level below the comment before it.
        const depth = Math.min(raw.depthWish, stack.length + 1);
        stack.length = depth - 1;
        const parent = depth === 1 ? -1 : stack[depth - 2]!;
        stack.push(comments.length);
        comments.push({
          depth,
          parent,
          score: raw.score,
          age: age === 'shared' ? shared : raw.age,
          author: raw.who?.author ?? null,
          badges: raw.who?.badges ?? [],
          body: raw.body,
        });
      }
      return { title, postBody, comments };
    });
}

function render(gen: Generated, options: RenderOptions) {
  const comments: Comment[] = gen.comments.map((c, i) => ({
    ...blankComment(
      `g${i}`,
      null,
      Array.from({ length: c.depth }, () => 'x'),
    ),
    ...c,
  }));
  return renderLemmyText({ post: { title: gen.title, body: gen.postBody }, comments }, options);
}

const mangling: fc.Arbitrary<RenderOptions> = fc.record({
  eol: fc.constantFrom('\n' as const, '\r\n' as const),
  bom: fc.boolean(),
  trailingSpaces: fc.boolean(),
  tabs: fc.boolean(),
  nbsp: fc.boolean(),
});

/** Checks everything the text determines: the tree, authors, bodies, and which headers read two ways. */
function checkShape(gen: Generated, headerLines: readonly number[], dump: Dump) {
  expect(Dump.parse(dump)).toEqual(dump);
  expect(dump.posts).toHaveLength(1);
  const { post, comments } = dump.posts[0]!;
  expect(post.title).toBe(gen.title);
  expect(post.body).toBe(gen.postBody);
  expect(comments).toHaveLength(gen.comments.length);
  gen.comments.forEach((g, i) => {
    const c = comments[i]!;
    const id = `L${headerLines[i]}`;
    const parentId = g.parent < 0 ? null : `L${headerLines[g.parent]}`;
    expect({
      id: c.id,
      parentId: c.parentId,
      depth: c.depth,
      line: c.line,
      author: c.author,
      badges: c.badges,
      body: c.body,
    }).toEqual({
      id,
      parentId,
      depth: g.depth,
      line: headerLines[i],
      author: g.author,
      badges: g.badges,
      body: g.body,
    });
    expect(c.path).toEqual(parentId === null ? [id] : [...comments[g.parent]!.path, id]);
    expect(c.placeholder).toBe(false);
    const readings = splitHeader(`${g.score ?? ''}${g.age}`)!;
    expect(readings).toContainEqual(expect.objectContaining({ score: g.score, age: g.age }));
    expect(c.scoreUncertain).toBe(readings.length > 1);
    expect(readings).toContainEqual(expect.objectContaining({ score: c.score, age: c.age }));
    // Sure means right.
    if (!c.scoreUncertain) expect([c.score, c.age]).toEqual([g.score, g.age]);
  });
}

describe('page text round trip', () => {
  it('parses a rendered thread back to the same tree (ages shared per thread)', () => {
    fc.assert(
      fc.property(thread('shared'), mangling, (gen, options) => {
        const { text, headerLines } = render(gen, options);
        const dump = parseLemmyText(text, 'gen.txt');
        checkShape(gen, headerLines, dump);
        const decidable = gen.comments.some((g) => splitHeader(`${g.score ?? ''}${g.age}`)!.length === 1);
        if (decidable) {
          const comments = dump.posts[0]!.comments;
          expect(comments.map((c) => [c.score, c.age])).toEqual(gen.comments.map((g) => [g.score, g.age]));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('never claims certainty it lacks when every comment has its own age', () => {
    fc.assert(
      fc.property(thread(fc.constantFrom(...AGES)), mangling, (gen, options) => {
        const { text, headerLines } = render(gen, options);
        checkShape(gen, headerLines, parseLemmyText(text, 'gen.txt'));
      }),
      { numRuns: 200 },
    );
  });
});
