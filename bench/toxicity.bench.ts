/**
 * Toxicity scorer load time and throughput, with stand-in weights (same
 * graph, same cost as the real model; the probabilities mean nothing and are
 * never reported).
 *
 *   npm run bench:toxicity            (COMMENTS=384 SENTENCES=600 RUNS=3 to change the workload)
 *
 * Every figure is printed as a ratio to a floor measured in this run:
 *  - load (loadToxicityScorer() + ready(), 2 wasm workers, compiled .js in a
 *    plain node child, median of RUNS): floor = the same child starting 2
 *    bare workers that each read the 29 MB of weights into memory. Target:
 *    < 0.8 s wall.
 *  - throughput, per CPU-second of the whole process (all threads; steadier
 *    than wall time on a shared machine), median of RUNS: floor = upstream
 *    `ToxicityClassifier.classify()` on wasm (main thread, calls of 16 in
 *    input order, as a caller of upstream would make them) over the same
 *    texts in the same run. Target: >= 1.5x. Two workloads: generated
 *    200-character comments (the workload of the table) and the
 *    dev-set comments split into sentences as the flagger splits them.
 *  - wall clock, 2 workers: sentences/s as measured, and the idle-machine
 *    projection (per CPU-second x 2 cores). Target: >= 120/s on 2 idle cores.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type * as TF from '@tensorflow/tfjs';
import { splitSentences } from '../src/flag/sentences.js';
import { activateBackend } from '../src/flag/toxicity/backend.js';
import { loadToxicityScorer } from '../src/flag/toxicity/index.js';
import { loadUpstreamClassifier } from '../src/flag/toxicity/upstream.js';
import { DEV_SET } from '../test/support/shared.js';
import { compileScorer } from '../test/flag/toxicity/transpile.js';
import { standinModelDir } from '../test/support/standin-model.js';
import { machineLine, median, report } from './support/report.js';

const COMMENTS = Number(process.env.COMMENTS ?? 384);
const SENTENCES = Number(process.env.SENTENCES ?? 600);
const RUNS = Number(process.env.RUNS ?? 3);
const UPSTREAM_CALL = 16;

// ---- realistic-looking comments, deterministic -------------------------------------------------
let seed = 20240611;
const rand = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
const OPENERS = [
  'Honestly,',
  'I think',
  'Look,',
  'To be fair,',
  'Sorry but',
  'Frankly,',
  'Well,',
  'So',
  'Yeah,',
  'Not sure, but',
];
const SUBJECTS = [
  'the article',
  'your argument',
  'this policy',
  'the mayor',
  'that study',
  'the moderators',
  'your source',
  'the author',
  'this thread',
  'the council',
];
const VERBS = [
  'completely misses',
  'barely addresses',
  'clearly ignores',
  'actually supports',
  'misrepresents',
  'explains',
  'contradicts',
  'oversimplifies',
];
const OBJECTS = [
  'the main point',
  'what the data says',
  'the housing problem',
  'how budgets work',
  'the original question',
  'basic economics',
  'the history here',
  'the other side',
];
const TAILS = [
  'and you would know that if you had read it.',
  'which is kind of the whole issue.',
  'so maybe slow down before posting.',
  'but nobody wants to hear that.',
  'and frankly that is a bit ridiculous.',
  'and I say that as someone who agrees with you.',
  "so I don't see why people keep repeating it.",
  'and calling people idiots will not change that.',
];
function sentence(): string {
  return `${pick(OPENERS)} ${pick(SUBJECTS)} ${pick(VERBS)} ${pick(OBJECTS)} ${pick(TAILS)}`;
}
function comment(): string {
  const target = 150 + Math.floor(rand() * 100); // 150-250 characters, about 200 on average
  let text = sentence();
  while (text.length < target) text += ` ${sentence()}`;
  return text.slice(0, text.lastIndexOf(' ', target) > 0 ? text.lastIndexOf(' ', target) : target);
}
const comments = Array.from({ length: COMMENTS }, comment);
const meanLength = comments.reduce((a, c) => a + c.length, 0) / comments.length;

const devSentences = [
  ...new Set(
    readFileSync(DEV_SET(), 'utf8')
      .split('\n')
      .filter(Boolean)
      .flatMap((line) => splitSentences((JSON.parse(line) as { text: string }).text).map((x) => x.text)),
  ),
].slice(0, SENTENCES);

// ---- helpers ------------------------------------------------------------------------------------
interface Run {
  wallMs: number;
  cpuMs: number;
}
/** Wall time and CPU time of the whole process (all threads, so the workers too). */
async function timedCpu(fn: () => Promise<unknown>): Promise<Run> {
  const cpu = process.cpuUsage();
  const t = performance.now();
  await fn();
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - t, cpuMs: (used.user + used.system) / 1000 };
}
const perCpu = (n: number, run: Run) => n / (run.cpuMs / 1000);
const perWall = (n: number, run: Run) => n / (run.wallMs / 1000);

