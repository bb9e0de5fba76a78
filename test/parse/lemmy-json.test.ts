import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { offsetFromEngineMessage } from '../../src/io/json-position.js';
import { FetchedDump } from '../../src/lemmy-api/schema.js';
import { parseLemmyJson } from '../../src/parse/lemmy-json.js';
import { Dump, type Comment } from '../../src/thread/schema.js';
import { readingOrderProblem } from '../../src/thread/tree.js';
import { LEMMY_JSON } from '../support/shared.js';

type Json = Record<string, any>;

const V3_COMMENTS = 'lemmykit_getCommentsResponseV3.json';
const V4_COMMENTS = 'lemmykit_getCommentsResponseV4.json';
const V3_POST = 'lemmykit_getPostResponseV3.json';
const V4_POST = 'lemmykit_getPostResponseV4.json';

const text = (name: string) => readFileSync(LEMMY_JSON(name), 'utf8');
const json = (name: string): Json => JSON.parse(text(name));
const parse = (value: unknown, file = 'dump.json') => parseLemmyJson(JSON.stringify(value, null, 2), file);

/** The one comment view of a recorded list, re-placed at `path` (its id is the last segment). */
function viewAt(
  version: 'v3' | 'v4',
  path: string,
  changes: { published?: string; postId?: number; creatorId?: number } = {},
): Json {
  const list = json(version === 'v3' ? V3_COMMENTS : V4_COMMENTS);
  const view = (version === 'v3' ? list.comments : list.items)[0];
  const id = Number(path.split('.').at(-1));
  view.comment.id = id;
  view.comment.path = path;
  view.comment.ap_id = `https://test1.lemmy.ddenis.info/comment/${id}`;
  view.comment.content = `comment ${id}`;
  if (changes.published) view.comment[version === 'v3' ? 'published' : 'published_at'] = changes.published;
  if (changes.postId !== undefined) {
    view.comment.post_id = changes.postId;
    view.post.id = changes.postId;
    view.post.ap_id = `https://test1.lemmy.ddenis.info/post/${changes.postId}`;
    view.post.name = `post ${changes.postId}`;
  }
  if (changes.creatorId !== undefined) {
    view.comment.creator_id = changes.creatorId;
    view.creator.id = changes.creatorId;
    view.creator.name = `user${changes.creatorId}`;
  }
  return view;
}

const minute = (m: number) => `2026-06-12T23:${String(m).padStart(2, '0')}:00.000000Z`;
const shape = (comments: readonly Comment[]) =>
  comments.map((c) => `${'  '.repeat(c.depth - 1)}${c.id}${c.placeholder ? '?' : ''}`);

