/**
 * Bounded cost for every input: each hostile input below ends in a located
 * one-line error (exit 2) or a normal result, within generous time and
 * memory bounds (the machine is shared; the bounds catch minutes and GBs).
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, ftruncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { flagThread } from '../../src/flag/flagger.js';
import { createLexiconScorer } from '../../src/flag/lexicon/index.js';
import { loadRules } from '../../src/flag/rules.js';
import { splitSentences } from '../../src/flag/sentences.js';
import { LemmyRequestError } from '../../src/lemmy/errors.js';
import { fetchThread } from '../../src/lemmy/fetch-thread.js';
import { LemmyHttp, MAX_RESPONSE_BYTES } from '../../src/lemmy/http.js';
import { loadDump, parseDump } from '../../src/parse/index.js';
import { PostResponse } from '../../src/lemmy-api/schema.js';
import { blankComment, emptyPost } from '../../src/thread/schema.js';
import { instantDeps } from '../lemmy/helpers.js';
import { grownThread } from '../lemmy/thread-fixture.js';
import { renderCommentList, type RenderComment } from '../support/render-lemmy-json.js';
import { listen } from '../support/lemmy-standin.js';
import { expectOneLineError, runCli } from '../support/run-cli.js';

const tmp = () => mkdtempSync(path.join(tmpdir(), 'threadmod-cost-'));
const MB = 1024 * 1024;

/** Runs `work`, returning its result (or error), the time it took and how much the heap grew. */
async function measured<T>(
  work: () => Promise<T> | T,
): Promise<{ value: T | undefined; error: unknown; ms: number; heapMb: number }> {
  globalThis.gc?.();
  const heap = process.memoryUsage().heapUsed;
  const start = performance.now();
  let value: T | undefined;
  let error: unknown;
  try {
    value = await work();
  } catch (e) {
    error = e;
  }
  return { value, error, ms: performance.now() - start, heapMb: (process.memoryUsage().heapUsed - heap) / MB };
}

function deepView(ancestors: number): Record<string, unknown> {
  const person = { id: 1, name: 'deep', displayName: null, instance: 'lemmy.world', bot: false };
  const post = {
    id: 5,
    title: 'Deep',
    body: null,
    url: null,
    creator: person,
    community: { id: 2, name: 'c', instance: 'lemmy.world' },
    published: '2026-06-12T22:00:00Z',
  };
  const path = Array.from({ length: ancestors + 1 }, (_, i) => i + 1);
  const comment: RenderComment = {
    id: ancestors + 1,
    path,
    post,
    creator: person,
    content: 'so deep',
    score: 1,
    published: '2026-06-12T23:00:00Z',
    removed: false,
    deleted: false,
    distinguished: false,
    creatorIsModerator: false,
    creatorIsAdmin: false,
  };
  return renderCommentList([comment], 'v3');
}

describe('deep JSON paths', () => {
  it('a comment whose path lists 100,000 absent ancestors is refused at its JSON path, fast and small', async () => {
    const text = JSON.stringify(deepView(100_000));
    expect(text.length).toBeGreaterThan(580_000);
    const { error, ms, heapMb } = await measured(() => parseDump(text, 'deep.json'));
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).where).toBe('deep.json: $.comments[0].comment.path');
    expect((error as Error).message).toMatch(/nested 100001 levels deep; threadmod reads threads up to 100 levels/);
    expect(ms).toBeLessThan(10_000);
    expect(heapMb).toBeLessThan(200);
  });

  it('tree --json on 10,000 absent ancestors: one line, exit 2', async () => {
    const file = path.join(tmp(), 'deep.json');
    writeFileSync(file, JSON.stringify(deepView(10_000)));
    expectOneLineError(
      await runCli(['tree', file, '--json']),
      /deep\.json: \$\.comments\[0\]\.comment\.path: comment 10001 is nested 10001 levels deep/,
    );
  });

  it('a thread exactly 100 levels deep with every ancestor missing still parses, with its placeholders', () => {
    const dump = parseDump(JSON.stringify(deepView(99)), 'ok.json');
    const comments = dump.posts[0]!.comments;
    expect(comments).toHaveLength(100);
    expect(comments.filter((c) => c.placeholder)).toHaveLength(99);
    expect(comments.at(-1)!.depth).toBe(100);
  });
});

describe('sentence segmentation', () => {
  it('a 400 KB body of "you\\n" is split and flagged in seconds, one sentence per line', async () => {
    const body = 'you\n'.repeat(100_000);
    const split = await measured(() => splitSentences(body));
    expect(split.value).toHaveLength(100_000);
    expect(split.value!.at(-1)).toEqual({ text: 'you', start: body.length - 4, end: body.length - 1 });
    expect(split.ms).toBeLessThan(15_000);

    const rules = await loadRules();
    const comment = { ...blankComment('c1', null, ['c1']), body };
    const flagged = await measured(() =>
      flagThread({ post: emptyPost(), comments: [comment] }, createLexiconScorer(), { rules }),
    );
    expect(flagged.error).toBeUndefined();
    expect(flagged.value!.analyses.get('c1')!.sentences).toHaveLength(100_000);
    expect(flagged.ms).toBeLessThan(60_000);
  }, 120_000);

  it('one 400 KB line of short sentences is split in seconds, each sentence with its offsets', async () => {
    const body = 'You are wrong. '.repeat(27_000);
    const { value, ms } = await measured(() => splitSentences(body));
    expect(value).toHaveLength(27_000);
    for (const s of [value![0]!, value![13_500]!, value!.at(-1)!])
      expect(body.slice(s.start, s.end)).toBe('You are wrong.');
    expect(ms).toBeLessThan(15_000);
  });
});