const modelDir = standinModelDir();
const scratch = mkdtempSync(path.join(os.tmpdir(), 'threadmod-bench-'));
console.log(`toxicity benchmark: stand-in weights in ${modelDir}; ${RUNS} runs of each measurement, medians reported`);
console.log(machineLine());
console.log(
  `workloads: ${COMMENTS} generated comments (mean ${meanLength.toFixed(0)} chars); ${devSentences.length} distinct dev-set sentences (mean ${(devSentences.reduce((a, c) => a + c.length, 0) / devSentences.length).toFixed(0)} chars)`,
);

// ---- load time (compiled, plain node child) -------------------------------------------------------
const { dir: compiledDir, entry } = compileScorer();
const loadScript = `
  const { loadToxicityScorer } = await import(${JSON.stringify(entry)});
  const t = performance.now();
  const s = await loadToxicityScorer({ modelDir: ${JSON.stringify(modelDir)}, backend: 'wasm', workers: 2, cacheDir: null });
  await s.ready();
  process.stdout.write(JSON.stringify({ ms: performance.now() - t }));
  await s.close();`;
// The floor: what any loader must do at least, start two threads and read the weights in each.
const floorScript = `
  const { Worker } = await import('node:worker_threads');
  const t = performance.now();
  const code = 'const fs = require("fs"); const d = ' + JSON.stringify(${JSON.stringify(modelDir)}) + ';' +
    'let n = 0; for (const f of fs.readdirSync(d)) if (f.startsWith("group1-")) n += fs.readFileSync(d + "/" + f).length;' +
    'require("worker_threads").parentPort.postMessage(n);';
  await Promise.all([0, 1].map(() => new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true, execArgv: [] });
    w.once('message', () => w.terminate().then(resolve));
    w.once('error', reject);
  })));
  process.stdout.write(JSON.stringify({ ms: performance.now() - t }));`;
const child = async (script: string): Promise<number> => {
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script]);
  return (JSON.parse(stdout) as { ms: number }).ms;
};
const loads: number[] = [];
const floors: number[] = [];
for (let i = 0; i < RUNS; i++) {
  floors.push(await child(floorScript));
  loads.push(await child(loadScript));
}
rmSync(compiledDir, { recursive: true, force: true });
console.log('');
console.log(
  `load = loadToxicityScorer() + ready() in a compiled copy (as dist/ runs), 2 wasm workers; runs: ${loads.map((x) => x.toFixed(0)).join(', ')} ms`,
);
report({
  name: 'toxicity model load',
  value: median(loads) / 1000,
  unit: 's',
  floor: median(floors) / 1000,
  floorName: '2 bare workers reading the weights',
  target: { on: 'value', op: '<', limit: 0.8 },
  note: `median of ${RUNS}`,
});

// ---- throughput ---------------------------------------------------------------------------------
const tf = createRequire(import.meta.url)('@tensorflow/tfjs') as typeof TF;
await activateBackend(tf, 'wasm');
const upstream = await loadUpstreamClassifier(modelDir);
const ours2 = await loadToxicityScorer({ modelDir, backend: 'wasm', workers: 2, cacheDir: null });
const ours1 = await loadToxicityScorer({ modelDir, backend: 'wasm', workers: 1, cacheDir: null });
await Promise.all([ours2.ready(), ours1.ready()]);
// Warm-up: JIT, wasm memory sized, XNNPACK operators built, in every thread.
await upstream.classify(comments.slice(0, UPSTREAM_CALL));
await ours2.score(comments.slice(0, 64).map((c) => `${c} warm`));
await ours1.score(comments.slice(0, 32).map((c) => `${c} warm`));

