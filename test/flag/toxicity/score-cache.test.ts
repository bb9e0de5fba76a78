import { appendFileSync, chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScoreCache } from '../../../src/flag/toxicity/score-cache.js';

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'threadmod-score-cache-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const probs = fc.array(fc.float({ min: 0, max: 1, noNaN: true }).map(Math.fround), { minLength: 7, maxLength: 7 });
const MODEL_A = 'a'.repeat(64);
const MODEL_B = 'b'.repeat(64);

describe('ScoreCache', () => {
  it('returns after reopening exactly what was added, per model identity', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.string(), { minLength: 1, maxLength: 20 }), probs, async (texts, p) => {
        const dir = mkdtempSync(path.join(tmp, 'roundtrip-'));
        const cache = await ScoreCache.open(dir, MODEL_A);
        await cache.add(texts.map((t) => [ScoreCache.key(t), p] as const));
        const reopened = await ScoreCache.open(dir, MODEL_A);
        expect(reopened.size).toBe(texts.length);
        for (const t of texts) expect(reopened.get(ScoreCache.key(t))).toEqual(p);
        expect((await ScoreCache.open(dir, MODEL_B)).size).toBe(0);
      }),
      { numRuns: 30 },
    );
  });

  it('skips torn and foreign lines and keeps the rest', async () => {
    const dir = mkdtempSync(path.join(tmp, 'torn-'));
    const cache = await ScoreCache.open(dir, MODEL_A);
    await cache.add([[ScoreCache.key('one'), [0, 0.1, 0.2, 0.3, 0.4, 0.5, 1]]]);
    appendFileSync(cache.file, '{"k":"abc","p":[1,2]}\nnot json\n{"k":"' + ScoreCache.key('two') + '","p":[0.1,0.1');
    const reopened = await ScoreCache.open(dir, MODEL_A);
    expect(reopened.size).toBe(1);
    expect(reopened.get(ScoreCache.key('one'))).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 1]);
    // A later append still lands on a line of its own after the torn tail.
    await reopened.add([[ScoreCache.key('three'), [1, 1, 1, 1, 1, 1, 1]]]);
    const healed = await ScoreCache.open(dir, MODEL_A);
    expect(healed.get(ScoreCache.key('three'))).toEqual([1, 1, 1, 1, 1, 1, 1]);
    expect(healed.size).toBe(2);
  });

  it('an unwritable cache is one warning, not an error', async () => {
    const blocker = path.join(tmp, 'a-file');
    writeFileSync(blocker, '');
    chmodSync(blocker, 0o444);
    const warnings: string[] = [];
    const cache = await ScoreCache.open(path.join(blocker, 'scores'), MODEL_A, (m) => warnings.push(m));
    await cache.add([[ScoreCache.key('x'), [0, 0, 0, 0, 0, 0, 0]]]);
    await cache.add([[ScoreCache.key('y'), [0, 0, 0, 0, 0, 0, 0]]]);
    expect(cache.get(ScoreCache.key('x'))).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/not writable .*scores will not be kept$/);
  });
});
