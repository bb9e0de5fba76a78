/**
 * `npm run bench`: builds dist/ (the start-up and review figures launch the
 * compiled CLI), runs every benchmark in turn, and ends with one line that
 * says which targets this run meets. Each benchmark records its figures
 * through bench/support/report.ts into a file this script reads.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeTarget, type Result } from './support/report.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BENCHES = ['startup', 'parse', 'lexicon', 'trained', 'train', 'toxicity', 'tui'];
/**
 * A benchmark that has not finished in this long is stopped and listed as
 * failed: one that hangs (a worker left running, a pseudo-terminal that never
 * closes) must not keep the summary from printing.
 */
const BENCH_TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_S ?? 1200) * 1000;
const only = process.argv.slice(2);
const scratch = mkdtempSync(path.join(os.tmpdir(), 'threadmod-bench-all-'));
const results = path.join(scratch, 'results.jsonl');
const loadAtStart = os.loadavg()[0] as number;

execFileSync('npm', ['run', '--silent', 'build'], { cwd: repo, stdio: 'inherit' });
const failed: string[] = [];
for (const name of only.length > 0 ? only : BENCHES) {
  console.log(`\n== bench:${name} ==`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(repo, 'bench', `${name}.bench.ts`)], {
    cwd: repo,
    stdio: 'inherit',
    env: { ...process.env, BENCH_RESULTS: results },
    timeout: BENCH_TIMEOUT_MS,
    killSignal: 'SIGKILL',
  });
  if (run.error !== undefined || run.status !== 0)
    failed.push(run.signal === null ? name : `${name} (${run.signal === 'SIGKILL' ? 'timed out' : run.signal})`);
}

let figures: Result[] = [];
try {
  figures = readFileSync(results, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Result);
  // A ratio with a zero floor is Infinity, which JSON writes as null.
  for (const f of figures) if (typeof f.ratio !== 'number') (f as { ratio: number }).ratio = Number.NaN;
} catch {
  // no figures at all: said below
}
rmSync(scratch, { recursive: true, force: true });
const met = figures.filter((f) => f.met);
const missed = figures.filter((f) => !f.met);
/** What a missed target was missed by: the figure the target bounds, and the target. */
const short = (f: Result) =>
  `${f.name} ${f.target.on === 'ratio' ? `${f.ratio.toFixed(2)}x floor` : `${Number(f.value).toPrecision(3)} ${f.unit}`} ` +
  `(${describeTarget(f.target, f.unit)})`;
console.log('');
console.log(
  `summary: ${met.length}/${figures.length} targets met; load average ${loadAtStart.toFixed(1)} at start, ${os.loadavg()[0]!.toFixed(1)} at end` +
    ` on ${os.availableParallelism()} cores` +
    (met.length ? `; met: ${met.map((f) => f.name).join(', ')}` : '') +
    (missed.length ? `; MISSED: ${missed.map(short).join(', ')}` : '') +
    (failed.length ? `; FAILED to run: ${failed.join(', ')}` : ''),
);
process.exitCode = failed.length ? 1 : 0;
