import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError, offsetFromEngineMessage } from '../../src/io/json-position.js';
import { LemmyCommentView, isLemmyCommentView } from '../../src/lemmy-api/schema.js';
import { parseLemmyJson } from '../../src/parse/lemmy-json.js';
import type { Author, Badge, Comment, Dump, Post, Thread } from '../../src/thread/schema.js';
import {
  type ApiVersion,
  type RenderComment,
  type RenderPerson,
  type RenderPost,
  lemmyPath,
  renderCommentList,
  renderCommentView,
  renderPostResponse,
} from '../support/render-lemmy-json.js';
import { LEMMY_JSON } from '../support/shared.js';

const person = (id: number): RenderPerson => ({
  id,
  name: `user${id}`,
  displayName: id % 2 === 1 ? `User ${id}` : null,
  instance: id % 3 === 0 ? 'test1.lemmy.ddenis.info' : 'lemmy.world',
  bot: id === 4,
});

const post = (id: number, creator: number): RenderPost => ({
  id,
  title: `Post ${id}`,
  body: id % 2 === 0 ? null : `Body of ${id}`,
  url: id % 3 === 0 ? null : `https://example.com/${id}`,
  creator: person(creator),
  community: { id: 29, name: 'music', instance: 'test1.lemmy.ddenis.info' },
  published: '2026-06-12T23:00:00.000000Z',
});

interface Model {
  readonly version: ApiVersion;
  readonly form: 'list' | 'array' | 'bundle';
  readonly posts: readonly RenderPost[];
  readonly comments: readonly RenderComment[];
  /** Comments left out of the rendered JSON: their replies become orphans. */
  readonly dropped: ReadonlySet<number>;
  /** Comments rendered twice, as overlapping pages do. */
  readonly repeated: ReadonlySet<number>;
}

const nodeArb = fc.record({
  parent: fc.nat(),
  post: fc.nat(),
  creator: fc.integer({ min: 1, max: 5 }),
  minute: fc.integer({ min: 0, max: 5 }), // few values, so ties on time happen
  score: fc.integer({ min: -5, max: 30 }),
  content: fc.string({ maxLength: 20 }),
  removed: fc.boolean(),
  deleted: fc.boolean(),
  distinguished: fc.boolean(),
  mod: fc.boolean(),
  admin: fc.boolean(),
  drop: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
  repeat: fc.integer({ min: 0, max: 5 }).map((n) => n === 0),
});

const modelArb: fc.Arbitrary<Model> = fc
  .record({
    version: fc.constantFrom<ApiVersion>('v3', 'v4'),
    form: fc.constantFrom<Model['form']>('list', 'array', 'bundle'),
    postIds: fc.uniqueArray(fc.integer({ min: 100, max: 999 }), { minLength: 1, maxLength: 3 }),
    postCreators: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 3, maxLength: 3 }),
    nodes: fc.array(nodeArb, { maxLength: 40 }),
  })
  .chain((m) =>
    fc
      .uniqueArray(fc.integer({ min: 1, max: 50_000 }), { minLength: m.nodes.length, maxLength: m.nodes.length })
      .map((ids): Model => {
        const posts = m.postIds.map((id, i) => post(id, m.postCreators[i]!));
        const comments: RenderComment[] = [];
        m.nodes.forEach((n, i) => {
          const p = n.parent % (i + 1);
          const parent = p === i ? null : comments[p]!;
          const id = ids[i]!;
          comments.push({
            id,
            path: parent ? [...parent.path, id] : [id],
            post: parent ? parent.post : posts[n.post % posts.length]!,
            creator: person(n.creator),
            content: n.content,
            score: n.score,
            published: `2026-06-12T23:0${n.minute}:00.000000Z`,
            removed: n.removed,
            deleted: n.deleted,
            distinguished: n.distinguished,
            creatorIsModerator: n.mod,
            creatorIsAdmin: n.admin,
          });
        });
        return {
          version: m.version,
          form: m.form,
          posts,
          comments,
          dropped: new Set(comments.filter((_, i) => m.nodes[i]!.drop).map((c) => c.id)),
          repeated: new Set(comments.filter((_, i) => m.nodes[i]!.repeat).map((c) => c.id)),
        };
      }),
  );

