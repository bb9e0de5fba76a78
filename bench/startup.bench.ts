/**
 * `npm run bench:startup`: how long the compiled CLI takes from launch to
 * exit for `tree` on the sample thread and for `--help`, as a ratio to a bare
 * `node -e 0` launched the same way in the same run (the floor: starting
 * Node itself). Launches are interleaved, RUNS of each (default 9), medians.
 * Target: <= 2x `node -e 0`. Runs dist/, so build first (`npm run bench`
 * does).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { timeInterleaved, type Launch } from './support/launch.js';
import { machineLine, median, report } from './support/report.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RUNS = Number(process.env.RUNS ?? 9);
const cli = path.join(repo, 'dist/cli/main.js');
const seed = path.join(repo, 'threads/biden-netanyahu.lemmy.txt');
const node = (...args: string[]): Launch => ({ command: process.execPath, args, cwd: repo });

console.log(`start-up benchmark: compiled CLI (dist/), ${RUNS} interleaved launches of each, medians`);
console.log(machineLine());
const [floor, tree, help, treeJson] = (
  await timeInterleaved(
    [node('-e', '0'), node(cli, 'tree', seed), node(cli, '--help'), node(cli, 'tree', '--json', seed)],
    RUNS,
  )
).map((xs) => median(xs) / 1000) as [number, number, number, number];
const target = { on: 'ratio', op: '<=', limit: 2 } as const;
report({
  name: 'tree start-up',
  value: tree,
  unit: 's',
  floor,
  floorName: 'node -e 0',
  target,
  note: 'threadmod tree <sample thread>, launch to exit',
});
report({ name: '--help start-up', value: help, unit: 's', floor, floorName: 'node -e 0', target });
report({ name: 'tree --json start-up', value: treeJson, unit: 's', floor, floorName: 'node -e 0', target });
