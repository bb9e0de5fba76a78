/**
 * Toxicity scorer throughput and load time, with stand-in weights (same
 * graph, same cost as the real model; the probabilities mean nothing).
 *
 *   npm run bench:toxicity            (COMMENTS=384 BATCH=16 to change the workload)
 *
 * Measures, on the wasm backend:
 *  - load: loadToxicityScorer() + ready(), i.e. find and verify the model
 *    files (hash 29 MB), spawn the workers, import TF.js and start wasm in
 *    each, read the shards and build the graph. From this tsx run (workers
 *    start through tsx) and from a compiled copy (how dist/ runs), best of 3.
 *  - our scorer: 2 workers, sentences sorted by length, batches of BATCH.
 *  - upstream toxicity.classify(): on wasm over all comments (one thread, in
 *    upstream-sized calls of BATCH, unsorted), and on the default cpu backend
 *    over 8 comments only, extrapolated (cpu manages well under 1 sentence/s).
 *  - the disk score cache: a second scorer over the same comments.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type * as TF from '@tensorflow/tfjs';
import { activateBackend } from '../src/flag/toxicity/backend.js';
import { loadToxicityScorer } from '../src/flag/toxicity/index.js';
import { loadUpstreamClassifier } from '../src/flag/toxicity/upstream.js';
import { compileScorer } from '../test/flag/toxicity/transpile.js';
import { standinModelDir } from '../test/support/standin-model.js';

const COMMENTS = Number(process.env.COMMENTS ?? 384);
const BATCH = Number(process.env.BATCH ?? 16);
const CPU_SAMPLE = 8;

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

// ---- helpers ------------------------------------------------------------------------------------
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const rate = (n: number, ms: number) => n / (ms / 1000);
async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const value = await fn();
  return [value, performance.now() - t];
}
/** Wall time and CPU time of the whole process (all threads, so the workers too). */
async function timedCpu(fn: () => Promise<unknown>): Promise<{ wallMs: number; cpuMs: number }> {
  const cpu = process.cpuUsage();
  const t = performance.now();
  await fn();
  const used = process.cpuUsage(cpu);
  return { wallMs: performance.now() - t, cpuMs: (used.user + used.system) / 1000 };
}
const mb = (bytes: number) => `${Math.round(bytes / 1_048_576)} MB`;

const modelDir = standinModelDir();
const scratch = mkdtempSync(path.join(os.tmpdir(), 'threadmod-bench-'));
console.log(
  `toxicity benchmark: ${COMMENTS} generated comments, mean ${meanLength.toFixed(0)} chars, stand-in weights in ${modelDir}`,
);
const loadAvg = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
console.log(
  `machine: ${os.availableParallelism()} cores (${os.cpus()[0]?.model ?? 'unknown cpu'}), Node ${process.version}; load average at start ${loadAvg()}`,
);

// ---- load time ----------------------------------------------------------------------------------
async function loadOnce(): Promise<{ wallMs: number; cpuMs: number }> {
  let scorer: Awaited<ReturnType<typeof loadToxicityScorer>> | undefined;
  const run = await timedCpu(async () => {
    scorer = await loadToxicityScorer({ modelDir, backend: 'wasm', workers: 2, cacheDir: null });
    await scorer.ready();
  });
  await scorer?.close();
  return run;
}
const tsxLoads: Array<{ wallMs: number; cpuMs: number }> = [];
for (let i = 0; i < 3; i++) tsxLoads.push(await loadOnce());

const { dir: compiledDir, entry } = compileScorer();
const compiledScript = `
  const { loadToxicityScorer } = await import(${JSON.stringify(entry)});
  const t = performance.now();
  const s = await loadToxicityScorer({ modelDir: ${JSON.stringify(modelDir)}, backend: 'wasm', workers: 2, cacheDir: null });
  await s.ready();
  const wallMs = performance.now() - t;
  const cpu = process.cpuUsage();
  process.stdout.write(JSON.stringify({ wallMs, cpuMs: (cpu.user + cpu.system) / 1000 }));
  await s.close();`;
const compiledLoads: Array<{ wallMs: number; cpuMs: number }> = [];
for (let i = 0; i < 3; i++) {
  const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', compiledScript]);
  compiledLoads.push(JSON.parse(stdout) as { wallMs: number; cpuMs: number });
}

// ---- our scorer ---------------------------------------------------------------------------------
const scorer = await loadToxicityScorer({ modelDir, backend: 'wasm', workers: 2, batchSize: BATCH, cacheDir: null });
await scorer.ready();
await scorer.score(comments.slice(0, 2 * BATCH)); // let both workers JIT and size their wasm memory
const oursRun = await timedCpu(() => scorer.score(comments.map((c) => `${c} `))); // fresh texts, nothing cached
const oursMs = oursRun.wallMs;
const tensors = scorer.numTensors();
await scorer.close();

const one = await loadToxicityScorer({ modelDir, backend: 'wasm', workers: 1, batchSize: BATCH, cacheDir: null });
await one.ready();
await one.score(comments.slice(0, BATCH));
const oneRun = await timedCpu(() => one.score(comments.map((c) => ` ${c}`)));
await one.close();

