/**
 * Reports from fetch to apply, as processes: `fetch <community> --reports`,
 * `scan --json` listing report flags, and `apply` resolving the reports of
 * the comments it removes or approves, exactly once across a kill -9.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Api } from '../support/lemmy-standin.js';
import { COMMUNITY, communityStandin, grownCommunity } from './community-fixture.js';
import { writeDecisions } from './decisions-fixture.js';
import { tempDir } from './helpers.js';
import { run, start, TOKEN } from './process.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function fetched(api: Api) {
  const c = grownCommunity(api, 3, { reasons: ['attacks me \u001b[2Jpersonally', 'insult', 'rule 3'] });
  const server = await communityStandin(api, c, TOKEN);
  closers.push(() => server.close());
  const cwd = tempDir(`reports-${api}`);
  const result = await run(['fetch', `${server.url}/c/${COMMUNITY}`, '--reports', '--out', 'c.json'], cwd, {
    LEMMY_JWT: TOKEN,
  });
  expect(result).toMatchObject({ code: 0, stdout: 'c.json\n', stderr: '' });
  return { server, cwd, dump: path.join(cwd, 'c.json') };
}

describe('reports, fetch to apply (process)', { timeout: 120_000 }, () => {
  it('scan --json lists each reported comment as a report flag, reported-and-flagged first', async () => {
    const { cwd } = await fetched('v4');
    const scan = await run(['scan', 'c.json', '--json', '--scorer', 'lexicon'], cwd);
    expect(scan.code).toBe(0);
    const { flags } = JSON.parse(scan.stdout) as { flags: Record<string, any>[] };
    const reports = flags.filter((f) => f.source === 'report');
    expect(reports.map((f) => [f.commentId, f.reporters, f.reports.length])).toEqual([
      ['10003', 2, 2],
      ['10103', 1, 1],
    ]);
    expect(reports[0]!.reports[0]).toMatchObject({ reportId: 1, reporter: { name: 'standin_user300' } });
    expect(reports[0]!.author).toMatchObject({ name: 'standin_user203' });
    expect(flags.filter((f) => f.source === 'model').every((f) => typeof f.severity === 'number')).toBe(true);
    // The troll's comments are both reported and flagged by the model.
    expect(reports.map((f) => f.flagged)).toEqual([true, true]);
    const modelFlagged = new Set(flags.filter((f) => f.source === 'model').map((f) => f.commentId));
    expect(reports.map((f) => f.flagged)).toEqual(reports.map((f) => modelFlagged.has(f.commentId)));

    const table = await run(['scan', 'c.json', '--scorer', 'lexicon'], cwd);
    expect(table.stdout).toContain('Reported by members (2 comments):');
    // A reporter's words are shown, never obeyed.
    expect(table.stdout).not.toContain('\u001b[2J');
    expect(table.stdout).toContain('@standin_user300: "attacks me');
  });

  for (const api of ['v3', 'v4'] as const) {
    it(`${api}: apply resolves the reports of removed and approved comments exactly once, across a kill -9`, async () => {
      const { server, cwd, dump } = await fetched(api);
      writeDecisions(
        dump,
        [
          { commentId: '10003', action: 'remove', reason: 'Rule 3.' },
          { commentId: '10103', action: 'approve', reason: 'fine' },
          { commentId: '10001', action: 'remove', reason: 'Rule 1.' },
        ],
        path.join(cwd, 'decisions.json'),
      );
      const args = ['apply', 'decisions.json', '--instance', server.url];

      const dry = await run([...args, '--dry-run'], cwd);
      expect(dry.code).toBe(0);
      const puts = dry.stdout.split('\n').filter((l) => l.includes('PUT '));
      expect(puts).toEqual([
        `would send: PUT ${server.url}/api/${api}/comment/report/resolve {"report_id":1,"resolved":true}  (comment 10003, remove)`,
        `would send: PUT ${server.url}/api/${api}/comment/report/resolve {"report_id":2,"resolved":true}  (comment 10003, remove)`,
        `would send: PUT ${server.url}/api/${api}/comment/report/resolve {"report_id":3,"resolved":true}  (comment 10103, approve)`,
      ]);
      expect(dry.stdout.trimEnd().split('\n').at(-1)).toBe(
        'dry run: 3 decisions would be applied, 0 skipped (0 already applied, 0 nothing to send); 3 reports would be resolved; nothing was sent',
      );

      server.received.length = 0;
      const first = start(args, cwd, { LEMMY_JWT: TOKEN });
      // Killed as the second resolution arrives; the instance never gets to act on it.
      server.onRequest = (r) => {
        if (r.method === 'PUT' && server.received.filter((x) => x.method === 'PUT').length === 2) {
          server.fail((x) => x === r, { kind: 'hang' });
          first.child.kill('SIGKILL');
        }
      };
      expect((await first.done).signal).toBe('SIGKILL');
      expect(server.reports.filter((r) => r.comment_report?.resolved === true)).toHaveLength(1);

      server.onRequest = null;
      const rerun = await run(args, cwd, { LEMMY_JWT: TOKEN });
      expect(rerun.code).toBe(0);
      expect(rerun.stdout.trimEnd().split('\n').at(-1)).toBe(
        '2 applied, 1 skipped (1 already applied, 0 nothing to send), 0 failed; 2 requests sent; 2 reports resolved (1 already resolved)',
      );
      const resolved = server.received.filter((r) => r.method === 'PUT' && r.status === 200);
      expect(resolved.map((r) => (r.body as { report_id: number }).report_id)).toEqual([1, 2, 3]);
      expect(server.reports.filter((r) => r.comment_report?.resolved === true)).toHaveLength(3);
      expect(server.comment(10_003)!.comment.removed).toBe(true);
      expect(server.comment(10_001)!.comment.removed).toBe(true);

      const again = await run(args, cwd, { LEMMY_JWT: TOKEN });
      expect(again.stdout.trimEnd().split('\n').at(-1)).toBe(
        '0 applied, 3 skipped (3 already applied, 0 nothing to send), 0 failed; 0 requests sent; 0 reports resolved (3 already resolved)',
      );
      const record = readFileSync(path.join(cwd, 'decisions.json.applied.jsonl'), 'utf8').trimEnd().split('\n');
      expect(record.filter((l) => l.includes('"PUT"'))).toHaveLength(3);
    });
  }
});
