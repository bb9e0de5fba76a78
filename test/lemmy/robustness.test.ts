import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { runFetch } from '../../src/cli/commands/fetch.js';
import { UserError } from '../../src/errors.js';
import { LemmyRequestError } from '../../src/lemmy/errors.js';
import { LemmyHttp } from '../../src/lemmy/http.js';
import { Secret } from '../../src/lemmy/secret.js';
import { DEFAULT_RETRY_POLICY, backoffDelay, parseRetryAfter } from '../../src/lemmy/retry-policy.js';
import { PostResponse } from '../../src/lemmy-api/schema.js';
import { LemmyStandin, listen, type Received } from '../support/lemmy-standin.js';
import { NOW, UNPACED, capture, instantDeps, tempDir } from './helpers.js';
import { grownThread, recorded } from './thread-fixture.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((close) => close()));
});

async function standin(api: 'v3' | 'v4' = 'v3', extra = 0): Promise<LemmyStandin> {
  const thread = extra > 0 ? grownThread(api, extra) : { post: recorded(api).post, views: recorded(api).views };
  const s = await LemmyStandin.start({ api, post: thread.post, comments: thread.views });
  cleanups.push(() => s.close());
  return s;
}

const page = (n: number) => (r: Received) => r.path.endsWith('/comment/list') && r.query.page === String(n);
const postRequest = (r: Received) => r.path.endsWith('/post');

/** `threadmod fetch` in-process; resolves to what it printed, or to the error it threw. */
async function fetchPost(url: string, options: Record<string, unknown> = {}, policy = {}) {
  const cwd = tempDir('robust');
  const io = capture();
  const { deps, sleeps } = instantDeps();
  let error: unknown = null;
  try {
    await runFetch(url, options, {
      stdout: io.stdout,
      stderr: io.stderr,
      env: {},
      cwd,
      deps,
      policy: { ...UNPACED, ...policy },
    });
  } catch (e) {
    error = e;
  }
  return { error: error as UserError | null, sleeps, out: io.out(), err: io.err(), files: readdirSync(cwd) };
}

describe('retries and waits', () => {
  it('retries 500s with growing, jittered waits, then succeeds', async () => {
    const server = await standin('v3', 60);
    server.fail(page(2), { kind: 'status', status: 500, body: '{"error":"unknown"}' }, 2);
    const { error, sleeps, files } = await fetchPost(`${server.url}/post/180`);

    expect(error).toBeNull();
    expect(files).toHaveLength(1);
    expect(server.received.filter(page(2)).map((r) => r.status)).toEqual([500, 500, 200]);
    // Equal jitter with the dice at 0.5: 3/4 of 500 ms, then 3/4 of 1000 ms.
    expect(sleeps).toEqual([375, 750]);
  });

  it('gives up after the last retry with one line naming the request', async () => {
    const server = await standin();
    server.fail(postRequest, { kind: 'status', status: 503 }, 99);
    const { error, files } = await fetchPost(`${server.url}/post/180`, { retries: '2' });

    expect(error).toBeInstanceOf(UserError);
    expect(error!.message).toBe(`GET ${server.url}/api/v3/post?id=180: HTTP 503 (gave up after 3 attempts)`);
    expect(error!.exitCode).toBe(2);
    expect(server.received.filter(postRequest)).toHaveLength(3);
    expect(files).toEqual([]);
  });

  it('abandons an attempt that gets no answer in time and tries again', async () => {
    const server = await standin('v3', 60);
    server.fail(page(2), { kind: 'hang' });
    const { error, sleeps } = await fetchPost(`${server.url}/post/180`, {}, { timeoutMs: 150 });

    expect(error).toBeNull();
    expect(server.received.filter(page(2)).map((r) => r.status)).toEqual([null, 200]);
    expect(sleeps).toEqual([375]);
  });

  it('says how long it waited when an instance never answers', async () => {
    const server = await standin();
    server.fail(postRequest, { kind: 'hang' }, 99);
    const { error } = await fetchPost(`${server.url}/post/180`, { retries: '1' }, { timeoutMs: 100 });
    expect(error!.message).toBe(
      `GET ${server.url}/api/v3/post?id=180: no answer within 0.1 s (gave up after 2 attempts)`,
    );
  });

  it.each([
    ['delta seconds', '7', 7000],
    ['an HTTP date', new Date(NOW + 12_000).toUTCString(), 12_000],
    ['more than the cap', '3600', DEFAULT_RETRY_POLICY.maxRetryAfterMs],
  ])('waits as 429 Retry-After asks (%s)', async (_, header, expected) => {
    const server = await standin();
    server.fail(postRequest, { kind: 'status', status: 429, headers: { 'Retry-After': header } });
    const { error, sleeps } = await fetchPost(`${server.url}/post/180`);
    expect(error).toBeNull();
    expect(sleeps).toEqual([expected]);
    expect(server.received.filter(postRequest).map((r) => r.status)).toEqual([429, 200]);
  });

  it("backs off from a longer step on Lemmy's own 429, which has no Retry-After", async () => {
    const server = await standin();
    server.fail(postRequest, { kind: 'status', status: 429, body: '{"error":"rate_limit_error"}' }, 2);
    const { error, sleeps } = await fetchPost(`${server.url}/post/180`);
    expect(error).toBeNull();
    expect(sleeps).toEqual([3750, 7500]);
  });

  it('spaces requests out to stay under the rate limit', async () => {
    const server = await standin('v3', 120);
    // The clock stands still, so every request after the first waits the whole interval.
    const { error, sleeps } = await fetchPost(`${server.url}/post/180`, {}, { minIntervalMs: 400 });
    expect(error).toBeNull();
    expect(server.received).toHaveLength(6);
    expect(sleeps).toEqual([400, 400, 400, 400, 400]);
  });

  it('tries again when the connection drops halfway through a body', async () => {
    const server = await standin('v4', 60);
    server.fail((r) => r.path.endsWith('/comment/list') && r.query.page_cursor === undefined, { kind: 'cut-body' });
    const { error, files } = await fetchPost(`${server.url}/post/180`);
    expect(error).toBeNull();
    expect(files).toHaveLength(1);
    expect(server.to('/comment/list')).toHaveLength(3);
  });
});

