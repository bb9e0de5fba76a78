import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runFetch } from '../../src/cli/commands/fetch.js';
import { fetchThread, type FetchProgress } from '../../src/lemmy/fetch-thread.js';
import { LemmyHttp } from '../../src/lemmy/http.js';
import { parseDump } from '../../src/parse/index.js';
import { FetchedDump } from '../../src/lemmy-api/schema.js';
import { LemmyStandin, type Api } from '../support/lemmy-standin.js';
import { capture, instantDeps, tempDir } from './helpers.js';
import { grownThread, recorded } from './thread-fixture.js';

const running: LemmyStandin[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

async function standin(options: Parameters<typeof LemmyStandin.start>[0]): Promise<LemmyStandin> {
  const s = await LemmyStandin.start(options);
  running.push(s);
  return s;
}

/** Runs `threadmod fetch` in-process in a fresh directory; returns the dump text and what was printed. */
async function fetchInto(server: LemmyStandin, postId = 180, extra: Record<string, unknown> = {}) {
  const cwd = tempDir('fetch');
  const io = capture();
  const { deps, sleeps, policy } = instantDeps();
  await runFetch(
    `${server.url}/post/${postId}`,
    { ...extra },
    { stdout: io.stdout, stderr: io.stderr, env: {}, cwd, deps, policy },
  );
  const file = path.join(cwd, io.out().trim());
  return { cwd, file, text: readFileSync(file, 'utf8'), out: io.out(), err: io.err(), sleeps };
}

describe('threadmod fetch against a Lemmy stand-in', () => {
  it('pages a v3 (Lemmy 0.19) thread to the end, 50 at a time, oldest first', async () => {
    const thread = grownThread('v3', 136);
    const server = await standin({ api: 'v3', post: thread.post, comments: thread.views });
    const { text, out, err, cwd } = await fetchInto(server);

    expect(out).toBe('127.0.0.1-post-180.json\n');
    expect(err).toBe('');
    expect(readdirSync(cwd)).toEqual(['127.0.0.1-post-180.json']);
    const pages = server.to('/comment/list');
    expect(pages.map((r) => r.query)).toEqual(
      [1, 2, 3].map((page) => ({ post_id: '180', limit: '50', sort: 'Old', type_: 'All', page: String(page) })),
    );
    expect(server.received.map((r) => r.path)).toEqual([
      '/api/v4/site',
      '/api/v3/site',
      '/api/v3/post',
      '/api/v3/comment/list',
      '/api/v3/comment/list',
      '/api/v3/comment/list',
    ]);
    for (const r of server.received) expect(r.headers['user-agent']).toMatch(/^threadmod\/\d+\.\d+\.\d+ /);

    const dump = FetchedDump.parse(JSON.parse(text));
    expect(dump.threadmod).toMatchObject({ apiVersion: 'v3', fetchedFrom: `${server.url}/post/180` });
    expect(dump.comments.map((c) => c.comment.id)).toEqual(thread.views.map((v) => v.comment.id));
    // The same tree as the thread the stand-in holds, read straight from Lemmy's JSON.
    expect(parseDump(text, 'fetched.json')).toEqual(
      parseDump(JSON.stringify({ post: thread.post, comments: thread.list }), 'served.json'),
    );
  });

  it('follows v4 (Lemmy 1.0) cursors until next_page runs out', async () => {
    const thread = grownThread('v4', 149); // 150 comments: three full pages, then an empty one
    const server = await standin({ api: 'v4', post: thread.post, comments: thread.views });
    const { text } = await fetchInto(server);

    const pages = server.to('/comment/list');
    expect(pages.map((r) => r.query.page_cursor)).toEqual([undefined, 'Pc1e', 'Pc2s', 'Pc46']);
    for (const r of pages) expect(r.query).toMatchObject({ post_id: '180', limit: '50', sort: 'old', type_: 'all' });
    expect(pages.every((r) => r.query.max_depth === undefined && r.query.page === undefined)).toBe(true);
    const dump = FetchedDump.parse(JSON.parse(text));
    expect(dump.threadmod.apiVersion).toBe('v4');
    expect(dump.comments).toHaveLength(150);
    expect(parseDump(text, 'fetched.json')).toEqual(
      parseDump(JSON.stringify({ post: thread.post, comments: thread.list }), 'served.json'),
    );
  });

  it.each(['v3', 'v4'] as const)(
    'keeps the recorded %s responses as received and parses them into the same tree',
    async (api: Api) => {
      const rec = recorded(api);
      const server = await standin({ api, post: rec.post, comments: rec.views });
      const { text } = await fetchInto(server);

      const dump = JSON.parse(text) as { post: unknown; comments: unknown[] };
      expect(dump.post).toEqual(rec.post);
      expect(dump.comments).toEqual(rec.views);
      // Key order too: the dump is Lemmy's JSON, not a re-serialized copy of what zod kept.
      expect(JSON.stringify(dump.comments[0])).toBe(JSON.stringify(rec.views[0]));
      const fromDump = parseDump(text, 'fetched.json');
      expect(fromDump).toEqual(parseDump(JSON.stringify({ post: rec.post, comments: rec.list }), 'recorded.json'));
      expect(fromDump.posts[0]!.comments.map((c) => c.lemmy?.commentId)).toEqual([501]);
    },
  );

  it('lists a subtree again with parent_id when child_count says replies are missing', async () => {
    const thread = grownThread('v3', 60);
    expect(thread.maxDepth).toBeGreaterThan(15);
    // This instance leaves everything below depth 5 out of flat listings.
    const server = await standin({ api: 'v3', post: thread.post, comments: thread.views, flatDepthLimit: 5 });
    const { text } = await fetchInto(server);

    const refetches = server.to('/comment/list').filter((r) => r.query.parent_id !== undefined);
    // Only the topmost incomplete comment (the recorded 501, root of the deep chain) is listed
    // again, all of its subtree, paged like the first pass.
    expect(refetches.map((r) => [r.query.parent_id, r.query.page])).toEqual([
      ['501', '1'],
      ['501', '2'],
    ]);
    const ids = FetchedDump.parse(JSON.parse(text)).comments.map((c) => c.comment.id);
    expect(new Set(ids)).toEqual(new Set(thread.views.map((v) => v.comment.id)));
    expect(ids).toHaveLength(61);
  });

  it('makes no extra requests when child counts add up', async () => {
    const thread = grownThread('v3', 60);
    const server = await standin({ api: 'v3', post: thread.post, comments: thread.views });
    await fetchInto(server);
    expect(server.to('/comment/list').map((r) => r.query.page)).toEqual(['1', '2']);
  });

  it('reports progress as comments arrive, ending at the total', async () => {
    const thread = grownThread('v4', 120);
    const server = await standin({ api: 'v4', post: thread.post, comments: thread.views });
    const events: FetchProgress[] = [];
    const http = new LemmyHttp({ origin: server.url, ...instantDeps() });
    const result = await fetchThread(http, { apiVersion: 'v4', postId: 180, onProgress: (p) => events.push(p) });

    expect(events[0]).toMatchObject({ phase: 'post', comments: 0, expected: 121 });
    expect(events.filter((e) => e.phase === 'comments').map((e) => e.comments)).toEqual([50, 100, 121]);
    expect(result).toMatchObject({ pages: 3, expected: 121, warnings: [] });
  });

  it('shows a progress line on a terminal and a closing summary', async () => {
    const thread = grownThread('v3', 70);
    const server = await standin({ api: 'v3', post: thread.post, comments: thread.views });
    const io = capture(true);
    const cwd = tempDir('fetch-tty');
    await runFetch(
      undefined,
      { instance: server.url, post: '180', out: 'thread.json' },
      { ...io, env: {}, cwd, ...instantDeps() },
    );

    expect(io.out()).toBe('thread.json\n');
    expect(io.err()).toContain('127.0.0.1:');
    expect(io.err()).toMatch(/post 180 \(Lemmy 0\.19\.5, API v3\): 50 comments so far of about 71/);
    expect(io.err()).toMatch(/fetched 71 comments \(the post lists 71\) in 2 pages/);
    expect(existsSync(path.join(cwd, 'thread.json'))).toBe(true);
  });

  it('never replaces an existing dump without --force, and asks nothing of the server then', async () => {
    const rec = recorded('v3');
    const server = await standin({ api: 'v3', post: rec.post, comments: rec.views });
    const { cwd } = await fetchInto(server);
    const before = server.received.length;
    const io = capture();
    await expect(runFetch(`${server.url}/post/180`, {}, { ...io, env: {}, cwd, ...instantDeps() })).rejects.toThrow(
      /127\.0\.0\.1-post-180\.json already exists; pass --force/,
    );
    expect(server.received.length).toBe(before);

    await runFetch(`${server.url}/post/180`, { force: true }, { ...io, env: {}, cwd, ...instantDeps() });
    // Written through a temporary file and a rename: nothing else is left in the directory.
    expect(readdirSync(cwd)).toEqual(['127.0.0.1-post-180.json']);
  });
});
