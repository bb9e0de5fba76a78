/**
 * `npm run bench:tui`: how quick `threadmod review` feels on a long thread.
 *
 * Method: a generated 10,000-comment thread (test/review/support/big-thread.ts,
 * deterministic) is reviewed by the real app with the real lexicon scorer,
 * flagger and journal, rendered by Ink 6 to a fake 80x24 stdout in debug mode
 * (every React commit is written at once, no frame throttling), so a frame's
 * write time is when the terminal would get it.
 *   - start -> first frame with the queue: from `render()` until the first
 *     frame showing a selected flag row (scoring still running);
 *   - start -> scoring done: until the frame without the scoring bar;
 *   - key -> frame: a key written to stdin, until the next frame is written;
 *     200 `j` in the queue and 200 `j` in the whole-thread view (10,000 rows),
 *     plus page and end keys; median, 95th percentile and worst.
 * Module loading (Ink, React, the app) is timed apart: it happens once per
 * run and depends on the machine's disk and the tsx transpile cache. React
 * runs its production build, as in the CLI; so nothing imports React before
 * NODE_ENV is set.
 */
import { EventEmitter } from 'node:events';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';
import { bigThread } from '../test/review/support/big-thread.js';
import { standinModelDir } from '../test/support/standin-model.js';
import { timeInterleaved } from './support/launch.js';
import { median, report } from './support/report.js';

const COMMENTS = 10_000;
const PRESSES = 200;

class FakeStdout extends EventEmitter {
  readonly columns = 80;
  readonly rows = 24;
  frames = 0;
  last = '';
  stamp = 0;
  write = (frame: string): boolean => {
    this.frames++;
    this.stamp = performance.now();
    this.last = frame;
    return true;
  };
}

/** What Ink needs of stdin (as ink-testing-library fakes it). */
class FakeStdin extends EventEmitter {
  isTTY = true;
  private data: string | null = null;
  write(data: string): void {
    this.data = data;
    this.emit('readable');
    this.emit('data', data);
  }
  read(): string | null {
    const { data } = this;
    this.data = null;
    return data;
  }
  setEncoding(): void {}
  setRawMode(): void {}
  resume(): void {}
  pause(): void {}
  ref(): void {}
  unref(): void {}
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await tick();
  }
}

function stats(samples: number[]): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return `median ${at(0.5).toFixed(2)} ms, p95 ${at(0.95).toFixed(2)} ms, worst ${sorted.at(-1)!.toFixed(2)} ms (n=${samples.length})`;
}

