/**
 * `model fetch` against a local HTTP server on 127.0.0.1 that serves the
 * stand-in files: faithfully, tampered, cut off, stalled, as an HTML page,
 * or through a redirect. The pins are the stand-in's own, so a good mirror
 * verifies and every other one must be refused.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { fetchModel, type FetchEvent } from '../../src/model/fetch.js';
import { importModel } from '../../src/model/import.js';
import { defaultMirrors, mirrorFromBase } from '../../src/model/mirrors.js';
import { checkModelDir } from '../../src/model/verify.js';
import { standinModelDir, standinPins } from '../support/standin-model.js';

let server: Server;
let base: string;
let tmp: string;
const requests: string[] = [];

function fileBytes(name: string): Buffer | null {
  const file = path.join(standinModelDir(), name);
  return standinPins().some((p) => p.name === name) && existsSync(file) ? readFileSync(file) : null;
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'threadmod-fetch-'));
  server = createServer((req, res) => {
    const [, mode, name] = decodeURIComponent(req.url ?? '').split('/');
    requests.push(`${mode}/${name}`);
    const bytes = name ? fileBytes(name) : null;
    if (!bytes || mode === 'missing') {
      res.writeHead(404).end('not found');
      return;
    }
    switch (mode) {
      case 'good':
        res.writeHead(200, { 'content-length': bytes.length }).end(bytes);
        return;
      case 'redirect':
        res.writeHead(302, { location: `/good/${name}` }).end();
        return;
      case 'html':
        res.writeHead(200, { 'content-type': 'text/html' }).end('<html><body>Kaggle Models</body></html>');
        return;
      case 'tampered': {
        const copy = Buffer.from(bytes);
        if (name === 'group1-shard2of7') copy[777] = (copy[777]! ^ 0x55) & 0xff;
        res.writeHead(200, { 'content-length': copy.length }).end(copy);
        return;
      }
      case 'partial':
        if (name !== 'group1-shard4of7') {
          res.writeHead(200, { 'content-length': bytes.length }).end(bytes);
          return;
        }
        res.writeHead(200, { 'content-length': bytes.length });
        res.write(bytes.subarray(0, bytes.length >> 1), () => res.destroy());
        return;
      case 'stall':
        res.writeHead(200, { 'content-length': bytes.length });
        res.write(bytes.subarray(0, 10)); // then nothing, ever
        return;
      default:
        res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  rmSync(tmp, { recursive: true, force: true });
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const target = (name: string) => path.join(mkdtempSync(path.join(tmp, `${name}-`)), 'models', 'toxicity-1');
const mirrors = (...modes: string[]) => modes.map((m) => mirrorFromBase(`${base}/${m}/`));

describe('fetchModel', () => {
  it('refuses a tampered file from the first mirror and takes it from the next', async () => {
    const events: FetchEvent[] = [];
    requests.length = 0;
    const dir = target('tampered');
    const check = await fetchModel({
      targetDir: dir,
      mirrors: mirrors('tampered', 'good'),
      pinned: standinPins(),
      onEvent: (e) => events.push(e),
    });
    expect(check.ok).toBe(true);
    expect(check.identity).toBe((await checkModelDir(standinModelDir(), standinPins())).identity);
    expect(requests.filter((r) => r.endsWith('/group1-shard2of7'))).toEqual([
      'tampered/group1-shard2of7',
      'good/group1-shard2of7',
    ]);
    const failed = events.filter((e) => e.type === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ file: 'group1-shard2of7', mirror: expect.stringMatching(/\/tampered$/) });
    const pin = standinPins().find((p) => p.name === 'group1-shard2of7')!;
    expect((failed[0] as { reason: string }).reason).toMatch(
      new RegExp(`^refused: group1-shard2of7: sha256 expected ${pin.digest}, got [0-9a-f]{64}$`),
    );
    expect(readdirSync(path.dirname(dir))).toEqual(['toxicity-1']);
    expect(readdirSync(dir).sort()).toEqual(
      standinPins()
        .map((p) => p.name)
        .sort(),
    );
  });

  it('follows redirects and refuses an HTML page served in place of a file', async () => {
    const events: FetchEvent[] = [];
    const check = await fetchModel({
      targetDir: target('html'),
      mirrors: mirrors('html', 'redirect'),
      pinned: standinPins(),
      onEvent: (e) => events.push(e),
    });
    expect(check.ok).toBe(true);
    const reasons = events.flatMap((e) => (e.type === 'failed' ? [e.reason] : []));
    expect(reasons).toHaveLength(standinPins().length);
    expect(reasons[0]).toMatch(/^refused: model\.json: expected \d+ bytes, got 39$/);
  });

  it('installs nothing when a file cannot be had anywhere (cut off, then stalled), and says why per location', async () => {
    const dir = target('partial');
    const error = await fetchModel({
      targetDir: dir,
      mirrors: mirrors('partial', 'stall'),
      pinned: standinPins(),
      stallTimeoutMs: 300,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    const message = (error as Error).message;
    expect(message).toMatch(/^could not download group1-shard4of7 from any location \(/);
    expect(message).toContain(`127.0.0.1:${new URL(base).port}/stall: no data for 0.3 s`);
    expect(message).toMatch(/partial: (terminated|refused: group1-shard4of7: expected)/);
    expect(message).toMatch(/threadmod model import <dir>`$/);
    expect(message).not.toContain('\n');
    // Shards 1-3 had arrived; none of them may be left where the scorer looks, nor as litter beside it.
    expect(existsSync(dir)).toBe(false);
    expect(readdirSync(path.dirname(dir))).toEqual([]);
  });

  it('keeps the installed model when a fetch fails', async () => {
    const dir = target('keep');
    await importModel(standinModelDir(), { targetDir: dir, pinned: standinPins() });
    const before = (await checkModelDir(dir, standinPins())).identity;
    await expect(fetchModel({ targetDir: dir, mirrors: mirrors('missing'), pinned: standinPins() })).rejects.toThrow(
      /^could not download model\.json from any location \(.*missing: HTTP 404\)/,
    );
    expect((await checkModelDir(dir, standinPins())).identity).toBe(before);
  });

  it('reports an unreachable host as a network error', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    await expect(
      fetchModel({
        targetDir: target('down'),
        mirrors: [mirrorFromBase(`http://127.0.0.1:${port}/`)],
        pinned: standinPins(),
      }),
    ).rejects.toThrow(/model\.json from any location \(127\.0\.0\.1:\d+: network error \(ECONNREFUSED\)\)/);
  });

  it('knows more than one default location for every file', () => {
    for (const pin of standinPins()) {
      const urls = defaultMirrors().flatMap((m) => m.url(pin.name) ?? []);
      expect(urls.length, pin.name).toBeGreaterThanOrEqual(pin.name === 'vocab.json' ? 1 : 2);
      for (const url of urls) expect(new URL(url).protocol).toBe('https:');
    }
  });
});
