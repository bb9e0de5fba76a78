/**
 * Timing launches of a process from outside, from the spawn to the exit or
 * to the first appearance of a marker in its output. `review` needs a
 * terminal, so a launch can run under `script` (util-linux), which gives the
 * child a pseudo-terminal and passes its output through as it comes.
 */
import { spawn } from 'node:child_process';
import { stripVTControlCharacters } from 'node:util';

export interface Launch {
  readonly command: string;
  readonly args: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly cwd?: string;
  /** Stop timing when the output matches (then the process is ended); else time to exit. */
  readonly until?: RegExp;
  /** Run under a pseudo-terminal of this many columns and rows. */
  readonly tty?: { columns: number; rows: number };
}

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Milliseconds from spawn to exit (status 0 required) or to the marker. */
export function timeLaunch(launch: Launch, timeoutMs = 60_000): Promise<number> {
  const { tty } = launch;
  const [command, args] = tty
    ? [
        'script',
        [
          '-qfec',
          `stty cols ${tty.columns} rows ${tty.rows}; exec ${[launch.command, ...launch.args].map(quote).join(' ')}`,
          '/dev/null',
        ],
      ]
    : [launch.command, launch.args];
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args as string[], {
      cwd: launch.cwd,
      env: launch.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      detached: true,
    });
    let out = '';
    let done = false;
    const finish = (error: Error | null, ms?: number) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      // The whole process group: `script` and the CLI under it.
      if (child.exitCode === null) {
        try {
          process.kill(-(child.pid as number), 'SIGKILL');
        } catch {
          // already gone
        }
      }
      if (error) reject(error);
      else resolve(ms as number);
    };
    const timer = setTimeout(
      () =>
        finish(
          new Error(
            `${launch.command} ${launch.args.join(' ')}: no ${launch.until ?? 'exit'} after ${timeoutMs} ms; output: ${out.slice(-300)}`,
          ),
        ),
      timeoutMs,
    );
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      if (launch.until?.test(stripVTControlCharacters(out))) finish(null, performance.now() - started);
    });
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', (error) => finish(error));
    child.on('exit', (code) => {
      if (launch.until)
        finish(new Error(`${launch.command} exited (${code}) before ${launch.until}; output: ${out.slice(-300)}`));
      else if (code !== 0)
        finish(new Error(`${launch.command} ${launch.args.join(' ')} exited with ${code}: ${out.slice(-300)}`));
      else finish(null, performance.now() - started);
    });
  });
}

/** Runs every launch `runs` times, interleaved (so load changes hit all alike); the times per launch, in order. */
export async function timeInterleaved(launches: readonly Launch[], runs: number): Promise<number[][]> {
  const times = launches.map(() => [] as number[]);
  for (let r = 0; r < runs; r++) {
    for (const [i, launch] of launches.entries()) (times[i] as number[]).push(await timeLaunch(launch));
  }
  return times;
}
