/**
 * The moderator's day in a real terminal (tmux 100x30), against the loopback
 * Lemmy stand-in: fetch a community with its open reports, review it, remove
 * the reported comment at the top of the queue, export with `x`, quit,
 * `apply`; then the stand-in has the comment removed and both of its reports
 * resolved, and nothing else touched.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LemmyStandin } from '../support/lemmy-standin.js';
import { COMMUNITY, TROLL, communityStandin, grownCommunity } from '../lemmy/community-fixture.js';
import { TOKEN } from '../lemmy/process.js';
import { tempDir } from './support/fixture.js';
import { RUN_E2E, tmuxTerminal } from './support/tmux.js';

const terminal = tmuxTerminal('e2e-community');
const { command, start, screen, waitForScreen, keys, exitOf } = terminal;

let dir: string;
let server: LemmyStandin;

// Without tmux (and outside CI) the tests are reported as skipped; CI installs tmux and must run them.
describe.skipIf(!RUN_E2E)("a moderator's day in a real terminal: fetch, review, apply", () => {
  beforeAll(async () => {
    dir = tempDir('threadmod-e2e-community-');
    const c = grownCommunity('v4', 3, { reasons: ['attacks me personally', 'insult', 'rule 3'] });
    server = await communityStandin('v4', c, TOKEN);
  });
  afterAll(async () => {
    terminal.close();
    await server?.close();
  });

  it('removes a reported comment in the review and apply resolves its reports on the instance', async () => {
    const dump = path.join(dir, 'music.json');
    start(
      'fetch',
      command(['fetch', `${server.url}/c/${COMMUNITY}`, '--reports', '--out', dump], { LEMMY_JWT: TOKEN }),
    );
    expect(await exitOf(120_000)).toBe(0);

    start('review', command(['review', dump, '--scorer', 'lexicon', '--moderator', 'e2e']));
    // Reported-and-flagged first: the troll's comment with two reports, its post's title and the reporters' words.
    await waitForScreen(/^▸ .*@standin_user203/m, 120_000);
    await waitForScreen(/attacks me personally/);
    expect(screen()).toMatch(/Weekly thread 300/);

    keys('r');
    await waitForScreen(new RegExp(`^Remove @standin_user${TROLL}\\S*'s comment`, 'm'));
    keys('C-u');
    keys('-l', 'Removed: personal attack. Rule 3.');
    keys('Enter');
    await waitForScreen(/^. ✗ removed .*@standin_user203/m);

    keys('x');
    const exported = await waitForScreen(/exported 1 decisions? to (\S+)/);
    const file = /exported 1 decisions? to (\S+)/.exec(exported)![1]!;
    keys('q');
    expect(await exitOf()).toBe(0);

    expect(server.comment(10_003)!.comment.removed).not.toBe(true);
    start('apply', command(['apply', file, '--instance', server.url], { LEMMY_JWT: TOKEN }));
    const code = await exitOf(120_000);
    expect(code, screen(true)).toBe(0);
    expect(screen(true)).toMatch(/1 applied.*2 reports resolved/s);

    // On the instance: the comment removed with the moderator's reason, its two reports resolved, the other open.
    expect(server.comment(10_003)!.comment.removed).toBe(true);
    const removal = server.applied.find((r) => r.path.endsWith('/comment/remove'));
    expect(removal?.body).toMatchObject({
      comment_id: 10_003,
      removed: true,
      reason: 'Removed: personal attack. Rule 3.',
    });
    const resolved = server.reports.filter((r) => r.comment_report?.resolved === true);
    expect(resolved.map((r) => r.comment_report.comment_id)).toEqual([10_003, 10_003]);
    expect(server.reports.filter((r) => r.comment_report?.comment_id === 10_103)[0]?.comment_report.resolved).not.toBe(
      true,
    );
  }, 420_000);
});
