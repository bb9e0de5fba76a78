/**
 * loadToxicityScorer end to end with stand-in weights: worker pool (started
 * from TypeScript through tsx), in-process runner, disk cache, errors.
 * Probability values are meaningless and never asserted; only shapes,
 * invariants and behaviour.
 */
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { UserError } from '../../../src/errors.js';
import { LABELS } from '../../../src/flag/labels.js';
import type { SentenceScore } from '../../../src/flag/scorer.js';
import { tryLoadTfjsNode } from '../../../src/flag/toxicity/backend.js';
import { loadToxicityScorer, type ToxicityScorer } from '../../../src/flag/toxicity/index.js';
import { copyStandin, standinModelDir } from '../../support/standin-model.js';
import { devTexts } from './dev-texts.js';

// Model workers start in several tests: on a shared 2-core machine that can take long.
vi.setConfig({ testTimeout: 120_000 });

const TEXTS = devTexts(10, 160);
const HAS_TFJS_NODE = await tryLoadTfjsNode();
let tmp: string;
let pool: ToxicityScorer;
const warnings: string[] = [];
const open: ToxicityScorer[] = [];

async function load(options: Parameters<typeof loadToxicityScorer>[0]): Promise<ToxicityScorer> {
  const scorer = await loadToxicityScorer({ modelDir: standinModelDir(), ...options });
  open.push(scorer);
  return scorer;
}

function expectClose(a: readonly SentenceScore[], b: readonly SentenceScore[], digits: number): void {
  expect(a).toHaveLength(b.length);
  a.forEach((s, i) =>
    LABELS.forEach((label) => expect(s.scores[label], `${i} ${label}`).toBeCloseTo(b[i]!.scores[label], digits)),
  );
}

beforeAll(async () => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'threadmod-scorer-'));
  pool = await load({ workers: 2, batchSize: 3, cacheDir: null, onWarning: (m) => warnings.push(m) });
  await pool.ready();
});

afterAll(async () => {
  await Promise.all(open.map((s) => s.close()));
  rmSync(tmp, { recursive: true, force: true });
});

describe('toxicity scorer', () => {
  it('describes itself: wasm unless tfjs-node loads (never cpu by default), stand-in marked unverified', () => {
    expect(pool.info).toEqual({
      name: 'toxicity',
      backend: HAS_TFJS_NODE ? 'tensorflow' : 'wasm',
      model: `${standinModelDir()} (unverified)`,
    });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/does not match the pinned toxicity-1 files/);
  });

  it('gives one result per input, in input order, with the seven labels in [0, 1] and no terms', async () => {
    const results = await pool.score(TEXTS);
    expect(results).toHaveLength(TEXTS.length);
    for (const r of results) {
      expect(Object.keys(r.scores).sort()).toEqual([...LABELS].sort());
      for (const p of Object.values(r.scores)) expect(p >= 0 && p <= 1).toBe(true);
      expect(r.terms).toEqual([]);
    }
    const reversed = await pool.score([...TEXTS].reverse());
    expectClose(reversed, [...results].reverse(), 5);
  });

  it('workers give what the model gives in this thread, and batch size 1 what batch size 16 gives', async () => {
    const inProcess = await load({ workers: 0, batchSize: 16, cacheDir: null });
    const one = await load({ workers: 2, batchSize: 1, cacheDir: null });
    const fromPool = await pool.score(TEXTS);
    expectClose(await inProcess.score(TEXTS), fromPool, 5);
    expectClose(await one.score(TEXTS), fromPool, 4);
    expect(one.stats.modelBatches).toBe(TEXTS.length);
    expect(inProcess.stats.modelBatches).toBe(1);
  });

  it('does not leak tensors in its workers over repeated calls', async () => {
    await pool.score(TEXTS);
    const tensors = pool.numTensors();
    expect(tensors).toHaveLength(2);
    for (const n of tensors) expect(n).toBeGreaterThan(0); // both workers have run a batch
    for (let i = 0; i < 3; i++) await pool.score(TEXTS.map((t) => `${t} ${i}`));
    expect(pool.numTensors()).toEqual(tensors);
  });

  it('reports progress up to the total', async () => {
    const seen: number[] = [];
    await pool.score(TEXTS, (p) => {
      expect(p.total).toBe(TEXTS.length);
      seen.push(p.done);
    });
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.at(-1)).toBe(TEXTS.length);
  });
});