interface Workload {
  readonly name: string;
  readonly texts: readonly string[];
}
const workloads: Workload[] = [
  { name: `${COMMENTS} comments of ~200 chars`, texts: comments },
  { name: `${devSentences.length} dev-set sentences`, texts: devSentences },
];
for (const { name, texts } of workloads) {
  const runs: { up: Run[]; two: Run[]; one: Run[] } = { up: [], two: [], one: [] };
  for (let r = 0; r < RUNS; r++) {
    // Fresh texts each run (a suffix), so nothing is answered by deduplication or a cache.
    const fresh = texts.map((t) => `${t} ${'.'.repeat(r + 1)}`);
    runs.up.push(
      await timedCpu(async () => {
        for (let i = 0; i < fresh.length; i += UPSTREAM_CALL)
          await upstream.classify(fresh.slice(i, i + UPSTREAM_CALL));
      }),
    );
    runs.two.push(await timedCpu(() => ours2.score(fresh.map((t) => `${t} `))));
    runs.one.push(await timedCpu(() => ours1.score(fresh.map((t) => ` ${t}`))));
  }
  const n = texts.length;
  const up = median(runs.up.map((x) => perCpu(n, x)));
  const two = median(runs.two.map((x) => perCpu(n, x)));
  const one = median(runs.one.map((x) => perCpu(n, x)));
  const wall2 = median(runs.two.map((x) => perWall(n, x)));
  console.log('');
  console.log(`throughput on ${name} (per CPU-second of the whole process, all threads; median of ${RUNS}):`);
  console.log(
    `  upstream classify(), wasm, main thread, calls of ${UPSTREAM_CALL}: ${up.toFixed(1)}/CPU-s, ${median(runs.up.map((x) => perWall(n, x))).toFixed(1)}/s wall`,
  );
  console.log(
    `  threadmod, 1 worker:  ${one.toFixed(1)}/CPU-s, ${median(runs.one.map((x) => perWall(n, x))).toFixed(1)}/s wall`,
  );
  console.log(`  threadmod, 2 workers: ${two.toFixed(1)}/CPU-s, ${wall2.toFixed(1)}/s wall`);
  report({
    name: `toxicity per CPU-s, 2 workers, ${name}`,
    value: two,
    unit: 'sentences/CPU-s',
    floor: up,
    floorName: 'upstream classify() on wasm',
    target: { on: 'ratio', op: '>=', limit: 1.5 },
  });
  report({
    name: `toxicity per CPU-s, 1 worker, ${name}`,
    value: one,
    unit: 'sentences/CPU-s',
    floor: up,
    floorName: 'upstream classify() on wasm',
    target: { on: 'ratio', op: '>=', limit: 1.5 },
  });
  report({
    name: `toxicity wall, 2 idle cores (projected), ${name}`,
    value: two * Math.min(2, os.availableParallelism()),
    unit: 'sentences/s',
    floor: up,
    floorName: 'upstream classify() on wasm, per CPU-s',
    target: { on: 'value', op: '>=', limit: 120 },
    note: `per CPU-s x 2 cores; measured wall here ${wall2.toFixed(1)}/s under load ${os.loadavg()[0]!.toFixed(1)}`,
  });
}
const tensors = ours2.numTensors();
await Promise.all([ours2.close(), ours1.close()]);

// ---- disk cache ---------------------------------------------------------------------------------
const cacheDir = path.join(scratch, 'scores');
const filler = await loadToxicityScorer({ modelDir, backend: 'wasm', workers: 2, cacheDir });
await filler.score(comments);
await filler.close();
const warmStart = performance.now();
const warm = await loadToxicityScorer({ modelDir, backend: 'wasm', workers: 2, cacheDir });
await warm.score(comments);
const warmMs = performance.now() - warmStart;
const hits = warm.stats.cacheHits;
await warm.close();
rmSync(scratch, { recursive: true, force: true });
console.log('');
console.log(
  `disk score cache: a second scorer over the same ${COMMENTS} comments: ${(warmMs / 1000).toFixed(2)} s for load + score() (${hits}/${COMMENTS} cache hits; the model never waited on)`,
);
console.log(
  `live tensors per worker after the timed runs: ${tensors.join(', ')} (the weights only; constant across runs)`,
);
console.log(
  `load average at the end: ${os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}; process RSS ${Math.round(process.memoryUsage().rss / 2 ** 20)} MB`,
);
