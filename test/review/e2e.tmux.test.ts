/**
 * `threadmod review` in a real terminal: tmux (private socket, 100x30) runs
 * the real CLI on a temp copy of the seed thread. Remove the first flag with
 * Rule 3, approve the next, kill -9 the threadmod process, start again and
 * check the resumed screen, export with `x` and check the JSON against the
 * decisions schema; then a journal kept for another thread must be refused in
 * one line with exit code 2.
 */
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DecisionsFile } from '../../src/decisions/schema.js';
import { tempDir } from './support/fixture.js';
import { SEED, expectedQueue, type ExpectedRow } from './support/seed.js';
import { RUN_E2E, tmuxTerminal } from './support/tmux.js';

const terminal = tmuxTerminal('e2e');
const { start, screen, waitForScreen, keys, threadmodPid, exitOf } = terminal;
const command = (...args: string[]) => terminal.command(args);

let dir: string;
let dump: string;
/** The queue as the flagger makes it, to know what the screen must show. */
let expected: ExpectedRow[];

describe.runIf(RUN_E2E)('threadmod review in a real terminal (tmux 100x30)', () => {
  beforeAll(async () => {
    expected = await expectedQueue();
    dir = tempDir('threadmod-e2e-');
    dump = path.join(dir, 'biden-netanyahu.lemmy.txt');
    copyFileSync(SEED, dump);
  });
  afterAll(() => {
    terminal.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('decides, survives kill -9, resumes, exports valid JSON, refuses a foreign journal', async () => {
    const review = command('review', dump, '--scorer', 'lexicon', '--moderator', 'e2e');
    start('first', review);

    const n = expected.length;
    expect(n).toBeGreaterThanOrEqual(2);
    await waitForScreen(new RegExp(`Queue · ${n} flagged · 1/${n} ─`));
    expect(screen()).toMatch(/^▸ {12}\S/m);
    keys('r');
    await waitForScreen(/^Remove \(unknown author\)'s comment/m);
    // Remove with Rule 3: the flag's own rule is offered first; move to rule-3 if it is another.
    for (let i = 0; i < 5 && !/^▸ rule-3 /m.test(screen()); i++) {
      keys('Down');
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(screen()).toMatch(/^▸ rule-3 /m);
    expect(screen()).toMatch(/^reason: Removed under Rule 3 \(no personal attacks\): ".+"/m);
    keys('Enter');
    await waitForScreen(/^. ✗ removed +Rule 3 /m);
    keys('a');
    await waitForScreen(/^. ✓ approved /m);

    // Both decisions were on disk before the screen showed them: kill -9 loses nothing.
    process.kill(threadmodPid(), 'SIGKILL');
    expect(await exitOf()).toBe(128 + 9);
    start('again', review);

    // Resumed: both marked, the selection on the first undecided flag (or the top when none is left).
    const at = n > 2 ? 3 : 1;
    const resumed = await waitForScreen(new RegExp(`Queue · ${n} flagged · ${at}/${n} ─`));
    expect(resumed).toContain(`${n} flagged · 2 decided (✗ 1 removed, ✓ 1 approved) · ${n - 2} left`);
    const rows = resumed.split('\n').filter((l) => /^[▸ ] [ ✗✓]/.test(l) && /“/.test(l));
    expect(rows[0]).toMatch(/^. ✗ removed +Rule 3 /);
    expect(rows[1]).toMatch(/^. ✓ approved /);
    expect(rows[at - 1]).toMatch(/^▸ /);

    keys('x');
    await waitForScreen(/exported 2 decisions to /);
    const out = `${dump}.decisions.json`;
    const file = DecisionsFile.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(file.moderator).toBe('e2e');
    expect(file.summary).toMatchObject({ remove: 1, approve: 1, warn: 0, ban: 0, skip: 0 });
    const removed = file.decisions.find((d) => d.action === 'remove');
    const approved = file.decisions.find((d) => d.action === 'approve');
    expect(removed).toMatchObject({ commentId: expected[0]!.commentId, ruleId: 'rule-3' });
    expect(removed!.reason).toMatch(/^Removed under Rule 3 \(no personal attacks\): ".+"$/);
    expect(approved).toMatchObject({ commentId: expected[1]!.commentId, ruleId: expected[1]!.ruleId, reason: '' });

    keys('q');
    expect(await exitOf()).toBe(0);

    // A journal kept for another thread: refused before the screen changes, one line, exit 2.
    // (A later copy of the same thread, with comments added or edited, is carried over instead: carry-over.test.ts.)
    const other = path.join(dir, 'other.lemmy.txt');
    writeFileSync(other, 'Another post entirely.\n\n    3 hours ago\n\n    A comment on it.\n');
    start('foreign', command('review', other, '--scorer', 'lexicon', '--decisions', `${dump}.decisions.jsonl`));
    expect(await exitOf()).toBe(2);
    const lines = screen(true)
      .split('\n')
      .filter((l) => l.trim() !== '' && !/^(Pane is dead|\[exit \d+\])/.test(l));
    expect(lines).toHaveLength(1);
    const refusal = lines.filter((l) => l.startsWith('threadmod: '));
    expect(refusal).toHaveLength(1);
    expect(refusal[0]).toMatch(/holds decisions for another dump/);
  }, 180_000);
});

if (!RUN_E2E) {
  describe('threadmod review in a real terminal', () => {
    it.skip('skipped: tmux is not installed (.ci/run installs it)', () => {});
  });
}