describe('score cache', () => {
  it('a second run (new process state, same cache folder) never calls the model', async () => {
    const cacheDir = path.join(tmp, 'scores');
    const first = await load({ workers: 2, batchSize: 4, cacheDir });
    const input = [...TEXTS, TEXTS[0]!, TEXTS[1]!];
    const scored = await first.score(input);
    // Repeats within a call are scored once.
    expect(first.stats).toEqual({ modelBatches: 3, modelSentences: TEXTS.length, cacheHits: 0 });

    const second = await load({ workers: 1, cacheDir });
    expect(await second.score(input)).toEqual(scored);
    expect(second.stats).toEqual({ modelBatches: 0, modelSentences: 0, cacheHits: input.length });

    await second.score(['A sentence nobody has scored before.', TEXTS[2]!]);
    expect(second.stats).toMatchObject({ modelBatches: 1, modelSentences: 1, cacheHits: input.length + 1 });
  });
});

describe('errors', () => {
  it('without a model: the UserError that says how to get it', async () => {
    const env = { XDG_CACHE_HOME: path.join(tmp, 'no-model') };
    const error = await loadToxicityScorer({ env, cacheDir: null }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).exitCode).toBe(2);
    expect((error as Error).message).toMatch(
      /^toxicity model not installed \(.*\): run `threadmod model fetch`, or `threadmod model import <dir>` offline$/,
    );
  });

  it('a folder whose shards fall short of the manifest is refused before any worker starts', async () => {
    const dir = copyStandin(mkdtempSync(path.join(tmp, 'short-')));
    truncateSync(path.join(dir, 'group1-shard7of7'), 1000);
    await expect(loadToxicityScorer({ modelDir: dir, cacheDir: null })).rejects.toThrow(
      /^model in .* is incomplete: shards hold \d+ bytes, model\.json needs 29251828$/,
    );
  });

  it('a model that fails to load in the workers fails score() and ready() with the worker’s message', async () => {
    const dir = copyStandin(mkdtempSync(path.join(tmp, 'bad-graph-')));
    // Same weights, but one of the seven output heads renamed: only building the graph (in the worker) can tell.
    const modelJson = path.join(dir, 'model.json');
    writeFileSync(
      modelJson,
      readFileSync(modelJson, 'utf8').replaceAll('insult/predictions/probabilities', 'insult/predictions/renamed'),
    );
    const scorer = await load({ modelDir: dir, workers: 1, cacheDir: null });
    await expect(scorer.ready()).rejects.toThrow(UserError);
    await expect(scorer.score(['hello'])).rejects.toThrow(
      /model\.json: not the toxicity model \(no output insult\/predictions\/probabilities\)/,
    );
  });

  it('a bad vocabulary is refused when the scorer loads (the main thread tokenises)', async () => {
    const dir = copyStandin(mkdtempSync(path.join(tmp, 'bad-vocab-')));
    writeFileSync(path.join(dir, 'vocab.json'), '{"not": "a vocabulary"}');
    await expect(loadToxicityScorer({ modelDir: dir, workers: 1, cacheDir: null })).rejects.toThrow(
      /vocab\.json: not a USE vocabulary/,
    );
  });

  it.skipIf(HAS_TFJS_NODE)('asking for the tensorflow backend without tfjs-node is a UserError', async () => {
    await expect(loadToxicityScorer({ modelDir: standinModelDir(), backend: 'tensorflow' })).rejects.toThrow(
      /^backend tensorflow needs @tensorflow\/tfjs-node/,
    );
  });

  it('a closed scorer refuses to score', async () => {
    const scorer = await load({ workers: 1, cacheDir: null });
    await scorer.close();
    await expect(scorer.score(['hello'])).rejects.toThrow(/closed/);
  });
});
