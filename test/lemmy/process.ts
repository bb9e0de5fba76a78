/** `threadmod` as a real process for the Lemmy tests: real argv, exit codes, stdout and stderr apart, killable. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const ENTRY = path.join(import.meta.dirname, 'cli-entry.ts');
/** The tsx loader by absolute URL: the processes run in temporary directories, outside the repo's node_modules. */
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
export const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.c2VjcmV0LW1vZGVyYXRvcg.U0VDUkVUU0lHTkFUVVJF';

export interface Finished {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function start(
  args: string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): { child: ChildProcess; done: Promise<Finished> } {
  const { LEMMY_JWT: _, THREADMOD_DEBUG: __, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', TSX, ENTRY, ...args], {
    cwd,
    env: { ...inherited, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr!.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), 150_000); // a stuck child, not a slow one: loaded CI machines are slow
  const done = new Promise<Finished>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
  return { child, done };
}

export const run = (args: string[], cwd: string, env: NodeJS.ProcessEnv = {}) => start(args, cwd, env).done;
