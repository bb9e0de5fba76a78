import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseSince, runFetch } from '../../src/cli/commands/fetch.js';
import { CommunityDump } from '../../src/lemmy-api/community.js';
import { parseCommunityRef } from '../../src/lemmy/instance-url.js';
import { parseDump } from '../../src/parse/index.js';
import { UserError } from '../../src/errors.js';
import { type LemmyStandin, type Api } from '../support/lemmy-standin.js';
import { capture, instantDeps, tempDir } from './helpers.js';
import { COMMUNITY, communityStandin as serveCommunity, grownCommunity, TROLL } from './community-fixture.js';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.bW9kZXJhdG9y.c2lnbmF0dXJl';
const running: LemmyStandin[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

async function communityStandin(api: Api, posts = 5, options: Parameters<typeof grownCommunity>[2] = {}) {
  const c = grownCommunity(api, posts, options);
  const server = await serveCommunity(api, c, TOKEN);
  running.push(server);
  return { server, c };
}

async function fetchCommunityInto(
  server: LemmyStandin,
  args: Record<string, unknown> = {},
  cwd = tempDir('community'),
  env: NodeJS.ProcessEnv = {},
  policy: Record<string, number> = {},
) {
  const io = capture();
  const deps = instantDeps();
  await runFetch(`${server.url}/c/${COMMUNITY}`, args, {
    stdout: io.stdout,
    stderr: io.stderr,
    env,
    cwd,
    deps: deps.deps,
    policy: { ...deps.policy, ...policy },
  });
  const file = path.join(cwd, io.out().trim());
  return { cwd, file, text: readFileSync(file, 'utf8'), out: io.out(), err: io.err() };
}

describe('community references', () => {
  it('reads /c/ links and name@instance handles, and refuses other paths', () => {
    expect(parseCommunityRef('https://lemmy.world/c/memes')).toEqual({ origin: 'https://lemmy.world', name: 'memes' });
    expect(parseCommunityRef('https://lemmy.world/c/memes@lemmy.ml/')).toEqual({
      origin: 'https://lemmy.world',
      name: 'memes@lemmy.ml',
    });
    expect(parseCommunityRef('!memes@lemmy.ml')).toEqual({ origin: 'https://lemmy.ml', name: 'memes' });
    expect(parseCommunityRef('memes@lemmy.ml')).toEqual({ origin: 'https://lemmy.ml', name: 'memes' });
    expect(() => parseCommunityRef('https://lemmy.world/c/a%0Ab')).toThrow(UserError);
  });

  it('reads --since as a duration before now or an ISO date', () => {
    const now = new Date('2026-06-13T00:00:00Z');
    expect(parseSince('24h', now)).toBe(Date.parse('2026-06-12T00:00:00Z'));
    expect(parseSince('7d', now)).toBe(Date.parse('2026-06-06T00:00:00Z'));
    expect(parseSince('2026-06-01', now)).toBe(Date.parse('2026-06-01'));
    expect(() => parseSince('yesterday', now)).toThrow(/--since "yesterday": expected 24h, 7d/);
    expect(() => parseSince('2026', now)).toThrow(UserError);
  });
});

describe('threadmod fetch <community> against the stand-in', () => {
  it('v3: pages the post listing (50 a page, to --posts), then every comment of each post, into one multi-post dump', async () => {
    const { server, c } = await communityStandin('v3', 60);
    const { text, out, file } = await fetchCommunityInto(server, { posts: '55' });

    expect(out).toBe(`127.0.0.1-c-${COMMUNITY}.json\n`);
    const listing = server.to('/post/list').map((r) => r.query);
    expect(listing).toEqual([
      { community_id: '29', limit: '50', sort: 'New', type_: 'All', page: '1' },
      { community_id: '29', limit: '50', sort: 'New', type_: 'All', page: '2' },
    ]);
    const dump = CommunityDump.parse(JSON.parse(text));
    expect(dump.posts.map((p) => p.post.id)).toEqual(c.postIds.slice(0, 55));
    const wanted = c.comments.filter((v) => v.post.id < 355).map((v) => v.comment.id);
    expect(dump.comments.map((v) => v.comment.id).sort()).toEqual(wanted.sort());
    // Each post read from the listing, never asked for again.
    expect(server.to('/post')).toHaveLength(0);
    expect(existsSync(`${file}.partial.jsonl`)).toBe(false);

    const parsed = parseDump(text, 'community.json');
    expect(parsed.posts).toHaveLength(55);
    expect(parsed.posts[0]!.post.title).toBe('Weekly thread 300: what are you listening to?');
    expect(parsed.posts[0]!.comments.map((x) => x.id)).toEqual(['10000', '10001', '10002', '10003']);
    expect(parsed.reports).toBeUndefined();
  });

  it('v4: follows cursors, stops at --since, and passes over an old pinned post', async () => {
    const { server } = await communityStandin('v4', 8, { pinned: true });
    const { text } = await fetchCommunityInto(server, { since: '2026-06-12T20:30:00Z' });
    const dump = CommunityDump.parse(JSON.parse(text));
    expect(dump.threadmod.apiVersion).toBe('v4');
    expect(dump.posts.map((p) => p.post.id)).toEqual([300, 301, 302]);
    expect(server.to('/post/list').map((r) => r.query.sort)).toEqual(['new']);
    expect(server.to('/comment/list').map((r) => r.query.post_id)).toEqual(['300', '301', '302']);
  });

  it('resumes an interrupted fetch with the first unfinished post, and the result is the same dump', async () => {
    const { server } = await communityStandin('v3', 6);
    const cwd = tempDir('resume');
    // The fourth post's comments fail for good (no retries): the fetch stops there.
    server.fail((r) => r.path.endsWith('/comment/list') && r.query.post_id === '303', { kind: 'status', status: 502 });
    await expect(fetchCommunityInto(server, { out: 'c.json' }, cwd, {}, { attempts: 1 })).rejects.toThrow(/HTTP 502/);
    expect(readdirSync(cwd)).toEqual(['c.json.partial.jsonl']);
    const partialLines = readFileSync(path.join(cwd, 'c.json.partial.jsonl'), 'utf8').trimEnd().split('\n');
    expect(partialLines).toHaveLength(4); // the plan, then posts 300, 301, 302

    server.received.length = 0;
    const { text } = await fetchCommunityInto(server, { out: 'c.json' }, cwd);
    expect(server.to('/post/list')).toHaveLength(0);
    expect(server.to('/comment/list').map((r) => r.query.post_id)).toEqual(['303', '304', '305']);
    expect(readdirSync(cwd)).toEqual(['c.json']);

    const whole = await fetchCommunityInto(server, { out: 'whole.json' });
    const strip = (t: string) => ({ ...JSON.parse(t), threadmod: null });
    expect(strip(text)).toEqual(strip(whole.text));
  });

  it('refuses to resume a partial file left by a fetch with other options', async () => {
    const { server } = await communityStandin('v3', 4);
    const cwd = tempDir('resume-other');
    server.fail((r) => r.path.endsWith('/comment/list') && r.query.post_id === '302', { kind: 'status', status: 502 });
    await expect(fetchCommunityInto(server, { out: 'c.json' }, cwd, {}, { attempts: 1 })).rejects.toThrow();
    await expect(fetchCommunityInto(server, { out: 'c.json', posts: '2' }, cwd)).rejects.toThrow(
      /c\.json\.partial\.jsonl is left from an interrupted fetch with other options/,
    );
  });

  for (const api of ['v3', 'v4'] as const) {
    it(`${api}: --reports saves the open reports and the reported authors' modlog, and adds reported older posts`, async () => {
      const { server } = await communityStandin(api, 4);
      const { text } = await fetchCommunityInto(server, { reports: true, posts: '1' }, undefined, { LEMMY_JWT: TOKEN });

      const reportRequests = server.received.filter((r) => r.path.includes('report/list'));
      expect(reportRequests.length).toBeGreaterThan(0);
      for (const r of reportRequests) {
        expect(r.headers.authorization).toBe(`Bearer ${TOKEN}`);
        expect(r.query).toMatchObject({ community_id: '29', unresolved_only: 'true' });
      }
      if (api === 'v3') {
        expect(reportRequests.map((r) => r.path)).toEqual(['/api/v3/comment/report/list', '/api/v3/post/report/list']);
      } else {
        expect(reportRequests.map((r) => r.path)).toEqual(['/api/v4/report/list']);
      }
      // The reported comments' author, and the reported post's (the recorded post's creator, seed_mod1).
      expect(server.to('/modlog').map((r) => r.query.other_person_id)).toEqual(['14', String(TROLL)]);

      const dump = parseDump(text, 'c.json');
      // Post 300 from the listing; 301 because a comment on it is reported.
      expect(dump.posts.map((p) => p.post.lemmyPostId)).toEqual([300, 301]);
      expect(dump.reports).toEqual([
        expect.objectContaining({ kind: 'comment', reportId: 1, commentId: '10003', reason: 'personal attack on me' }),
        expect.objectContaining({ kind: 'comment', reportId: 2, commentId: '10003', reason: 'insults another member' }),
        expect.objectContaining({ kind: 'comment', reportId: 3, commentId: '10103', lemmyPostId: 301 }),
        expect.objectContaining({ kind: 'post', reportId: 1, commentId: null, lemmyPostId: 301, reason: 'off topic' }),
      ]);
      expect(dump.reports![0]!.reporter).toMatchObject({
        name: 'standin_user300',
        instance: 'test1.lemmy.ddenis.info',
      });
      expect(dump.modlog).toEqual([
        {
          kind: 'comment-removed',
          lemmyPersonId: TROLL,
          at: '2026-05-01T10:00:00.000000Z',
          reason: 'Rule 3: no personal attacks',
          lemmyCommentId: 9001,
          expires: null,
        },
        {
          kind: 'banned',
          lemmyPersonId: TROLL,
          at: '2026-05-01T10:01:00.000000Z',
          reason: 'Repeated attacks',
          lemmyCommentId: null,
          expires: '2026-05-04T10:00:00.000000Z',
        },
      ]);
    });
  }

  it('--reports without a token fails in one line before any request', async () => {
    const { server } = await communityStandin('v3', 2);
    await expect(fetchCommunityInto(server, { reports: true })).rejects.toThrow(
      "--reports needs a moderator's token: set LEMMY_JWT or pass --token-file <file>",
    );
    expect(server.received).toHaveLength(0);
  });

  it('post fetch with --reports keeps only the reports on that post', async () => {
    const { server } = await communityStandin('v4', 3);
    const cwd = tempDir('post-reports');
    const io = capture();
    const { deps, policy } = instantDeps();
    await runFetch(
      `${server.url}/post/301`,
      { reports: true },
      {
        stdout: io.stdout,
        stderr: io.stderr,
        env: { LEMMY_JWT: TOKEN },
        cwd,
        deps,
        policy,
      },
    );
    const dump = parseDump(readFileSync(path.join(cwd, io.out().trim()), 'utf8'), 'p.json');
    expect(dump.reports?.map((r) => `${r.kind} ${r.reportId}`)).toEqual(['comment 3', 'post 1']);
  });
});
