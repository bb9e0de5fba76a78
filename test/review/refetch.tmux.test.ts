/**
 * A moderator's real day, in a real terminal (tmux 100x30): fetch a thread
 * from the loopback Lemmy stand-in, review it (remove one flag), then the
 * thread grows by one comment, `fetch --force` says what happens to the
 * journal, and the second review keeps the removal, shows the new comment
 * as new, and the export (`x`) holds both decisions.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DecisionsFile } from '../../src/decisions/schema.js';
import { LemmyStandin } from '../support/lemmy-standin.js';
import { run } from '../lemmy/process.js';
import { grownThread } from '../lemmy/thread-fixture.js';
import { tempDir } from './support/fixture.js';
import { RUN_E2E, tmuxTerminal } from './support/tmux.js';

const terminal = tmuxTerminal('refetch');
const { start, screen, waitForScreen, keys, exitOf } = terminal;

const ATTACKS = ['You are an idiot and everyone here knows it.', 'Shut up, you pathetic moron.'];
const LATER = 'You are a complete idiot, nobody wants you here.';

// Without tmux (and outside CI) the tests are reported as skipped; CI installs tmux and must run them.
describe.skipIf(!RUN_E2E)('review, re-fetch, review again (tmux 100x30)', () => {
  const dir = tempDir('threadmod-refetch-');
  let server: LemmyStandin | null = null;
  afterAll(async () => {
    terminal.close();
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the earlier decision, marks the new comment new, and exports both', async () => {
    const thread = grownThread('v3', 6);
    thread.views[2]!.comment.content = ATTACKS[0];
    thread.views[5]!.comment.content = ATTACKS[1];
    const later = thread.views.pop()!;
    later.comment.content = LATER;
    server = await LemmyStandin.start({ api: 'v3', post: thread.post, comments: thread.views });
    const fetched = await run(['fetch', `${server.url}/post/180`, '--out', 'thread.json'], dir);
    expect(fetched.code).toBe(0);
    const dump = path.join(dir, 'thread.json');
    const review = terminal.command(['review', dump, '--scorer', 'lexicon', '--moderator', 'e2e']);

    start('first', review);
    const first = await waitForScreen(/Queue · (\d+) flagged · 1\/\d+ ─/);
    const n = Number(/Queue · (\d+) flagged/.exec(first)![1]);
    expect(n).toBeGreaterThanOrEqual(2);
    keys('r');
    await waitForScreen(/^reason: /m);
    keys('Enter');
    await waitForScreen(/^. ✗ removed /m);
    const removedRow = screen()
      .split('\n')
      .find((l) => /^. ✗ removed /.test(l))!;
    keys('q');
    expect(await exitOf()).toBe(0);

    // The thread grows by one comment; the re-fetch replaces the dump and says what happens to the journal.
    server.addComment(later);
    const again = await run(['fetch', `${server.url}/post/180`, '--out', 'thread.json', '--force'], dir);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(
      /changed since the last review; 1 decision carried over; 1 new comment; the next review/,
    );

    start('second', review);
    await waitForScreen(new RegExp(`Queue · ${n + 1} flagged · \\d+/${n + 1} ─`));
    const rows = screen()
      .split('\n')
      .filter((l) => /“/.test(l));
    // The removal made on the first dump, on the same comment (the row reads the same but for the selection mark).
    expect(rows.filter((l) => / ✗ removed /.test(l)).map((l) => l.slice(2))).toEqual([removedRow.slice(2)]);
    expect(rows.filter((l) => /• new/.test(l))).toHaveLength(1);
    expect(rows.find((l) => /• new/.test(l))).toContain('You are a complete');
    // Select the new comment and approve it.
    for (let i = 0; i <= n && !/^▸ • new/m.test(screen()); i++) {
      keys('j');
      await new Promise((r) => setTimeout(r, 150));
    }
    expect(screen()).toMatch(/^▸ • new/m);
    keys('a');
    await waitForScreen(/^. ✓ approved .*You are a complete/m);
    keys('x');
    await waitForScreen(/exported 2 decisions to /);
    const file = DecisionsFile.parse(JSON.parse(readFileSync(`${dump}.decisions.json`, 'utf8')));
    expect(file.decisions.map((d) => d.action).sort()).toEqual(['approve', 'remove']);
    expect(file.decisions.find((d) => d.action === 'approve')!.lemmyCommentId).toBe(later.comment.id);
    // The same document `threadmod export` writes, Lemmy requests included.
    expect(file.decisions.find((d) => d.action === 'remove')!.lemmy?.[0]?.path).toBe('/api/v3/comment/remove');
    keys('q');
    expect(await exitOf()).toBe(0);
  }, 240_000);
});
