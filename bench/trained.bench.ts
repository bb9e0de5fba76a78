/**
 * The trained scorer (models/attack-v1): scoring throughput in comments per
 * second and model load time.
 *
 * - Throughput: the 600 dev-set comments split into sentences and scored
 *   through `Scorer.score()` (model, lexicon evidence and explanations for
 *   sentences that score high), over and over for a few CPU seconds, per CPU
 *   second of this single-threaded process. Floor: the same loop with
 *   splitting and lower-casing only, the least any scorer has to do.
 * - Load: `loadModel` (read, sha256-verify, dequantise) of the shipped
 *   folder, median of 7 in this process plus the first (cold) one. Floor:
 *   reading the same files' bytes.
 *
 * Run: npm run bench:trained   (or: npx tsx bench/trained.bench.ts [cpu-seconds])
 */
import { readFileSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { splitSentences } from '../src/flag/sentences.js';
import { defaultModelDir, scorerOf } from '../src/flag/trained/index.js';
import { loadModel } from '../src/flag/trained/model-files.js';
import { machineLine, median, report } from './support/report.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const devSet = path.resolve(process.env.THREADMOD_SHARED ?? path.join(repo, '../shared'), 'data/attacks-dev.jsonl');
const texts = readFileSync(devSet, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { text: string }).text);
const seconds = Number(process.argv[2] ?? 3);
const dir = defaultModelDir();

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

console.log(machineLine());

// Load first, cold: nothing of the folder is cached in this process.
const t0 = performance.now();
const loaded = await loadModel(dir);
const cold = performance.now() - t0;
const loads: number[] = [];
for (let i = 0; i < 7; i++) {
  const t = performance.now();
  await loadModel(dir);
  loads.push(performance.now() - t);
}
const reads: number[] = [];
const files = await readdir(dir);
for (let i = 0; i < 7; i++) {
  const t = performance.now();
  for (const f of files) await readFile(path.join(dir, f));
  reads.push(performance.now() - t);
}

const scorer = scorerOf(loaded);
let sink = 0;
async function rate(score: boolean): Promise<number> {
  let comments = 0;
  const c0 = cpuMs();
  while (cpuMs() - c0 < seconds * 1000) {
    for (const text of texts) {
      const sentences = splitSentences(text).map((s) => s.text);
      if (score) sink += (await scorer.score(sentences)).length;
      else for (const s of sentences) sink += s.toLowerCase().length;
    }
    comments += texts.length;
  }
  return comments / ((cpuMs() - c0) / 1000);
}
await rate(true); // warm the JIT and the lexicon's word caches, as a few hundred comments into a thread
const floor = await rate(false);
const scored = await rate(true);
const avgChars = Math.round(texts.reduce((n, t) => n + t.length, 0) / texts.length);
console.log(
  `trained scorer ${loaded.manifest.name}: ${texts.length} dev-set comments (avg ${avgChars} chars), node ${process.version}`,
);
report({
  name: 'trained scorer throughput',
  value: scored,
  unit: 'comments/s',
  floor,
  floorName: 'sentence split + lower-case only',
  target: { on: 'value', op: '>=', limit: 20000 },
  note: `per CPU second, warm caches, ${seconds} CPU s each`,
});
report({
  name: 'trained model load',
  value: median(loads),
  unit: 'ms',
  floor: median(reads),
  floorName: 'reading the folder’s files',
  target: { on: 'value', op: '<', limit: 150 },
  note: `median of 7; first load in this process ${cold.toFixed(1)} ms`,
});
if (sink < 0) console.log(sink);