async function main(): Promise<void> {
  // As the CLI runs it: React's production build (the development build profiles every commit).
  process.env.NODE_ENV ??= 'production';
  let t = performance.now();
  const [{ createElement }, { render }, { ReviewApp }, { openReviewSession }, { loadRules }, { createLexiconScorer }] =
    await Promise.all([
      import('react'),
      import('ink'),
      import('../src/review/app/review-app.js'),
      import('../src/review/session.js'),
      import('../src/flag/rules.js'),
      import('../src/flag/lexicon/index.js'),
    ]);
  const importMs = performance.now() - t;

  t = performance.now();
  const thread = bigThread(COMMENTS);
  const generateMs = performance.now() - t;

  const dir = mkdtempSync(path.join(tmpdir(), 'threadmod-bench-'));
  const dumpFile = path.join(dir, 'big.lemmy.json');
  writeFileSync(dumpFile, JSON.stringify(thread));
  const journalFile = `${dumpFile}.decisions.jsonl`;
  const rules = await loadRules();
  const { backend } = await openReviewSession({
    dumpFile,
    parsed: { dump: { format: 'lemmy-json', posts: [thread] }, fetchedFrom: null },
    rules,
    journalFile,
    moderator: 'bench',
    makeScorer: async () => createLexiconScorer(),
  });

  const stdout = new FakeStdout();
  const stdin = new FakeStdin();
  const screen = () => stripVTControlCharacters(stdout.last);
  const start = performance.now();
  const app = render(
    createElement(ReviewApp, {
      thread,
      rules: rules.rules,
      backend,
      sources: { dumpFile, rulesFile: null, journalFile, moderator: 'bench' },
      requestedScorer: 'lexicon',
      colour: true,
    }),
    {
      stdout: stdout as never,
      stdin: stdin as never,
      stderr: new FakeStdout() as never,
      debug: true,
      exitOnCtrlC: false,
      patchConsole: false,
    },
  );

  await until(() => /^▸ .*“/m.test(screen()), 30_000, 'the first flag');
  const firstFrameMs = stdout.stamp - start;
  const firstFlagged = /Queue · (\d+) flagged/.exec(screen())?.[1];
  const scoringAtFirst = /scoring/.test(screen());
  await until(() => /Queue · \d+ flagged/.test(screen()) && !/scoring/.test(screen()), 120_000, 'scoring to end');
  const scanMs = stdout.stamp - start;
  const flagged = /Queue · (\d+) flagged/.exec(screen())?.[1];

  async function press(key: string, times: number): Promise<number[]> {
    const samples: number[] = [];
    for (let i = 0; i < times; i++) {
      const before = stdout.frames;
      const sent = performance.now();
      stdin.write(key);
      await until(() => stdout.frames > before, 5_000, `a frame after ${JSON.stringify(key)}`);
      samples.push(stdout.stamp - sent);
    }
    return samples;
  }

  const queueJ = await press('j', PRESSES);
  const queuePage = [...(await press('\x1b[6~', 20)), ...(await press('G', 1)), ...(await press('g', 1))];
  await press('t', 1);
  const threadJ = await press('j', PRESSES);
  const threadPage = [...(await press('\x1b[6~', 20)), ...(await press('G', 1)), ...(await press('g', 1))];
  const threadRows = /Thread · (\d+) comments/.exec(screen())?.[1];

  app.unmount();
  await backend.close();
  rmSync(dir, { recursive: true, force: true });

  const lines = [
    `threadmod review benchmark (${new Date().toISOString()}, node ${process.version}, ${cpus().length} cores, load ${loadavg()[0]!.toFixed(2)})`,
    `react: ${process.env.NODE_ENV} build`,
    `thread: ${COMMENTS} generated comments in ${generateMs.toFixed(0)} ms; ${flagged} flagged by the lexicon scorer and the built-in rules`,
    `module loading (ink, react, the app, flagger, lexicon): ${importMs.toFixed(0)} ms (once per run; not in the figures below)`,
    `start -> first frame with the queue: ${firstFrameMs.toFixed(0)} ms (${firstFlagged} flagged so far, scoring ${scoringAtFirst ? 'still running' : 'already done'}; target < 1500 ms)`,
    `start -> scoring done, full queue: ${scanMs.toFixed(0)} ms`,
    `key -> frame, j in the queue (${flagged} rows):         ${stats(queueJ)}`,
    `key -> frame, PgDn/G/g in the queue:                ${stats(queuePage)}`,
    `key -> frame, j in the whole thread (${threadRows} rows): ${stats(threadJ)}`,
    `key -> frame, PgDn/G/g in the whole thread:         ${stats(threadPage)}`,
    `target: < 30 ms per key. Method: Ink 6 render to a fake 80x24 stdout in debug mode (each commit written at once);`,
    `a key is written to a fake stdin and timed until Ink writes the next frame.`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

await main();

/**
 * Launch to first frame: the compiled CLI (`node dist/cli/main.js review`) on
 * the sample thread under a pseudo-terminal (`script`), timed from the spawn
 * until the first frame with the queue's title reaches the terminal. The
 * toxicity model is installed (the stand-in, via THREADMOD_MODEL_DIR), so the
 * frame must come before the scorer is ready. Floor: the same launch of a
 * bare `node -e` that prints one word. RUNS launches of each, interleaved,
 * medians. Target: <= 0.6 s.
 */
async function launchToFirstFrame(): Promise<void> {
  const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const runs = Number(process.env.RUNS ?? 7);
  const dir = mkdtempSync(path.join(tmpdir(), 'threadmod-bench-launch-'));
  const dump = path.join(dir, 'seed.lemmy.txt');
  copyFileSync(path.join(repo, 'threads/biden-netanyahu.lemmy.txt'), dump);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    THREADMOD_MODEL_DIR: standinModelDir(),
    XDG_CACHE_HOME: path.join(dir, 'cache'),
    TERM: 'xterm-256color',
  };
  delete env.NODE_ENV;
  const tty = { columns: 100, rows: 30 };
  const [floorMs, reviewMs] = await timeInterleaved(
    [
      {
        command: process.execPath,
        args: ['-e', "process.stdout.write('ready\\n'); setTimeout(() => {}, 5000)"],
        env,
        tty,
        until: /ready/,
      },
      {
        command: process.execPath,
        args: [path.join(repo, 'dist/cli/main.js'), 'review', dump],
        env,
        tty,
        until: /Queue · \d+ flagged/,
      },
    ],
    runs,
  );
  rmSync(dir, { recursive: true, force: true });
  console.log('');
  console.log(
    `launch -> first frame, compiled CLI under a pseudo-terminal, model installed; runs (ms): ${reviewMs!.map((x) => x.toFixed(0)).join(', ')}`,
  );
  report({
    name: 'review first frame from launch',
    value: median(reviewMs!) / 1000,
    unit: 's',
    floor: median(floorMs!) / 1000,
    floorName: 'node -e printing a word, same pseudo-terminal',
    target: { on: 'value', op: '<=', limit: 0.6 },
    note: `median of ${runs}; the sample thread, scorer auto with the model loading behind the frame`,
  });
}

await launchToFirstFrame();