describe('files that are not regular or too large', () => {
  it('/dev/zero is refused before anything is read', async () => {
    const { error, ms } = await measured(() => loadDump('/dev/zero'));
    expect((error as Error).message).toBe(
      '/dev/zero: is not a regular file (a device, pipe or socket); save it to a file first',
    );
    expect(ms).toBeLessThan(5000);
    expectOneLineError(await runCli(['tree', '/dev/zero']), /\/dev\/zero: is not a regular file/);
  }, 60_000);

  it('a named pipe is refused without waiting for a writer', async () => {
    const fifo = path.join(tmp(), 'pipe.json');
    execFileSync('mkfifo', [fifo]);
    const { error, ms } = await measured(() => loadDump(fifo));
    expect((error as Error).message).toMatch(/pipe\.json: is not a regular file/);
    expect(ms).toBeLessThan(5000);
  });

  it('a 3 GB file is refused by its size, in one line', async () => {
    const file = path.join(tmp(), 'huge.json');
    const fd = openSync(file, 'w');
    ftruncateSync(fd, 3 * 1024 * MB); // sparse: no disk used
    closeSync(fd);
    const { error, ms, heapMb } = await measured(() => loadDump(file));
    expect((error as Error).message).toMatch(/huge\.json: is 3072 MB; threadmod reads files up to 400 MB/);
    expect(ms).toBeLessThan(5000);
    expect(heapMb).toBeLessThan(50);
    expectOneLineError(await runCli(['scan', file]), /huge\.json: is 3072 MB; threadmod reads files up to 400 MB/);
  }, 60_000);
});

describe('servers that never stop', () => {
  it('an answer with no end is read only up to the limit, then refused in one line', async () => {
    let sent = 0;
    const server = await listen((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      const chunk = Buffer.alloc(256 * 1024, 0x20);
      const pump = () => {
        while (res.write(chunk)) {
          sent += chunk.length;
          if (sent > 200 * MB) return void res.end();
        }
        res.once('drain', pump);
      };
      res.write('{"post_view": ');
      pump();
    });
    try {
      const rss = process.memoryUsage().rss;
      const http = new LemmyHttp({ origin: server.url, policy: { attempts: 1, minIntervalMs: 0 } });
      const { error, ms } = await measured(() => http.get('/api/v3/post', { id: 1 }, PostResponse));
      expect(error).toBeInstanceOf(LemmyRequestError);
      expect((error as Error).message).toMatch(/larger than 16 MB; stopped reading it/);
      expect(sent).toBeLessThan(MAX_RESPONSE_BYTES + 32 * MB);
      expect(ms).toBeLessThan(20_000);
      expect((process.memoryUsage().rss - rss) / MB).toBeLessThan(300);
    } finally {
      await server.close();
    }
  }, 60_000);

  it('a server that announces a huge body is refused without reading it', async () => {
    const server = await listen((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(5 * 1024 * MB) });
      res.write('{');
    });
    try {
      const http = new LemmyHttp({ origin: server.url, policy: { attempts: 1, minIntervalMs: 0 } });
      await expect(http.get('/api/v3/post', { id: 1 }, PostResponse)).rejects.toThrow(/larger than 16 MB/);
    } finally {
      await server.close();
    }
  });

  it('paging that never ends stops at a budget from the post comment count, with a clear warning', async () => {
    const thread = grownThread('v4', 10);
    const template = thread.views[0]!;
    const expected = 120;
    const post = structuredClone(thread.post);
    post.post_view.post.comments = expected;
    let pageNo = 0;
    const fetch: typeof globalThis.fetch = async (input) => {
      const url = new URL(String(input));
      if (url.pathname.endsWith('/post')) return Response.json(post);
      // Every page: 50 comments never seen before, and a fresh cursor.
      pageNo++;
      const items = Array.from({ length: 50 }, (_, i) => {
        const id = 100_000 + pageNo * 50 + i;
        const view = structuredClone(template);
        view.comment.id = id;
        view.comment.path = `0.${id}`;
        view.comment.child_count = 0;
        return view;
      });
      return Response.json({ items, next_page: `cursor-${pageNo}` });
    };
    const { deps } = instantDeps();
    const http = new LemmyHttp({
      origin: 'https://endless.example',
      deps: { ...deps, fetch },
      policy: { minIntervalMs: 0 },
    });
    const { value, ms } = await measured(() => fetchThread(http, { apiVersion: 'v4', postId: 180 }));
    expect(value!.pages).toBeLessThan(500);
    expect(value!.pages).toBeGreaterThan(expected / 50);
    expect(value!.warnings).toHaveLength(1);
    expect(value!.warnings[0]).toMatch(
      /^stopped after \d+ pages of comments \(the post lists 120 comments, \d+ were received\); the server kept sending more/,
    );
    expect(ms).toBeLessThan(30_000);
  }, 60_000);
});