function inputError(run: () => unknown): InputError {
  try {
    run();
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('the recorded Lemmy responses', () => {
  const post180 = {
    title: 'Live recording (thread 8)',
    body: '',
    url: 'https://example.com/live',
    community: { name: 'music', instance: 'test1.lemmy.ddenis.info', lemmyCommunityId: 29 },
    author: {
      name: 'seed_mod1',
      instance: 'test1.lemmy.ddenis.info',
      displayName: 'Mod One',
      lemmyPersonId: 14,
      actorId: 'https://test1.lemmy.ddenis.info/u/seed_mod1',
    },
    lemmyPostId: 180,
    apId: 'https://test1.lemmy.ddenis.info/post/180',
  };

  it.each([V3_COMMENTS, V4_COMMENTS])('%s: one top-level comment by the post author', (name) => {
    const dump = parseLemmyJson(text(name), name);
    expect(Dump.parse(dump)).toEqual(dump);
    expect(dump.format).toBe('lemmy-json');
    expect(dump.posts).toHaveLength(1);
    // The list does not carry the post's creator; seed_mod1 (id 14 = post.creator_id) commented, so we know them.
    expect(dump.posts[0]!.post).toEqual(post180);
    expect(dump.posts[0]!.comments).toEqual([
      {
        id: '501',
        parentId: null,
        path: ['501'],
        depth: 1,
        author: post180.author,
        badges: ['op'],
        score: 3,
        scoreUncertain: false,
        age: null,
        published: '2026-06-12T23:39:00.000000Z',
        body: 'Great track, thanks for sharing!',
        quotes: [],
        removed: false,
        deleted: false,
        distinguished: false,
        placeholder: false,
        lemmy: {
          commentId: 501,
          apId: 'https://test1.lemmy.ddenis.info/comment/501',
          postId: 180,
          communityId: 29,
          creatorId: 14,
          path: '0.501',
        },
        line: null,
      },
    ]);
  });

  it.each([V3_POST, V4_POST])('%s: the post, with no comments', (name) => {
    const dump = parseLemmyJson(text(name), name);
    expect(dump).toEqual({ format: 'lemmy-json', posts: [{ post: post180, comments: [] }] });
  });

  it('reads the v3 score from counts and the v4 score from the comment', () => {
    const v3 = json(V3_COMMENTS);
    v3.comments[0].counts.score = -4;
    const v4 = json(V4_COMMENTS);
    v4.items[0].comment.score = 12;
    expect(parse(v3).posts[0]!.comments[0]!.score).toBe(-4);
    expect(parse(v4).posts[0]!.comments[0]!.score).toBe(12);
  });

  it.each(['v3', 'v4'] as const)('bundles a %s post response with its comment list', (version) => {
    const [post, list] = version === 'v3' ? [json(V3_POST), json(V3_COMMENTS)] : [json(V4_POST), json(V4_COMMENTS)];
    const expected = parseLemmyJson(text(version === 'v3' ? V3_COMMENTS : V4_COMMENTS), 'x');
    expect(parse({ post, comments: list })).toEqual(expected);
    // The same, as one object with both keys, and with a bare array of views.
    expect(parse({ ...post, ...list })).toEqual(expected);
    expect(parse({ post, comments: list.comments ?? list.items })).toEqual(expected);
  });

  it('reads the dump threadmod fetch writes, and its schema accepts v3 and v4 views', () => {
    for (const version of ['v3', 'v4'] as const) {
      const post = json(version === 'v3' ? V3_POST : V4_POST);
      const list = json(version === 'v3' ? V3_COMMENTS : V4_COMMENTS);
      const fetched = {
        threadmod: {
          fetchedFrom: 'https://test1.lemmy.ddenis.info/post/180',
          fetchedAt: '2026-06-13T00:00:00Z',
          apiVersion: version,
        },
        post,
        comments: list.comments ?? list.items,
      };
      expect(FetchedDump.safeParse(fetched).success).toBe(true);
      expect(parse(fetched)).toEqual(parseLemmyJson(text(version === 'v3' ? V3_COMMENTS : V4_COMMENTS), 'x'));
    }
  });

  it('reads a bare JSON array of comment views', () => {
    expect(parse(json(V4_COMMENTS).items)).toEqual(parseLemmyJson(text(V4_COMMENTS), 'x'));
    expect(parse([])).toEqual({ format: 'lemmy-json', posts: [] });
  });
});

describe('rebuilding the tree', () => {
  it.each(['v3', 'v4'] as const)('%s: nests by path, siblings oldest first then by id', (version) => {
    const views = [
      viewAt(version, '0.10.12.13', { published: minute(5) }),
      viewAt(version, '0.10', { published: minute(1) }),
      viewAt(version, '0.11', { published: minute(1) }),
      viewAt(version, '0.10.14', { published: minute(2) }),
      viewAt(version, '0.10.12', { published: minute(3) }),
      viewAt(version, '0.9', { published: minute(4) }),
    ];
    const comments = parse(version === 'v3' ? { comments: views } : { items: views }).posts[0]!.comments;
    expect(shape(comments)).toEqual(['10', '  14', '  12', '    13', '11', '9']);
    expect(comments.map((c) => [c.id, c.parentId, c.depth])).toEqual([
      ['10', null, 1],
      ['14', '10', 2],
      ['12', '10', 2],
      ['13', '12', 3],
      ['11', null, 1],
      ['9', null, 1],
    ]);
    expect(comments.find((c) => c.id === '13')!.path).toEqual(['10', '12', '13']);
  });

  it('gives the same tree for any input order', () => {
    const views = ['0.1', '0.1.2', '0.1.2.3', '0.1.4', '0.5', '0.5.6', '0.7.8', '0.7.8.9'].map((path, i) =>
      viewAt('v3', path, { published: minute(i % 3) }),
    );
    const expected = parse({ comments: views });
    expect(readingOrderProblem(expected.posts[0]!.comments)).toBeNull();
    fc.assert(
      fc.property(fc.shuffledSubarray(views, { minLength: views.length }), (shuffled) => {
        expect(parse({ comments: shuffled })).toEqual(expected);
      }),
      { numRuns: 50 },
    );
  });

  it('keeps an orphan under one placeholder per missing ancestor, with the Lemmy ids', () => {
    const dump = parse({
      comments: [viewAt('v3', '0.7.9.501', { published: minute(4) }), viewAt('v3', '0.20', { published: minute(9) })],
    });
    const comments = dump.posts[0]!.comments;
    expect(shape(comments)).toEqual(['7?', '  9?', '    501', '20']);
    expect(comments[0]).toMatchObject({
      id: '7',
      parentId: null,
      path: ['7'],
      depth: 1,
      placeholder: true,
      author: null,
      body: '',
      lemmy: null,
    });
    expect(comments[1]).toMatchObject({ id: '9', parentId: '7', path: ['7', '9'], depth: 2, placeholder: true });
    expect(comments[2]).toMatchObject({ id: '501', parentId: '9', depth: 3, placeholder: false, body: 'comment 501' });
    expect(comments[2]!.lemmy?.path).toBe('0.7.9.501');
  });

  it('splits a list spanning several posts into one thread per post, by post id', () => {
    const dump = parse({
      items: [
        viewAt('v4', '0.30', { postId: 300 }),
        viewAt('v4', '0.10'), // post 180, as recorded
        viewAt('v4', '0.31.32', { postId: 300 }),
        viewAt('v4', '0.31', { postId: 300 }),
      ],
    });
    expect(dump.posts.map((t) => [t.post.lemmyPostId, t.post.title, t.post.apId, shape(t.comments)])).toEqual([
      [180, 'Live recording (thread 8)', 'https://test1.lemmy.ddenis.info/post/180', ['10']],
      [300, 'post 300', 'https://test1.lemmy.ddenis.info/post/300', ['30', '31', '  32']],
    ]);
  });

  it("takes the post from a bundle's post response and other posts from their comment views", () => {
    const post = json(V4_POST);
    const dump = parse({ post, comments: [viewAt('v4', '0.10', { postId: 179, creatorId: 99 })] });
    expect(dump.posts.map((t) => [t.post.lemmyPostId, t.comments.length, t.post.author?.name ?? null])).toEqual([
      [179, 1, null], // the lone comment is not by post 179's creator (14), so its author is unknown
      [180, 0, 'seed_mod1'],
    ]);
  });

  it('keeps removed and deleted comments, marked, and reads badges', () => {
    const removed = viewAt('v3', '0.1', { creatorId: 50 });
    removed.comment.removed = true;
    removed.comment.content = '';
    removed.creator_is_moderator = true;
    removed.creator_is_admin = true;
    const deleted = viewAt('v3', '0.1.2', { creatorId: 51 });
    deleted.comment.deleted = true;
    deleted.comment.distinguished = true;
    deleted.creator.bot_account = true;
    const byOp = viewAt('v3', '0.1.3'); // creator 14 is the post's creator
    const comments = parse([removed, deleted, byOp]).posts[0]!.comments;
    expect(comments.map((c) => [c.id, c.removed, c.deleted, c.distinguished, c.badges])).toEqual([
      ['1', true, false, false, ['moderator', 'admin']],
      ['2', false, true, true, ['bot']],
      ['3', false, false, false, ['op']],
    ]);
  });

  it('reads each comment once when pages overlap, keeping the first copy', () => {
    const first = viewAt('v4', '0.1');
    const later = viewAt('v4', '0.1');
    later.comment.score = 40; // votes arrived between the two page fetches
    const dump = parse({ items: [first, viewAt('v4', '0.1.2'), later] });
    expect(shape(dump.posts[0]!.comments)).toEqual(['1', '  2']);
    expect(dump.posts[0]!.comments[0]!.score).toBe(3);
  });

  it('takes the host of the ActivityPub id as the instance', () => {
    const view = viewAt('v3', '0.1');
    view.creator.actor_id = 'https://Lemmy.World:8536/u/someone';
    view.community.actor_id = 'https://feddit.org/c/music';
    const dump = parse([view]);
    expect(dump.posts[0]!.comments[0]!.author?.instance).toBe('lemmy.world:8536');
    expect(dump.posts[0]!.post.community?.instance).toBe('feddit.org');
  });
});

describe('bad input', () => {
  it('locates invalid JSON by line and column', () => {
    // Node 20 gives no position for an unexpected token; the scanner finds it.
    const noPosition = '{\n  "comments": [\n    {"comment": x}\n  ]\n}\n';
    expect(inputError(() => parseLemmyJson(noPosition, 'dump.json')).message).toBe(
      "dump.json:3:17: invalid JSON: unexpected 'x'; expected a value",
    );
    const trailingComma = '{\n  "comments": [],\n}';
    expect(inputError(() => parseLemmyJson(trailingComma, 'dump.json')).where).toBe('dump.json:3:1');
    const truncated = text(V4_COMMENTS).slice(0, 1000);
    const error = inputError(() => parseLemmyJson(truncated, 'cut.json'));
    expect(error.message).toMatch(
      /^cut\.json:\d+:\d+: invalid JSON: unterminated string \(starts here\)$|unexpected end of input/,
    );
    const lines = truncated.split('\n');
    expect(error.where).toMatch(new RegExp(`^cut\\.json:(${lines.length}|${lines.length - 1}):`));
    expect(inputError(() => parseLemmyJson('', 'empty.json')).message).toBe(
      'empty.json:1:1: invalid JSON: unexpected end of input; expected a value',
    );
    expect(inputError(() => parseLemmyJson('{"comments": []} x', 'd.json')).where).toBe('d.json:1:18');
  });

  it("maps the engine's position in either message style to an offset", () => {
    const body = '{\n  "a": 1,\n}';
    expect(offsetFromEngineMessage('Expected double-quoted property name in JSON at position 12', body)).toBe(12);
    expect(
      offsetFromEngineMessage('Expected double-quoted property name in JSON at position 12 (line 3 column 1)', body),
    ).toBe(12);
    expect(offsetFromEngineMessage('Unexpected end of JSON input', body)).toBe(body.length);
    expect(offsetFromEngineMessage('Unexpected token \'x\', "x" is not valid JSON', body)).toBeNull();
  });

  it('names the JSON path of the first problem in a comment view', () => {
    const views = [viewAt('v3', '0.1'), viewAt('v3', '0.2'), viewAt('v3', '0.3'), viewAt('v3', '0.4')];
    views[3]!.comment.path = 4;
    expect(inputError(() => parse({ comments: views })).message).toBe(
      'dump.json: $.comments[3].comment.path: expected string, got 4',
    );
    delete views[3]!.comment.path;
    expect(inputError(() => parse({ comments: views })).message).toBe(
      'dump.json: $.comments[3].comment.path: missing; expected string',
    );
    views[3]!.comment.path = '0.4';
    views[1]!.creator.id = '14';
    expect(inputError(() => parse({ items: views })).message).toBe(
      'dump.json: $.items[1].creator.id: expected number, got "14"',
    );
    views[1]!.creator.id = 14.5;
    expect(inputError(() => parse(views)).message).toBe('dump.json: $[1].creator.id: expected integer, got 14.5');
  });

  it.each([
    ['0.1.x', 'expected a comment path like "0.24.27", got "0.1.x"'],
    ['1.2', 'expected a comment path like "0.24.27", got "1.2"'],
    ['0', 'expected a comment path like "0.24.27", got "0"'],
    ['0.01', 'expected a comment path like "0.24.27", got "0.01"'],
    ['0.2.7', `path "0.2.7" does not end with the comment's id 2`],
  ])('refuses the path %j', (path, detail) => {
    const view = viewAt('v4', '0.2');
    view.comment.path = path;
    expect(inputError(() => parse({ items: [viewAt('v4', '0.1'), view] })).message).toBe(
      `dump.json: $.items[1].comment.path: ${detail}`,
    );
  });

  it('refuses comments whose paths disagree about an ancestor, naming the second', () => {
    const dump = { comments: [viewAt('v3', '0.1.2'), viewAt('v3', '0.3.2.4')] };
    expect(inputError(() => parse(dump)).message).toBe(
      'dump.json: $.comments[1].comment.path: comment 4 has path 3.2.4, but its parent 2 has path 1.2',
    );
  });

  it("refuses a repeated comment that moved, and a view whose post is not the comment's", () => {
    const moved = viewAt('v3', '0.5.2');
    expect(inputError(() => parse({ comments: [viewAt('v3', '0.2'), moved] })).message).toBe(
      'dump.json: $.comments[1].comment.path: comment 2 appears again with path "0.5.2", but $.comments[0] has "0.2"',
    );
    const mismatched = viewAt('v3', '0.2');
    mismatched.post.id = 181;
    expect(inputError(() => parse([mismatched])).message).toBe(
      "dump.json: $[0].post.id: post 181 is not the comment's post_id 180",
    );
  });

  it('names the problem in the envelope', () => {
    expect(inputError(() => parse({ foo: [] })).message).toMatch(/^dump\.json: \$: not a Lemmy API response/);
    expect(inputError(() => parse(42)).message).toBe(
      'dump.json: $: expected a Lemmy API response (a JSON object or array), got 42',
    );
    expect(inputError(() => parse({ comments: {} })).message).toBe(
      'dump.json: $.comments: expected an array of comment views, got an object',
    );
    const post = json(V3_POST);
    expect(inputError(() => parse({ post, comments: 'none' })).message).toBe(
      'dump.json: $.comments: expected a comment list ({comments} or {items}) or an array of comment views, got "none"',
    );
    delete post.post_view.post.name;
    expect(inputError(() => parse({ post, comments: [] })).message).toBe(
      'dump.json: $.post.post_view.post.name: missing; expected string',
    );
    expect(inputError(() => parse(post)).message).toBe('dump.json: $.post_view.post.name: missing; expected string');
    const fetched = { threadmod: { fetchedFrom: 'x', apiVersion: 'v9' }, post: json(V4_POST), comments: [] };
    expect(inputError(() => parse(fetched)).message).toBe('dump.json: $.threadmod.fetchedAt: missing; expected string');
    const badView = {
      threadmod: { fetchedFrom: 'x', fetchedAt: 'y', apiVersion: 'v4' },
      post: json(V4_POST),
      comments: [{}],
    };
    expect(inputError(() => parse(badView)).message).toBe('dump.json: $.comments[0].comment: missing; expected object');
  });
});
