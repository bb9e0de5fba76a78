/**
 * The worker pool must also start from compiled JavaScript (dist/), where
 * there is no worker.ts and no tsx. The scorer's sources are transpiled into
 * a temp folder (only .js files, so the TypeScript route cannot be taken),
 * run in a plain `node` child, and compared with the model run here.
 */
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { expect, it, onTestFinished, vi } from 'vitest';
import { LABELS } from '../../../src/flag/labels.js';
import { loadToxicityScorer } from '../../../src/flag/toxicity/index.js';
import { workerExecArgv } from '../../../src/flag/toxicity/pool.js';
import { standinModelDir } from '../../support/standin-model.js';
import { devTexts } from './dev-texts.js';
import { compileScorer } from './transpile.js';

// Three model threads start here (two in the child, one in this process): on a shared 2-core machine that can take long.
vi.setConfig({ testTimeout: 120_000 });

it('scores through worker.js when running compiled, exactly as the model does in-process', async () => {
  const { dir, entry } = compileScorer();
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const texts = devTexts(6, 160);
  const script = `
    const { loadToxicityScorer } = await import(${JSON.stringify(entry)});
    const scorer = await loadToxicityScorer({ modelDir: ${JSON.stringify(standinModelDir())}, workers: 2, batchSize: 2, cacheDir: null });
    const results = await scorer.score(${JSON.stringify(texts)});
    process.stdout.write(JSON.stringify({ info: scorer.info, stats: scorer.stats, results }));
    await scorer.close();`;
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
    timeout: 110_000,
  });
  const child = JSON.parse(stdout) as {
    info: { backend: string };
    stats: { modelBatches: number };
    results: Array<{ scores: Record<string, number> }>;
  };
  expect(child.stats.modelBatches).toBe(3);

  const here = await loadToxicityScorer({
    modelDir: standinModelDir(),
    workers: 0,
    cacheDir: null,
    backend: child.info.backend as 'wasm',
  });
  try {
    const expected = await here.score(texts);
    child.results.forEach((r, i) => {
      for (const label of LABELS) expect(r.scores[label]).toBeCloseTo(expected[i]!.scores[label], 5);
    });
  } finally {
    await here.close();
  }
});

it('workers drop the parent’s entry-point flags (-e, --input-type) and keep the rest', () => {
  expect(
    workerExecArgv([
      '--input-type=module',
      '-e',
      'code()',
      '--max-old-space-size=512',
      '--eval=x',
      '-p',
      '1',
      '--import',
      'tsx',
    ]),
  ).toEqual(['--max-old-space-size=512', '--import', 'tsx']);
});
