/**
 * Runs the real CLI in a child process, from the TypeScript sources (tsx), the
 * way a user runs it: real argv, real exit code, stdout and stderr apart.
 */
import { spawn } from 'node:child_process';
import { expect } from 'vitest';
import path from 'node:path';
import { REPO_ROOT } from './shared.js';

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export const CLI_ENTRY = path.join(REPO_ROOT, 'src/cli/main.ts');

export function runCli(
  args: readonly string[],
  options: {
    cwd?: string;
    env?: NodeJS.ProcessEnv;
    input?: string;
    timeoutMs?: number;
    /** A compiled entry (a bundle's main.js) to run instead of the sources. */
    entry?: string;
  } = {},
): Promise<CliResult> {
  const node = options.entry ? [options.entry] : ['--import', 'tsx', CLI_ENTRY];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...node, ...args], {
      cwd: options.cwd ?? REPO_ROOT,
      env: { ...process.env, NO_COLOR: '1', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** Every failure a user sees is one line on stderr, `threadmod: …`, exit code 2, and no stack trace. */
export function expectOneLineError(
  result: { code: number | null; stdout: string; stderr: string },
  pattern: RegExp,
): void {
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^threadmod: /);
  expect(lines[0]).toMatch(pattern);
  expect(result.stderr).not.toMatch(/\n\s+at /);
}