/** The JSON document for a model, its views in the order `order` gives. */
function render(model: Model, order: readonly number[]): unknown {
  const kept = model.comments.filter((c) => !model.dropped.has(c.id));
  const views = order
    .filter((i) => i < kept.length)
    .flatMap((i) => (model.repeated.has(kept[i]!.id) ? [kept[i]!, kept[i]!] : [kept[i]!]));
  if (model.form === 'array') return views.map((c) => renderCommentView(c, model.version));
  const list = renderCommentList(views, model.version);
  if (model.form === 'list') return list;
  return { post: renderPostResponse(model.posts[0]!, model.version), comments: list };
}

// The oracle below restates the documented rules on the nested model, by
// recursion: a different formulation from the parser's flat, map-based one.

const author = (p: RenderPerson): Author => ({
  name: p.name,
  instance: p.instance,
  displayName: p.displayName,
  lemmyPersonId: p.id,
  actorId: `https://${p.instance}/u/${p.name}`,
});

function expectedComment(c: RenderComment): Comment {
  const badges: Badge[] = [];
  if (c.creatorIsModerator) badges.push('moderator');
  if (c.creatorIsAdmin) badges.push('admin');
  if (c.creator.id === c.post.creator.id) badges.push('op');
  if (c.creator.bot) badges.push('bot');
  const path = c.path.map(String);
  return {
    id: String(c.id),
    parentId: path.length > 1 ? path.at(-2)! : null,
    path,
    depth: path.length,
    author: author(c.creator),
    badges,
    score: c.score,
    scoreUncertain: false,
    age: null,
    published: c.published,
    body: c.content,
    quotes: [],
    removed: c.removed,
    deleted: c.deleted,
    distinguished: c.distinguished,
    placeholder: false,
    lemmy: {
      commentId: c.id,
      apId: `https://${c.creator.instance}/comment/${c.id}`,
      postId: c.post.id,
      communityId: c.post.community.id,
      creatorId: c.creator.id,
      path: lemmyPath(c),
    },
    line: null,
  };
}

function placeholder(c: RenderComment): Comment {
  const path = c.path.map(String);
  return {
    ...expectedComment(c),
    author: null,
    badges: [],
    score: null,
    published: null,
    body: '',
    removed: false,
    deleted: false,
    distinguished: false,
    placeholder: true,
    lemmy: null,
    parentId: path.length > 1 ? path.at(-2)! : null,
  };
}

function expectedPost(p: RenderPost, comments: readonly RenderComment[], fromResponse: boolean): Post {
  const creatorCommented = comments.some((c) => c.creator.id === p.creator.id);
  return {
    title: p.title,
    body: p.body ?? '',
    url: p.url,
    community: { name: p.community.name, instance: p.community.instance, lemmyCommunityId: p.community.id },
    author: fromResponse || creatorCommented ? author(p.creator) : null,
    lemmyPostId: p.id,
    apId: `https://test1.lemmy.ddenis.info/post/${p.id}`,
  };
}

function expectedDump(model: Model): Dump {
  const kept = (c: RenderComment) => !model.dropped.has(c.id);
  const children = (c: RenderComment | null) =>
    model.comments.filter((d) =>
      c === null ? d.path.length === 1 : d.path.length === c.path.length + 1 && d.path.at(-2) === c.id,
    );
  // A subtree: its sort key (a placeholder's is its earliest reply's) and its comments in reading order.
  const visit = (c: RenderComment): { key: number; id: number; out: Comment[] } | null => {
    const below = sortSubtrees(children(c).map(visit));
    if (kept(c))
      return { key: Date.parse(c.published), id: c.id, out: [expectedComment(c), ...below.flatMap((s) => s.out)] };
    if (below.length === 0) return null;
    return {
      key: Math.min(...below.map((s) => s.key)),
      id: c.id,
      out: [placeholder(c), ...below.flatMap((s) => s.out)],
    };
  };
  const threads: Thread[] = [];
  for (const p of [...model.posts].sort((a, b) => a.id - b.id)) {
    const fromResponse = model.form === 'bundle' && p === model.posts[0];
    const roots = sortSubtrees(
      children(null)
        .filter((c) => c.post === p)
        .map(visit),
    );
    if (roots.length === 0 && !fromResponse) continue;
    const keptComments = model.comments.filter((c) => c.post === p && kept(c));
    threads.push({ post: expectedPost(p, keptComments, fromResponse), comments: roots.flatMap((s) => s.out) });
  }
  return { format: 'lemmy-json', posts: threads };
}

