/**
 * The fast path for Lemmy JSON (src/parse/json-views.ts: the views parsed one
 * at a time) must give exactly what parsing the whole document gives, for the
 * recorded responses, for every envelope, for any formatting and content, and
 * for broken input it must step aside so that the error is the one the
 * whole-document parse reports.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitViews } from '../../src/parse/json-views.js';
import { readLemmyJson, readWholeLemmyJson } from '../../src/parse/lemmy-json.js';
import {
  type ApiVersion,
  type RenderComment,
  type RenderPost,
  renderCommentList,
  renderCommentView,
  renderPostResponse,
} from '../support/render-lemmy-json.js';
import { LEMMY_JSON } from '../support/shared.js';

type Outcome = { ok: unknown } | { error: string };

function outcome(read: () => unknown): Outcome {
  try {
    return { ok: read() };
  } catch (error) {
    return { error: String(error) };
  }
}

/** Both paths give the same dump, or the same error. */
function agree(text: string): void {
  expect(outcome(() => readLemmyJson(text, 'dump.json'))).toEqual(outcome(() => readWholeLemmyJson(text, 'dump.json')));
}

const RECORDED = [
  'lemmykit_getCommentsResponseV3.json',
  'lemmykit_getCommentsResponseV4.json',
  'lemmykit_getPostResponseV3.json',
  'lemmykit_getPostResponseV4.json',
];
const recorded = (name: string): unknown => JSON.parse(readFileSync(LEMMY_JSON(name), 'utf8'));

/** The envelopes threadmod reads, around one list of views. */
function envelopes(views: unknown[], version: ApiVersion, postResponse: unknown): unknown[] {
  const list = version === 'v3' ? { comments: views } : { items: views, next_page: null, prev_page: null };
  return [
    list,
    views,
    { post: postResponse, comments: list },
    { post: postResponse, comments: views },
    { ...(postResponse as object), comments: views },
    {
      threadmod: { fetchedFrom: 'https://lemmy.world/post/7', fetchedAt: '2026-06-13T00:00:00Z', apiVersion: version },
      post: postResponse,
      comments: views,
    },
  ];
}

describe('the one-view-at-a-time reader', () => {
  it('reads the recorded responses, in every envelope and layout, as the whole-document parse does', () => {
    let streamed = 0;
    for (const [version, name] of [
      ['v3', 'lemmykit_getCommentsResponseV3.json'],
      ['v4', 'lemmykit_getCommentsResponseV4.json'],
    ] as const) {
      const doc = recorded(name) as { comments?: unknown[]; items?: unknown[] };
      const views = (doc.comments ?? doc.items)!;
      const postResponse = recorded(`lemmykit_getPostResponse${version.toUpperCase()}.json`);
      for (const envelope of envelopes(views, version, postResponse)) {
        for (const text of [
          JSON.stringify(envelope),
          JSON.stringify(envelope, null, 2),
          JSON.stringify(envelope, null, '\t'),
        ]) {
          agree(text);
          if (splitViews(text) !== null) streamed++;
        }
      }
    }
    for (const name of RECORDED) agree(readFileSync(LEMMY_JSON(name), 'utf8'));
    // The fast path must actually have run, or this test says nothing about it.
    expect(streamed).toBeGreaterThanOrEqual(20);
  });

  const person = (id: number) => ({ id, name: `user${id}`, displayName: null, instance: 'lemmy.world', bot: id === 3 });
  const post = (id: number): RenderPost => ({
    id,
    title: `Post ${id}`,
    body: null,
    url: null,
    creator: person(1),
    community: { id: 29, name: 'music', instance: 'lemmy.world' },
    published: '2026-06-12T23:00:00.000000Z',
  });
  /** A top-level comment on post 7 by user2. */
  const plainView = (id: number, text: string): RenderComment => ({
    id,
    path: [id],
    post: post(7),
    creator: person(2),
    content: text,
    score: 1,
    published: '2026-06-12T23:00:00.000000Z',
    removed: false,
    deleted: false,
    distinguished: false,
    creatorIsModerator: false,
    creatorIsAdmin: false,
  });
  // Content that looks like the ends of views: `}`, `},{`, `}]`, quotes and backslashes.
  const content = fc
    .array(fc.constantFrom('}', '},{', '}]', '{', '"', '\\', '\\"', ',', ' ', 'a', 'é', '\n', ']'), { maxLength: 12 })
    .map((parts) => parts.join(''));
  const comments = fc.array(
    fc.record({ parent: fc.nat(), post: fc.nat({ max: 1 }), creator: fc.integer({ min: 1, max: 4 }), content }),
    { maxLength: 12 },
  );

  it('agrees with the whole-document parse on random threads, contents and layouts', () => {
    fc.assert(
      fc.property(
        comments,
        fc.constantFrom<ApiVersion>('v3', 'v4'),
        fc.nat({ max: 5 }),
        fc.constantFrom(undefined, 2, '\t'),
        (nodes, version, form, indent) => {
          const rendered: RenderComment[] = [];
          nodes.forEach((n, i) => {
            const p = n.parent % (i + 1);
            const parent = p === i ? null : rendered[p]!;
            const id = 100 + i;
            rendered.push({
              id,
              path: parent ? [...parent.path, id] : [id],
              post: parent ? parent.post : post(7 + n.post),
              creator: person(n.creator),
              content: n.content,
              score: i,
              published: `2026-06-12T23:00:0${i % 10}.000000Z`,
              removed: false,
              deleted: false,
              distinguished: false,
              creatorIsModerator: false,
              creatorIsAdmin: false,
            });
          });
          const views = rendered.map((c) => renderCommentView(c, version));
          const envelope = envelopes(views, version, renderPostResponse(post(7), version))[form]!;
          agree(JSON.stringify(envelope, null, indent));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('steps aside for broken input, so the error is the whole-document parse’s', () => {
    const list = renderCommentList(
      [1, 2, 3].map((id) => plainView(id, `comment ${id}`)),
      'v3',
    );
    const text = JSON.stringify(list, null, 2);
    expect(splitViews(text)).not.toBeNull();
    fc.assert(
      fc.property(fc.nat({ max: text.length - 1 }), fc.constantFrom('', '}', ',', '"', '{', 'x', ']'), (at, put) => {
        // Deletes one character, or puts another in its place.
        agree(text.slice(0, at) + put + text.slice(at + 1));
      }),
      { numRuns: 600 },
    );
    // A view that fails the check, and one whose path does not end with its id.
    agree(text.replace('"score": 1', '"score": "1"'));
    agree(text.replace('"path": "0.2"', '"path": "0.5"'));
  });

  it('stays linear on hostile input: deep nesting, and views full of `},{`', () => {
    const deep = `{"comments":[${'['.repeat(200_000)}${']'.repeat(200_000)}]}`;
    const started = performance.now();
    expect(() => readLemmyJson(deep, 'deep.json')).toThrow(/deep\.json/);
    const tricky = JSON.stringify({
      comments: [renderCommentView(plainView(1, '},{'.repeat(100_000)), 'v4')],
    });
    expect(splitViews(tricky)?.views).toHaveLength(1);
    agree(tricky);
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
