/**
 * How every benchmark reports a figure: next to the floor it is measured
 * against in the same run (the machines are shared and noisy, so a ratio to
 * something measured seconds apart is steadier than an absolute time), with
 * its target and whether this run meets it. Each figure is also appended as
 * one JSON line to $BENCH_RESULTS when set, which `npm run bench`
 * (bench/run-all.ts) reads to print its one-line summary.
 */
import { appendFileSync } from 'node:fs';
import os from 'node:os';

export interface Target {
  /** What the target bounds: the ratio to the floor, or the figure itself. */
  readonly on: 'ratio' | 'value';
  readonly op: '<=' | '>=' | '<';
  readonly limit: number;
}

export interface Figure {
  /** Short name, as the summary line shows it. */
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** The same-run floor this figure is divided by, in the same unit. */
  readonly floor: number;
  readonly floorName: string;
  readonly target: Target;
  /** Method, sample count, caveats. */
  readonly note?: string;
}

export interface Result extends Figure {
  readonly ratio: number;
  readonly met: boolean;
  readonly load: number;
}

const fmt = (x: number): string =>
  Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(3).replace(/0+$/, '0');

export function meets(target: Target, value: number, ratio: number): boolean {
  const x = target.on === 'ratio' ? ratio : value;
  return target.op === '<=' ? x <= target.limit : target.op === '<' ? x < target.limit : x >= target.limit;
}

export function describeTarget(t: Target, unit: string): string {
  return t.on === 'ratio' ? `${t.op} ${t.limit}x floor` : `${t.op} ${fmt(t.limit)} ${unit}`;
}

/** Prints the figure as `name: value unit = ratio x floor (floor name: floor unit); target …: met|MISSED` and records it. */
export function report(figure: Figure): Result {
  const ratio = figure.value / figure.floor;
  const result: Result = {
    ...figure,
    ratio,
    met: meets(figure.target, figure.value, ratio),
    load: os.loadavg()[0] as number,
  };
  console.log(
    `  ${figure.name}: ${fmt(figure.value)} ${figure.unit} = ${ratio.toFixed(2)}x floor (${figure.floorName}: ${fmt(figure.floor)} ${figure.unit}); ` +
      `target ${describeTarget(figure.target, figure.unit)}: ${result.met ? 'met' : 'MISSED'}${figure.note ? `  [${figure.note}]` : ''}`,
  );
  const file = process.env.BENCH_RESULTS;
  if (file) appendFileSync(file, `${JSON.stringify(result)}\n`);
  return result;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new Error('median of nothing');
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** One line on how busy the machine is, for the top of each benchmark. */
export function machineLine(): string {
  const load = os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
  return `machine: ${os.availableParallelism()} cores (${os.cpus()[0]?.model ?? 'unknown cpu'}), Node ${process.version}, load average ${load}`;
}
