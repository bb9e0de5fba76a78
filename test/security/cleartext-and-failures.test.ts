/**
 * No bearer token over cleartext http to another machine without the flag
 * named in --help; and every failure of item 6 of the hostile-input issue is
 * one line with exit 2: a rules threshold of 0, a full disk on export, a
 * tampered model (swapped shards, NaN weights, unknown op), a malformed
 * Location header.
 */
import { cpSync, chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runApply } from '../../src/cli/commands/apply.js';
import { runFetch } from '../../src/cli/commands/fetch.js';
import { describeError } from '../../src/cli/report-error.js';
import { Journal } from '../../src/decisions/journal.js';
import { UserError } from '../../src/errors.js';
import { loadToxicityScorer } from '../../src/flag/toxicity/index.js';
import { capture, instantDeps } from '../lemmy/helpers.js';
import { seedCopy } from '../review/support/seed.js';
import { decision, journalOptions } from '../decisions/sample.js';
import { listen } from '../support/lemmy-standin.js';
import { expectOneLineError, runCli } from '../support/run-cli.js';
import { SEED_THREAD } from '../support/shared.js';
import { standinModelDir } from '../support/standin-model.js';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.c3RhbmQtaW4tbW9kZXJhdG9y.c2lnbmF0dXJl';
const tmp = () => mkdtempSync(path.join(tmpdir(), 'threadmod-fail-'));

afterEach(() => {
  vi.restoreAllMocks();
});

