/**
 * Training end to end on a small slice of the real training data, with tiny
 * settings (2^12 buckets, few iterations) so the test stays fast: the point
 * is determinism, the folder format and its verification, not quality.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { loadModel } from '../../src/flag/trained/model-files.js';
import { probability } from '../../src/flag/trained/model.js';
import { runTraining } from '../../src/train/run-training.js';
import { sharedPath } from '../support/shared.js';

const dir = mkdtempSync(path.join(tmpdir(), 'threadmod-train-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The first 600 lines of attacks-train.jsonl plus 60 ToxiChat threads, as files of their own. */
function slice(): string[] {
  const kaggle = path.join(dir, 'kaggle-slice.jsonl');
  writeFileSync(
    kaggle,
    readFileSync(sharedPath('data', 'train', 'attacks-train.jsonl'), 'utf8')
      .split('\n')
      .slice(0, 600)
      .join('\n'),
  );
  const toxichat = path.join(dir, 'toxichat-slice.jsonl');
  writeFileSync(
    toxichat,
    readFileSync(sharedPath('data', 'train', 'toxichat-train.jsonl'), 'utf8')
      .split('\n')
      .slice(0, 60)
      .join('\n'),
  );
  return [kaggle, toxichat];
}

const tiny = { spec: { bits: 12 }, maxIterations: 30, folds: 3 } as const;

describe('runTraining', () => {
  it('gives the same model bytes for the same inputs and seed, and another split for another seed', async () => {
    const inputs = slice();
    const a = await runTraining({ inputs, out: path.join(dir, 'a'), name: 'a', ...tiny });
    const b = await runTraining({ inputs, out: path.join(dir, 'b'), name: 'a', ...tiny });
    expect(a.digest).toBe(b.digest);
    expect(readFileSync(path.join(dir, 'a', 'primary.i16'))).toEqual(readFileSync(path.join(dir, 'b', 'primary.i16')));
    const c = await runTraining({ inputs, out: path.join(dir, 'c'), name: 'a', seed: 2, ...tiny });
    expect(c.digest).not.toBe(a.digest);
  });

  it('writes a manifest with features, files and their sha256, validation metrics and a threshold, and loads it verified', async () => {
    const inputs = slice();
    const out = path.join(dir, 'm');
    const result = await runTraining({ inputs, out, name: 'tiny', ...tiny });
    const manifest = JSON.parse(readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest.features).toMatchObject({ bits: 12, charMin: 2, charMax: 5, wordMax: 2 });
    expect(manifest.training.files.map((f: { role: string }) => f.role)).toEqual(['primary', 'primary']);
    for (const f of manifest.training.files) expect(f.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(manifest.metrics.validation.n).toBe(result.report.counts.validation);
    expect(manifest.metrics.validation.auc).toBeGreaterThan(0.6);
    expect(manifest.threshold).toBeGreaterThan(0);
    expect(manifest.threshold).toBeLessThan(1);
    const loaded = await loadModel(out);
    expect(loaded.digest).toBe(result.digest);
    const insult = probability(loaded.model, 'you are a stupid idiot');
    const polite = probability(loaded.model, 'thanks for the link, that was helpful');
    expect(insult).toBeGreaterThan(polite);
  });

  it('refuses a model whose weights or manifest were changed, naming the file', async () => {
    const out = path.join(dir, 't');
    await runTraining({ inputs: slice(), out, name: 't', ...tiny });
    const weights = path.join(out, 'primary.i16');
    const bytes = readFileSync(weights);
    bytes[100] = bytes[100]! ^ 1;
    writeFileSync(weights, bytes);
    await expect(loadModel(out)).rejects.toThrow(UserError);
    await expect(loadModel(out)).rejects.toThrow(/primary\.i16: sha256 does not match/);
    const manifest = path.join(out, 'manifest.json');
    writeFileSync(manifest, readFileSync(manifest, 'utf8').replace('"threshold"', '"threshold" '));
    await expect(loadModel(out)).rejects.toThrow(/manifest\.json: sha256 .* does not match/);
    await expect(loadModel(path.join(dir, 'nothing-here'))).rejects.toThrow(/missing/);
  });

  it('says clearly when there is too little to train on', async () => {
    const few = path.join(dir, 'few.jsonl');
    writeFileSync(few, '{"text":"you idiot","attack":true}\n{"text":"nice","attack":false}\n');
    await expect(runTraining({ inputs: [few], out: path.join(dir, 'few'), ...tiny })).rejects.toThrow(
      /too few primary examples/,
    );
  });
});