// ---- disk cache ---------------------------------------------------------------------------------
const cacheDir = path.join(scratch, 'scores');
const filler = await loadToxicityScorer({ modelDir, backend: 'wasm', workers: 2, batchSize: BATCH, cacheDir });
const [, fillMs] = await timed(() => filler.score(comments));
await filler.close();
const [warmHits, warmMs] = await timed(async () => {
  const warm = await loadToxicityScorer({ modelDir, backend: 'wasm', workers: 2, batchSize: BATCH, cacheDir });
  await warm.score(comments);
  const hits = warm.stats.cacheHits;
  await warm.close();
  return hits;
});

// ---- upstream classify() -------------------------------------------------------------------------
const tf = createRequire(import.meta.url)('@tensorflow/tfjs') as typeof TF;
await activateBackend(tf, 'wasm');
const upWasm = await loadUpstreamClassifier(modelDir);
await upWasm.classify(comments.slice(0, BATCH));
const upWasmRun = await timedCpu(async () => {
  for (let i = 0; i < comments.length; i += BATCH) await upWasm.classify(comments.slice(i, i + BATCH));
});
const upWasmMs = upWasmRun.wallMs;

await activateBackend(tf, 'cpu'); // what upstream runs on in Node without tfjs-node: the default backend
const upCpu = await loadUpstreamClassifier(modelDir);
const upCpuRun = await timedCpu(() => upCpu.classify(comments.slice(0, CPU_SAMPLE)));
const upCpuMs = upCpuRun.wallMs;
const rss = process.memoryUsage().rss;
rmSync(scratch, { recursive: true, force: true });
rmSync(compiledDir, { recursive: true, force: true });

// ---- report -------------------------------------------------------------------------------------
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const ours = rate(COMMENTS, oursMs);
const upCpuRate = rate(CPU_SAMPLE, upCpuMs);
console.log('');
const loads = (xs: Array<{ wallMs: number; cpuMs: number }>) =>
  `wall ${xs.map((x) => seconds(x.wallMs)).join(', ')} (median ${seconds(median(xs.map((x) => x.wallMs)))}); CPU ${xs.map((x) => seconds(x.cpuMs)).join(', ')}`;
console.log(
  'load = loadToxicityScorer() + ready(): check the 9 files (hash 29 MB) while 2 workers start, each importing TF.js,',
);
console.log(
  '  starting wasm, reading the shards and building the graph; the model files are on local disk (the installed copy case).',
);
console.log(`  from tsx (this run; workers start through tsx): ${loads(tsxLoads)}`);
console.log(
  `  compiled .js (as dist/ runs; plain node child; CPU includes importing the scorer): ${loads(compiledLoads)} (target < 1 s)`,
);
console.log('');
const perCpu = (run: { cpuMs: number }, n = COMMENTS) => n / (run.cpuMs / 1000);
const cores = os.availableParallelism();
console.log(`throughput over ${COMMENTS} comments (after a warm-up batch per worker; one score() call):`);
console.log(
  '  wall clock = sentences/s as measured; per CPU-s = sentences per CPU-second of the whole process (all threads),',
);
console.log(
  '  which other load on the machine does not change much; "idle" = per CPU-s x threads that run the model (<= cores).',
);
const row = (name: string, run: { wallMs: number; cpuMs: number }, threads: number, n = COMMENTS) =>
  console.log(
    `  ${name}: ${rate(n, run.wallMs).toFixed(1)}/s wall (${seconds(run.wallMs)}); ${perCpu(run, n).toFixed(1)} per CPU-s; idle ~${(perCpu(run, n) * Math.min(threads, cores)).toFixed(0)}/s`,
  );
row(`threadmod, wasm, 2 workers, sorted, batch ${BATCH}`, oursRun, 2);
row(`threadmod, wasm, 1 worker,  sorted, batch ${BATCH}`, oneRun, 1);
row(`upstream classify(), wasm, main thread, unsorted calls of ${BATCH}`, upWasmRun, 1);
row(`upstream classify(), default cpu backend, ${CPU_SAMPLE} comments only, extrapolated`, upCpuRun, 1, CPU_SAMPLE);
console.log(
  `  target >= 60/s on 2 idle cores: ${perCpu(oursRun) * Math.min(2, cores) >= 60 ? 'met' : 'NOT met'} by the idle projection; wall clock here ${ours.toFixed(1)}/s`,
);
console.log(
  `  ratio threadmod / upstream on cpu: ${(ours / upCpuRate).toFixed(0)}x wall, ${((perCpu(oursRun) * 2) / perCpu(upCpuRun, CPU_SAMPLE)).toFixed(0)}x idle; ` +
    `/ upstream on wasm: ${(ours / rate(COMMENTS, upWasmMs)).toFixed(1)}x wall, ${((perCpu(oursRun) * 2) / perCpu(upWasmRun)).toFixed(1)}x idle`,
);
console.log('');
console.log('disk score cache:');
console.log(`  first run, cache empty (scores + appends to JSONL): ${seconds(fillMs)}`);
console.log(
  `  second run, new scorer, cache warm: ${seconds(warmMs)} for load + score() (${warmHits}/${COMMENTS} cache hits; the model never waited on)`,
);
console.log('');
console.log(`live tensors per worker after the timed run: ${tensors.join(', ')} (weights only; constant across runs)`);
console.log(`load average at the end: ${loadAvg()} (other work on the machine slows every figure above)`);
console.log(
  `process RSS at the end: ${mb(rss)} (workers' wasm heaps are in the process; wasm memory never shrinks, so batches stay moderate: ${BATCH})`,
);