describe('no bearer token over cleartext http', () => {
  it('apply refuses an http instance on another machine, sending nothing, and says which flag allows it', async () => {
    const requests: string[] = [];
    const fetch: typeof globalThis.fetch = async (input) => {
      requests.push(String(input));
      return Response.json({});
    };
    const dir = tmp();
    const file = path.join(dir, 'decisions.json');
    writeFileSync(file, '{}');
    const error = await runApply(
      file,
      { instance: 'http://lemmy.example' },
      { ...capture(), env: { LEMMY_JWT: TOKEN }, deps: { ...instantDeps().deps, fetch } },
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toBe(
      'refusing to send the login token to lemmy.example over plain http (anyone on the way could read it); use https://lemmy.example, or pass --allow-insecure-http if you accept that',
    );
    expect(requests).toEqual([]);
  });

  it('fetch --auth refuses the same; without --auth no token is sent and http is fine', async () => {
    const error = await runFetch(
      'http://lemmy.example/post/3',
      { auth: true },
      { ...capture(), env: { LEMMY_JWT: TOKEN }, cwd: tmp(), ...instantDeps() },
    ).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(/^refusing to send the login token to lemmy\.example over plain http/);
  });

  it('fetch --reports refuses the same, for a post and for a community, before any request', async () => {
    for (const target of ['http://lemmy.example/post/3', 'http://lemmy.example/c/news']) {
      const requests: string[] = [];
      const fetch: typeof globalThis.fetch = async (input) => {
        requests.push(String(input));
        return Response.json({});
      };
      const error = await runFetch(
        target,
        { reports: true },
        { ...capture(), env: { LEMMY_JWT: TOKEN }, cwd: tmp(), deps: { ...instantDeps().deps, fetch } },
      ).catch((e: unknown) => e);
      expect((error as Error).message, target).toMatch(
        /^refusing to send the login token to lemmy\.example over plain http/,
      );
      expect(requests, target).toEqual([]);
    }
  });

  it('the CLI says it in one line with exit 2, and --help names the flag', async () => {
    expectOneLineError(
      await runCli(['fetch', 'http://192.0.2.7/post/3', '--auth'], { env: { LEMMY_JWT: TOKEN } }),
      /refusing to send the login token to 192\.0\.2\.7 over plain http .*--allow-insecure-http/,
    );
    for (const command of ['fetch', 'apply']) {
      const help = await runCli([command, '--help']);
      expect(help.stdout).toMatch(/--allow-insecure-http\s+send the login token over plain http:\/\/ to a host/);
    }
  });

  it('loopback (127.0.0.1, localhost, [::1]) and the explicit flag are allowed', async () => {
    const sent: Array<string | null> = [];
    const fetch: typeof globalThis.fetch = async (_input, init) => {
      sent.push(new Headers(init?.headers).get('authorization'));
      return new Response('{"error":"not_found"}', { status: 404 });
    };
    for (const [url, extra] of [
      ['http://127.0.0.1:8536/post/3', {}],
      ['http://localhost:8536/post/3', {}],
      ['http://[::1]:8536/post/3', {}],
      ['http://lemmy.example/post/3', { allowInsecureHttp: true }],
    ] as const) {
      const error = await runFetch(
        url,
        { auth: true, ...extra },
        {
          ...capture(),
          env: { LEMMY_JWT: TOKEN },
          cwd: tmp(),
          ...instantDeps(),
          deps: { ...instantDeps().deps, fetch },
        },
      ).catch((e: unknown) => e);
      expect((error as Error).message).not.toMatch(/plain http/);
    }
    expect(sent.length).toBeGreaterThan(0);
    expect(sent.every((h) => h === `Bearer ${TOKEN}`)).toBe(true);
  });
});

describe('every failure is one line with exit 2', () => {
  it('a rules file with threshold 0: located at the JSON path', async () => {
    const dir = tmp();
    const rules = JSON.parse(readFileSync(path.join(process.cwd(), 'rules/default.json'), 'utf8'));
    rules.rules[0].triggers[0].threshold = 0;
    const file = path.join(dir, 'rules.json');
    writeFileSync(file, JSON.stringify(rules));
    expectOneLineError(
      await runCli(['scan', SEED_THREAD(), '--scorer', 'lexicon', '--rules', file]),
      /rules\.json: \$\.rules\[0\]\.triggers\[0\]\.threshold: must be above 0/,
    );
  });

  it('export on a full disk (ENOSPC): one line, nothing written, the journal untouched', async () => {
    const dir = tmp();
    const dump = seedCopy(dir);
    const journalFile = `${dump}.decisions.jsonl`;
    const { journal } = await Journal.open(
      journalOptions(journalFile, {
        dump: {
          file: dump,
          sha256: (await import('../../src/io/sha256.js')).sha256Text(readFileSync(dump, 'utf8')),
          format: 'lemmy-text',
        },
      }),
    );
    await journal.decide(decision('L59', 'remove'));
    await journal.close();
    const before = readFileSync(journalFile);
    // The disk fills up under the atomic writer, as a real full disk would fail its write.
    // write-file-atomic calls fs.write on Node's fs module object: the write fails as on a full disk.
    const fs = (await import('node:fs')).default;
    const real = fs.write;
    vi.spyOn(fs, 'write').mockImplementation(((...args: unknown[]) => {
      const callback = args.at(-1) as (error: NodeJS.ErrnoException) => void;
      if (typeof callback !== 'function') return (real as (...a: unknown[]) => unknown)(...args);
      const error: NodeJS.ErrnoException = Object.assign(new Error('ENOSPC: no space left on device, write'), {
        code: 'ENOSPC',
        errno: -28,
        syscall: 'write',
      });
      process.nextTick(() => callback(error));
    }) as typeof fs.write);
    const { runExport } = await import('../../src/cli/commands/export.js');
    const out = path.join(dir, 'out.json');
    const error = await runExport(dump, { out }, capture()).catch((e: unknown) => e);
    vi.restoreAllMocks();
    const { message, exitCode } = describeError(error);
    expect(exitCode).toBe(2);
    expect(message).toBe(`${out}: no space left on the device; nothing was written, and the journal is unchanged`);
    expect(fs.existsSync(out)).toBe(false);
    expect(readFileSync(journalFile)).toEqual(before);
  });

  describe('a tampered model', () => {
    function tampered(change: (dir: string) => void): string {
      const dir = path.join(tmp(), 'model');
      cpSync(standinModelDir(), dir, { recursive: true });
      for (const name of ['model.json', 'vocab.json']) chmodSync(path.join(dir, name), 0o644);
      change(dir);
      return dir;
    }

    async function scoreWith(dir: string): Promise<{ message: string; exitCode: number }> {
      try {
        // One wasm worker and no score cache: the model itself must run, at the least cost to a shared machine.
        const scorer = await loadToxicityScorer({ modelDir: dir, backend: 'wasm', workers: 1, cacheDir: null });
        try {
          await scorer.score(['You are an idiot.', 'Thanks for the post.']);
        } finally {
          await scorer.close();
        }
      } catch (error) {
        return describeError(error);
      }
      return { message: 'no error', exitCode: 0 };
    }

    it('swapped shards', async () => {
      const dir = tampered((d) => {
        const first = readFileSync(path.join(d, 'group1-shard1of7'));
        writeFileSync(path.join(d, 'group1-shard1of7'), readFileSync(path.join(d, 'group1-shard7of7')));
        writeFileSync(path.join(d, 'group1-shard7of7'), first);
      });
      const { message, exitCode } = await scoreWith(dir);
      expect(exitCode).toBe(2);
      expect(message).toMatch(
        /model in .* is damaged: group1-shard\dof7 holds \d+ bytes .*\(swapped or replaced shards\?\)$/,
      );
    }, 60_000);

    it('NaN weights', async () => {
      const dir = tampered((d) => {
        const file = path.join(d, 'group1-shard1of7');
        const nan = Buffer.alloc(readFileSync(file).length);
        for (let i = 0; i + 4 <= nan.length; i += 4) nan.writeFloatLE(Number.NaN, i);
        writeFileSync(file, nan);
      });
      const { message, exitCode } = await scoreWith(dir);
      expect(exitCode).toBe(2);
      expect(message).toMatch(
        /^the toxicity model in .* failed while scoring \(.*\); its files may be damaged or tampered with/,
      );
      expect(message).not.toContain('\n');
    }, 120_000);

    it('an unknown op', async () => {
      const dir = tampered((d) => {
        const file = path.join(d, 'model.json');
        const json = JSON.parse(readFileSync(file, 'utf8'));
        const node = json.modelTopology.node.find((n: { op: string }) => n.op !== 'Const' && n.op !== 'Placeholder');
        node.op = 'NoSuchOp';
        writeFileSync(file, JSON.stringify(json));
      });
      const { message, exitCode } = await scoreWith(dir);
      expect(exitCode).toBe(2);
      expect(message).toMatch(
        /^the toxicity model in .* (failed while scoring|could not be loaded) \(Unknown op 'NoSuchOp'/,
      );
    }, 120_000);
  });

  it('a malformed Location header on a redirect: one line naming it, exit 2', async () => {
    const server = await listen((_req, res) => res.writeHead(302, { Location: 'http://[oops' }).end());
    try {
      const result = await runCli(['fetch', `${server.url}/post/3`, '--auth', '--retries', '0'], {
        env: { LEMMY_JWT: TOKEN },
      });
      expectOneLineError(result, /redirected to an invalid address \("http:\/\/\[oops"\)/);
    } finally {
      await server.close();
    }
  });
});