function sortSubtrees<T extends { key: number; id: number }>(subtrees: ReadonlyArray<T | null>): T[] {
  return subtrees.filter((s): s is T => s !== null).sort((a, b) => a.key - b.key || a.id - b.id);
}

describe('random threads rendered as Lemmy API JSON', () => {
  it('parse back to the same tree, in any order, with orphans under placeholders', () => {
    fc.assert(
      fc.property(
        modelArb.chain((model) => {
          const n = model.comments.length;
          const indices = Array.from({ length: n }, (_, i) => i);
          return fc.tuple(fc.constant(model), fc.shuffledSubarray(indices, { minLength: n, maxLength: n }));
        }),
        ([model, order]) => {
          const text = JSON.stringify(render(model, order));
          expect(parseLemmyJson(text, 'random.json')).toEqual(expectedDump(model));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('the fast comment-view check', () => {
  const real = [
    JSON.parse(readFileSync(LEMMY_JSON('lemmykit_getCommentsResponseV3.json'), 'utf8')).comments[0],
    JSON.parse(readFileSync(LEMMY_JSON('lemmykit_getCommentsResponseV4.json'), 'utf8')).items[0],
  ];
  const fieldPaths: string[][] = [];
  const walk = (value: unknown, path: string[]) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
    for (const [key, child] of Object.entries(value)) {
      fieldPaths.push([...path, key]);
      walk(child, [...path, key]);
    }
  };
  walk(real[1], []);
  walk(real[0], []);
  const replacement = fc.oneof(
    fc.constant(undefined),
    fc.constant(null),
    fc.boolean(),
    fc.integer({ min: -3, max: 600 }),
    fc.constantFrom(1.5, 2 ** 60, Number.NaN),
    fc.constantFrom('', 'x', '0.501', '0.1.501', '0.0', '0.01.501', '0.501.'),
    fc.constant({}),
    fc.constant([]),
  );
  const mutation = fc.tuple(fc.constantFrom(...fieldPaths), replacement);

  it('accepts exactly what the zod schema accepts', () => {
    fc.assert(
      fc.property(fc.constantFrom(0, 1), fc.array(mutation, { maxLength: 3 }), (which, mutations) => {
        const view = structuredClone(real[which]);
        for (const [path, value] of mutations) {
          let target = view;
          for (const key of path.slice(0, -1)) {
            if (typeof target !== 'object' || target === null) break;
            target = target[key];
          }
          if (typeof target === 'object' && target !== null) {
            if (value === undefined) delete target[path.at(-1)!];
            else target[path.at(-1)!] = value;
          }
        }
        expect(isLemmyCommentView(view)).toBe(LemmyCommentView.safeParse(view).success);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('locating JSON syntax errors', () => {
  const sample = readFileSync(LEMMY_JSON('lemmykit_getPostResponseV3.json'), 'utf8');
  const edit = fc.record({
    at: fc.nat({ max: sample.length }),
    remove: fc.integer({ min: 0, max: 3 }),
    insert: fc.oneof(
      fc.constantFrom('', '"', ',', '}', ']', '{', ':', '\\', '\n', '-', '0', '.', 'e', 'x', 'tru'),
      fc.string({ maxLength: 3 }),
    ),
  });

  it('finds an error exactly when JSON.parse throws, at the offset the engine gives when it gives one', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 2 }), (edits) => {
        let text = sample;
        for (const e of edits) text = text.slice(0, e.at) + e.insert + text.slice(e.at + e.remove);
        let engine: string | null = null;
        try {
          JSON.parse(text);
        } catch (error) {
          engine = (error as Error).message;
        }
        const problem = findJsonSyntaxError(text);
        expect(problem === null).toBe(engine === null);
        if (engine === null || problem === null) return;
        const offset = offsetFromEngineMessage(engine, text);
        // We point at the opening quote of an unterminated string, the engine at the end of input.
        if (offset !== null && !problem.reason.startsWith('unterminated string')) expect(problem.offset).toBe(offset);
      }),
      { numRuns: 2000 },
    );
  });
});
