/**
 * A real terminal for end-to-end tests: tmux on a private socket, one
 * session per command, 100x30. The CLI runs from source (tsx), colourless and
 * outside any CI detection (Ink prints nothing in CI); the pane's shell prints
 * the exit code after it, since tmux does not always collect a pane's status.
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../support/shared.js';

const ENTRY = path.join(REPO_ROOT, 'src/cli/main.ts');

export const HAS_TMUX = spawnSync('tmux', ['-V']).status === 0;
// CI must run the tmux tests (.ci/run installs tmux): there a missing tmux fails loudly instead of skipping.
export const RUN_E2E = HAS_TMUX || Boolean(process.env.CI);

const quote = (a: string) => `'${a.replace(/'/g, `'\\''`)}'`;

export function tmuxTerminal(label: string) {
  const socket = `threadmod-${label}-${process.pid}-${Date.now().toString(36)}`;
  let session = '';

  function tmux(...args: string[]): string {
    const result = spawnSync('tmux', ['-L', socket, ...args], { encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${result.stderr}`);
    return result.stdout;
  }

  /** The shell command a pane runs: `threadmod ...args` with `env` set, then its exit code. */
  function command(args: readonly string[], env: Record<string, string> = {}): string {
    const vars = Object.entries(env).map(([k, v]) => `${k}=${quote(v)}`);
    return `cd ${quote(REPO_ROOT)} && env -u CI -u CONTINUOUS_INTEGRATION NO_COLOR=1 ${vars.join(' ')} ${quote(process.execPath)} --import tsx ${quote(ENTRY)} ${args.map(quote).join(' ')}; echo "[exit $?]"`;
  }

  /** A fresh session (so no earlier screen lingers) that keeps its pane after the process ends. */
  function start(name: string, cmd: string): void {
    session = name;
    tmux('-f', '/dev/null', 'new-session', '-d', '-s', name, '-x', '100', '-y', '30', cmd);
    tmux('set-option', '-t', name, 'remain-on-exit', 'on');
  }

  /** The visible screen (or with `history`, all of the pane's output), wrapped lines joined. */
  function screen(history = false): string {
    return tmux('capture-pane', '-p', '-J', ...(history ? ['-S', '-'] : []), '-t', session);
  }

  function pane(format: string): string {
    return tmux('display-message', '-p', '-t', session, format).trim();
  }

  async function waitForScreen(pattern: RegExp, timeoutMs = 60_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const text = screen();
      if (pattern.test(text)) return text;
      if (pane('#{pane_dead}') === '1') {
        const last = screen(true);
        if (pattern.test(last)) return last;
        throw new Error(`threadmod ended while waiting for ${pattern}; the terminal showed:\n${last}`);
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}; the terminal showed:\n${text}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  function keys(...names: string[]): void {
    tmux('send-keys', '-t', session, ...names);
  }

  /** threadmod's pid: the child of the pane's shell. */
  function threadmodPid(): number {
    const out = spawnSync('pgrep', ['-P', pane('#{pane_pid}')], { encoding: 'utf8' }).stdout.trim();
    const pid = Number(out.split('\n')[0]);
    if (!Number.isInteger(pid) || pid <= 0)
      throw new Error(`no threadmod process in the pane (pgrep: ${JSON.stringify(out)})`);
    return pid;
  }

  /** threadmod's exit code, as the pane's shell printed it (128 + n for signal n). */
  async function exitOf(timeoutMs = 20_000): Promise<number> {
    const text = await waitForScreen(/\[exit (\d+)\]/, timeoutMs);
    return Number(/\[exit (\d+)\]/.exec(text)![1]);
  }

  /** Ends the tmux server and removes its socket file (kill-server leaves it behind). */
  function close(): void {
    spawnSync('tmux', ['-L', socket, 'kill-server']);
    rmSync(path.join(process.env.TMUX_TMPDIR ?? '/tmp', `tmux-${process.getuid?.() ?? 0}`, socket), { force: true });
  }

  return { command, start, screen, pane, waitForScreen, keys, threadmodPid, exitOf, close };
}