describe('one-line errors', () => {
  it('refuses truncated JSON without retrying and writes nothing', async () => {
    const server = await standin('v3', 60);
    server.fail(page(2), { kind: 'truncated-json' });
    const { error, files } = await fetchPost(`${server.url}/post/180`);

    expect(error).toBeInstanceOf(UserError);
    expect(error!.message).toMatch(
      new RegExp(
        `^GET ${server.url}/api/v3/comment/list\\?post_id=180&limit=50&sort=Old&type_=All&page=2: the answer is not valid JSON \\(\\d+ bytes, cut short\\?\\): `,
      ),
    );
    expect(error!.message).not.toContain('\n');
    expect(server.received.filter(page(2))).toHaveLength(1);
    expect(files).toEqual([]);
  });

  it('stops at once on 401, without retrying', async () => {
    const server = await standin();
    server.fail(postRequest, { kind: 'status', status: 401, body: '{"error":"not_logged_in"}' }, 99);
    const { error } = await fetchPost(`${server.url}/post/180`);
    expect(error).toBeInstanceOf(LemmyRequestError);
    expect((error as LemmyRequestError).failure).toBe('auth');
    expect(error!.message).toBe(`GET ${server.url}/api/v3/post?id=180: HTTP 401 (not_logged_in)`);
    expect(server.received.filter(postRequest)).toHaveLength(1);
  });

  it.each([
    ['v3', 'couldnt_find_post'],
    ['v4', 'not_found'],
  ] as const)('says so when the post does not exist (%s)', async (api, code) => {
    const server = await standin(api);
    const { error, files } = await fetchPost(`${server.url}/post/999`);
    expect(error!.message).toBe(`post 999 not found on ${server.url} (${code})`);
    expect(error!.exitCode).toBe(2);
    expect(server.to('/comment/list')).toHaveLength(0);
    expect(files).toEqual([]);
  });

  it.each([
    [
      'an HTML page',
      200,
      '<!doctype html><title>Welcome to nginx</title>',
      /\/api\/v4\/site: the answer is an HTML page, not JSON; \/api\/v3\/site: the answer is an HTML page, not JSON\)$/,
    ],
    ['404 everywhere', 404, 'Not Found', /\/api\/v4\/site: HTTP 404; \/api\/v3\/site: HTTP 404/],
    ['JSON of another shape', 200, '{"status":"ok"}', /\/api\/v3\/site: not the answer Lemmy gives: \$\.site_view: /],
  ])('recognizes a server that is not Lemmy (%s) after two requests', async (_, status, body, detail) => {
    const seen: string[] = [];
    const server = await listen((req, res) => {
      seen.push(req.url ?? '');
      res.writeHead(status, { 'Content-Type': body.startsWith('{') ? 'application/json' : 'text/html' }).end(body);
    });
    cleanups.push(server.close);
    const { error } = await fetchPost(`${server.url}/post/180`);
    expect(error!.message).toMatch(new RegExp(`^${server.url}: does not look like a Lemmy instance \\(`));
    expect(error!.message).toMatch(detail);
    expect(seen).toEqual(['/api/v4/site', '/api/v3/site']);
  });

  it.each([
    [
      'ftp://lemmy.world/post/1',
      'not a valid post URL: "ftp://lemmy.world/post/1" (only http and https are supported)',
    ],
    ['lemmy.world/post/1', 'not a valid post URL: "lemmy.world/post/1"'],
    [
      'https://lemmy.world/u/music',
      'not a Lemmy post URL: https://lemmy.world/u/music (expected https://<instance>/post/<id>)',
    ],
    [
      'https://lemmy.world/post/abc',
      'not a Lemmy post URL: https://lemmy.world/post/abc (expected https://<instance>/post/<id>)',
    ],
    [
      'https://lemmy.world/comment/77',
      "https://lemmy.world/comment/77 is a link to a comment; give the post's link (https://<instance>/post/<id>)",
    ],
    [
      'https://me:pw@lemmy.world/post/1',
      'the post URL must not contain a user name or password; use LEMMY_JWT or --token-file',
    ],
  ])('refuses %s before any request', async (url, message) => {
    const { error } = await fetchPost(url);
    expect(error).toBeInstanceOf(UserError);
    expect(error!.message).toBe(message);
  });

  it('wants either a post URL or --instance with --post', async () => {
    expect((await fetchPost(undefined as unknown as string, { instance: 'lemmy.world' })).error!.message).toMatch(
      /--instance <url> with --post <id>/,
    );
    expect((await fetchPost('https://a.b/post/1', { post: '1' })).error!.message).toMatch(/not both/);
    expect(
      (await fetchPost(undefined as unknown as string, { instance: 'lemmy.world', post: '0' })).error!.message,
    ).toMatch(/not a Lemmy post id: "0"/);
  });

  it('does not follow a redirect while holding a token', async () => {
    const server = await listen((_req, res) =>
      res.writeHead(301, { Location: 'https://elsewhere.example/api/v3/post?id=1' }).end(),
    );
    cleanups.push(server.close);
    const authed = new LemmyHttp({ origin: server.url, token: new Secret('t0ken'), deps: instantDeps().deps });
    await expect(authed.get('/api/v3/post', { id: 1 }, PostResponse)).rejects.toThrow(
      `GET ${server.url}/api/v3/post?id=1: redirected to https://elsewhere.example/api/v3/post?id=1; use that address instead`,
    );
  });
});

