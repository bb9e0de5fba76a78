/**
 * `threadmod train --toxicity`: the toxicity model's scores become stacker
 * inputs with learned weights, and the model then runs as the `combined`
 * scorer (also what `auto` picks for it). The toxicity model runs on the
 * stand-in weights here, so its scores, and the weights learned from them,
 * mean nothing: the test checks the mechanism (inputs, routing, refusals),
 * never a probability's value.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { UserError } from '../../src/errors.js';
import { readLabelled } from '../../src/eval/index.js';
import { LABELS } from '../../src/flag/labels.js';
import type { Scorer } from '../../src/flag/scorer.js';
import { createScorer, loadToxicity } from '../../src/flag/scorers.js';
import { splitSentences } from '../../src/flag/sentences.js';
import { loadModel, loadTrainedScorer } from '../../src/flag/trained/index.js';
import { TOXICITY_INPUTS, ToxicityReader } from '../../src/flag/trained/toxicity-inputs.js';
import { createTrainedScorer } from '../../src/flag/trained/scorer.js';
import { runTraining } from '../../src/train/run-training.js';
import { DEV_SET, sharedPath } from '../support/shared.js';
import { standinModelDir } from '../support/standin-model.js';

vi.setConfig({ testTimeout: 180_000 });

const dir = mkdtempSync(path.join(tmpdir(), 'threadmod-combined-'));
const out = path.join(dir, 'model');
const open: Scorer[] = [];
let toxicity: Scorer;

beforeAll(async () => {
  // 240 labelled comments (both classes), one quoting only, so a comment with no sentence of its own is read too.
  const lines = readFileSync(sharedPath('data', 'train', 'attacks-train.jsonl'), 'utf8')
    .split('\n')
    .slice(0, 239);
  lines.push(JSON.stringify({ id: 'quote-only', text: '> you are an idiot', attack: false }));
  writeFileSync(path.join(dir, 'small.jsonl'), `${lines.join('\n')}\n`);
  toxicity = await loadToxicity({ modelDir: standinModelDir(), backend: 'wasm', cacheDir: null });
  open.push(toxicity);
  await runTraining({ inputs: [path.join(dir, 'small.jsonl')], out, name: 'with-toxicity', toxicity, folds: 3 });
});

afterAll(async () => {
  await Promise.all(open.map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

describe('a model trained on the toxicity model', () => {
  it('learns a weight for every toxicity label and records which toxicity model it read', async () => {
    const { model, manifest } = await loadModel(out);
    const at = TOXICITY_INPUTS.map((name) => model.stacker.inputs.indexOf(name));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect(TOXICITY_INPUTS).toHaveLength(LABELS.length);
    for (const i of at) expect(Number.isFinite(model.stacker.weights[i])).toBe(true);
    expect(at.some((i) => model.stacker.weights[i] !== 0)).toBe(true);
    expect(manifest.training.options.toxicity).toContain(standinModelDir());
  });

  it("scores with the toxicity model's scores as inputs: other scores, other probabilities", async () => {
    const { model } = await loadModel(out);
    const records = await readLabelled(DEV_SET());
    const sentences = records.slice(0, 60).flatMap((r) => splitSentences(r.text).map((s) => s.text));
    // The same toxicity scores through a remembering reader give the same probabilities...
    const real = createTrainedScorer(model, { label: 'x', toxicity: new ToxicityReader(toxicity).scorer() });
    const again = createTrainedScorer(model, { label: 'x', toxicity: new ToxicityReader(toxicity).scorer() });
    const a = await real.score(sentences);
    expect((await again.score(sentences)).map((s) => s.scores.insult)).toEqual(a.map((s) => s.scores.insult));
    // ...and a toxicity model that says the same of every sentence gives others.
    const flat: Scorer = {
      info: { name: 'flat', backend: null, model: null },
      score: async (texts) => texts.map(() => ({ scores: { ...a[0]!.scores, insult: 0.5, toxicity: 0.5 }, terms: [] })),
      close: async () => {},
    };
    const b = await createTrainedScorer(model, { label: 'x', toxicity: flat }).score(sentences);
    expect(b.filter((s, i) => s.scores.insult !== a[i]!.scores.insult).length).toBeGreaterThan(sentences.length / 2);
    // The other labels are the toxicity model's, identity attack and severe toxicity bounded by the model.
    a.forEach((s) => {
      expect(s.scores.identity_attack).toBeLessThanOrEqual(s.scores.insult);
      expect(s.scores.severe_toxicity).toBeLessThanOrEqual(s.scores.insult);
    });
  });

  it('runs as `combined`, which `auto` picks for it, and is refused where the toxicity model is missing', async () => {
    const options = { trainedModel: out, modelDir: standinModelDir(), backend: 'wasm' as const, cacheDir: null };
    const auto = await createScorer({ scorer: 'auto', ...options });
    open.push(auto);
    expect(auto.info.name).toBe('combined');
    expect(auto.info.model).toContain('with-toxicity');
    const [scored] = await auto.score(['You are a pathetic moron.']);
    expect(scored!.scores.insult).toBeGreaterThanOrEqual(0);
    await expect(loadTrainedScorer({ dir: out })).rejects.toThrow(UserError);
    await expect(loadTrainedScorer({ dir: out })).rejects.toThrow(/--scorer combined/);
    // The shipped model reads no toxicity model: nothing to combine, and `auto` does not try.
    await expect(createScorer({ scorer: 'combined', modelDir: standinModelDir(), cacheDir: null })).rejects.toThrow(
      /does not read the toxicity model/,
    );
  });
});