describe('the token', () => {
  it('is scrubbed from messages even when a server echoes it back', async () => {
    const server = await listen((req, res) => {
      const echoed = encodeURIComponent(String(req.headers.authorization).replace('Bearer ', ''));
      res.writeHead(302, { Location: `https://elsewhere.example/login?jwt=${decodeURIComponent(echoed)}` }).end();
    });
    cleanups.push(server.close);
    const secret = 'abc.def.ghi';
    const http = new LemmyHttp({ origin: server.url, token: new Secret(secret), deps: instantDeps().deps });
    const error = await http.get('/api/v3/site', undefined, PostResponse).then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error?.message).toBe(
      `GET ${server.url}/api/v3/site: redirected to https://elsewhere.example/login?jwt=[redacted]; use that address instead`,
    );
    expect(String(new Secret(secret))).toBe('[redacted]');
    expect(JSON.stringify({ token: new Secret(secret) })).toBe('{"token":"[redacted]"}');
  });
});

describe('retry policy', () => {
  it('waits between half and all of an exponential step, never beyond the cap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (retry, dice) => {
          const step = Math.min(DEFAULT_RETRY_POLICY.maxDelayMs, DEFAULT_RETRY_POLICY.baseDelayMs * 2 ** (retry - 1));
          const wait = backoffDelay(retry, DEFAULT_RETRY_POLICY, () => dice);
          expect(wait).toBeGreaterThanOrEqual(Math.floor(step / 2));
          expect(wait).toBeLessThanOrEqual(step);
        },
      ),
    );
  });

  it('reads Retry-After as seconds or as an HTTP date, and nothing else', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 86_400 }), (s) => {
        expect(parseRetryAfter(String(s), NOW)).toBe(s * 1000);
        expect(parseRetryAfter(new Date(NOW + s * 1000).toUTCString(), NOW)).toBe(s * 1000);
      }),
    );
    expect(parseRetryAfter(new Date(NOW - 5000).toUTCString(), NOW)).toBe(0);
    for (const junk of [null, '', '-3', '1.5', 'soon', '2026-06-13']) expect(parseRetryAfter(junk, NOW)).toBeNull();
  });
});
