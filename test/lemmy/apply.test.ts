import { appendFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runApply } from '../../src/cli/commands/apply.js';
import { runFetch } from '../../src/cli/commands/fetch.js';
import { UserError } from '../../src/errors.js';
import { requestKey } from '../../src/lemmy-api/outgoing.js';
import { AppliedLine, AppliedRecord } from '../../src/lemmy/applied-record.js';
import { LemmyStandin, type Api, type Received } from '../support/lemmy-standin.js';
import { writeDecisions, type PlannedDecision } from './decisions-fixture.js';
import { capture, instantDeps, NOW, tempDir } from './helpers.js';
import { grownThread } from './thread-fixture.js';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.c3RhbmQtaW4tbW9kZXJhdG9y.c2lnbmF0dXJl';

const running: LemmyStandin[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

/**
 * The moderator's session: 1001 removed, 1002 banned for 7 days, 1003 (shown
 * removed in the dump) approved, 1004 approved, 1005 skipped, 1006 warned.
 */
const SESSION: PlannedDecision[] = [
  { commentId: '1001', action: 'remove', reason: 'Rule 1: no personal attacks.' },
  { commentId: '1002', action: 'ban', reason: 'Rule 1, repeated.', banDays: 7 },
  { commentId: '1003', action: 'approve', reason: 'Fine on a second look.' },
  { commentId: '1004', action: 'approve', reason: '' },
  { commentId: '1005', action: 'skip', reason: '' },
  { commentId: '1006', action: 'warn', reason: 'Rule 2.', message: 'Please keep it civil.' },
];

interface Setup {
  readonly server: LemmyStandin;
  readonly dir: string;
  readonly decisions: string;
  readonly record: string;
}

/** A stand-in with a 40-comment thread, the thread fetched from it, and the session's decisions exported. */
async function setup(api: Api): Promise<Setup> {
  const thread = grownThread(api, 40);
  const server = await LemmyStandin.start({ api, post: thread.post, comments: thread.views, token: TOKEN });
  running.push(server);
  const dir = tempDir('apply');
  await runFetch(
    `${server.url}/post/180`,
    { out: 'thread.json' },
    { ...capture(), env: {}, cwd: dir, ...instantDeps() },
  );
  const decisions = path.join(dir, 'decisions.json');
  writeDecisions(path.join(dir, 'thread.json'), SESSION, decisions);
  server.received.length = 0;
  return { server, dir, decisions, record: `${decisions}.applied.jsonl` };
}

/** When `apply` runs: a week after the decisions were made (at NOW). */
const APPLIED_AT = new Date(NOW + 7 * 86_400_000);

async function apply(
  s: Setup,
  options: Record<string, unknown> = {},
  extra: { env?: NodeJS.ProcessEnv; signal?: AbortSignal } = {},
) {
  const io = capture();
  let error: UserError | null = null;
  try {
    await runApply(
      s.decisions,
      { instance: s.server.url, ...options },
      {
        stdout: io.stdout,
        stderr: io.stderr,
        env: extra.env ?? { LEMMY_JWT: TOKEN },
        ...instantDeps(),
        signal: extra.signal,
        now: () => APPLIED_AT,
      },
    );
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    error = e;
  }
  return { error, out: io.out(), err: io.err() };
}

const posts = (server: LemmyStandin) => server.received.filter((r) => r.method === 'POST');
const summary = (r: Received) => `${r.path} ${JSON.stringify(r.body)}`;

function recordLines(file: string): AppliedLine[] {
  return readFileSync(file, 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => AppliedLine.parse(JSON.parse(l)));
}

describe('threadmod apply', () => {
  it('sends the remove, ban and restore requests of the decisions, with the login, once each; a 7-day ban lasts 7 days from when it is sent', async () => {
    const s = await setup('v3');
    const banned = s.server.comment(1002)!.creator.id as number;
    const { error, out } = await apply(s);

    expect(error).toBeNull();
    expect(posts(s.server).map(summary)).toEqual([
      '/api/v3/comment/remove {"comment_id":1001,"removed":true,"reason":"Rule 1: no personal attacks."}',
      '/api/v3/comment/remove {"comment_id":1002,"removed":true,"reason":"Rule 1, repeated."}',
      `/api/v3/community/ban_user {"community_id":29,"person_id":${banned},"ban":true,"reason":"Rule 1, repeated.","expires":${APPLIED_AT.getTime() / 1000 + 7 * 86_400}}`,
      '/api/v3/comment/remove {"comment_id":1003,"removed":false,"reason":"Fine on a second look."}',
    ]);
    for (const r of posts(s.server)) {
      expect(r.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(r.headers['content-type']).toBe('application/json');
      expect(r.status).toBe(200);
    }
    expect(s.server.comment(1001)!.comment.removed).toBe(true);
    expect(s.server.comment(1003)!.comment.removed).toBe(false);
    expect(out).toContain('applied       comment 1002 ban (2 requests)');
    expect(out).toContain('skipped       comment 1004 approve: nothing to send');
    expect(out).toContain(
      'skipped       comment 1006 warn: nothing sent: the warning reply is posted only with --send-warnings',
    );
    expect(out.trimEnd().split('\n').at(-1)).toBe(
      '3 applied, 3 skipped (0 already applied, 3 nothing to send), 0 failed; 4 requests sent',
    );
    expect(recordLines(s.record).map((l) => [l.commentId, l.path, l.status])).toEqual([
      ['1001', '/api/v3/comment/remove', 200],
      ['1002', '/api/v3/comment/remove', 200],
      ['1002', '/api/v3/community/ban_user', 200],
      ['1003', '/api/v3/comment/remove', 200],
    ]);

    // Nothing is sent twice.
    const again = await apply(s);
    expect(again.error).toBeNull();
    expect(posts(s.server)).toHaveLength(4);
    expect(again.out.trimEnd().split('\n').at(-1)).toBe(
      '0 applied, 6 skipped (3 already applied, 3 nothing to send), 0 failed; 0 requests sent',
    );
  });

  it('uses the v4 paths on Lemmy 1.0, keeping the reason it requires', async () => {
    const s = await setup('v4');
    const { error } = await apply(s);
    expect(error).toBeNull();
    expect(posts(s.server).map((r) => r.path)).toEqual([
      '/api/v4/comment/remove',
      '/api/v4/comment/remove',
      '/api/v4/community/ban_user',
      '/api/v4/comment/remove',
    ]);
    expect(posts(s.server).every((r) => typeof (r.body as { reason?: unknown }).reason === 'string')).toBe(true);
    expect(s.server.applied).toHaveLength(4);
    // The record keys the requests as written in the file, so a v3 and a v4 run agree on what is done.
    const file = JSON.parse(readFileSync(s.decisions, 'utf8'));
    const keys = file.decisions
      .flatMap((d: { lemmy?: unknown[] }) => d.lemmy ?? [])
      .slice(0, 4)
      .map(requestKey);
    expect(recordLines(s.record).map((l) => l.key)).toEqual(keys);
  });

  it('picks up after an interruption and sends every request exactly once', async () => {
    const s = await setup('v3');
    const controller = new AbortController();
    // The run dies while the third request is on its way; the instance never acts on it.
    s.server.onRequest = (r) => {
      if (r.method === 'POST' && posts(s.server).length === 3) {
        s.server.fail((x) => x === r, { kind: 'drop' });
        controller.abort();
      }
    };
    const first = await apply(s, {}, { signal: controller.signal });
    expect(first.error?.message).toBe('interrupted; run apply again to go on (nothing is sent twice)');
    expect(first.error?.exitCode).toBe(130);
    expect(first.out).toContain('not-attempted comment 1002 ban: the run was interrupted');
    expect(s.server.applied).toHaveLength(2);
    expect(recordLines(s.record)).toHaveLength(2);

    s.server.onRequest = null;
    const second = await apply(s);
    expect(second.error).toBeNull();
    expect(posts(s.server)).toHaveLength(5);
    const bodies = s.server.applied.map(summary);
    expect(bodies).toHaveLength(4);
    expect(new Set(bodies).size).toBe(4);
    expect(recordLines(s.record)).toHaveLength(4);
    expect(second.out.trimEnd().split('\n').at(-1)).toBe(
      '2 applied, 4 skipped (1 already applied, 3 nothing to send), 0 failed; 2 requests sent',
    );
  });

  it('goes on after a refused decision, reports it and exits non-zero', async () => {
    const s = await setup('v3');
    const file = JSON.parse(readFileSync(s.decisions, 'utf8'));
    file.decisions[0].lemmy[0].body.comment_id = 424242; // a comment the instance does not have
    writeFileSync(s.decisions, JSON.stringify(file));
    const { error, out } = await apply(s);

    expect(error?.message).toBe('1 of 6 decisions failed; run apply again after fixing the cause');
    expect(error?.exitCode).toBe(1);
    expect(out).toContain(
      `failed        comment 1001 remove: POST ${s.server.url}/api/v3/comment/remove: HTTP 400 (couldnt_find_comment)`,
    );
    expect(s.server.applied).toHaveLength(3);
    expect(out.trimEnd().split('\n').at(-1)).toBe(
      '2 applied, 3 skipped (0 already applied, 3 nothing to send), 1 failed; 3 requests sent',
    );
  });

  it.each([
    ['v3', 'HTTP 400 (incorrect_login)'],
    ['v4', 'HTTP 401 (incorrect_login)'],
  ] as const)('stops at the first authentication failure (%s)', async (api, detail) => {
    const s = await setup(api);
    const { error, out } = await apply(s, {}, { env: { LEMMY_JWT: 'expired.jwt.value' } });
    expect(posts(s.server)).toHaveLength(1);
    expect(s.server.applied).toHaveLength(0);
    expect(error?.message).toBe(
      `stopped: POST ${s.server.url}/api/${api}/comment/remove: ${detail} (check LEMMY_JWT or --token-file: the login must moderate this community); run apply again to go on`,
    );
    expect(out.trimEnd().split('\n').at(-1)).toBe(
      '0 applied, 0 skipped (0 already applied, 0 nothing to send), 1 failed, 5 not attempted; 0 requests sent',
    );
    expect(existsSync(s.record)).toBe(false);
  });

  it('retries a 502 on a moderation request and records it once', async () => {
    const s = await setup('v3');
    s.server.fail((r) => r.method === 'POST', { kind: 'status', status: 502 });
    const { error } = await apply(s);
    expect(error).toBeNull();
    expect(posts(s.server).map((r) => r.status)).toEqual([502, 200, 200, 200, 200]);
    expect(recordLines(s.record)).toHaveLength(4);
  });

  it('posts warning replies only when asked, and never retries one that may have arrived', async () => {
    const s = await setup('v3');
    s.server.fail((r) => r.path === '/api/v3/comment', { kind: 'drop' });
    const { error, out } = await apply(s, { sendWarnings: true });
    expect(error?.message).toMatch(/^stopped: POST .*\/api\/v3\/comment: the server closed the connection/);
    expect(s.server.to('/api/v3/comment')).toHaveLength(1);
    expect(out).toContain('failed        comment 1006 warn');

    const again = await apply(s, { sendWarnings: true });
    expect(again.error).toBeNull();
    expect(s.server.to('/api/v3/comment').map((r) => r.body)).toEqual([
      { content: 'Please keep it civil.', post_id: 180, parent_id: 1006 },
      { content: 'Please keep it civil.', post_id: 180, parent_id: 1006 },
    ]);
  });

  it('--dry-run prints each request and sends and records nothing, without a token', async () => {
    const s = await setup('v4');
    const { error, out } = await apply(s, { dryRun: true }, { env: {} });
    expect(error).toBeNull();
    expect(posts(s.server)).toHaveLength(0);
    expect(existsSync(s.record)).toBe(false);
    const lines = out.trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('would send: '))).toEqual([
      `would send: POST ${s.server.url}/api/v4/comment/remove {"comment_id":1001,"removed":true,"reason":"Rule 1: no personal attacks."}  (comment 1001, remove)`,
      expect.stringMatching(/^would send: POST .*\/api\/v4\/comment\/remove \{"comment_id":1002,/),
      expect.stringMatching(/^would send: POST .*\/api\/v4\/community\/ban_user \{"community_id":29,/),
      expect.stringMatching(/^would send: POST .*\/api\/v4\/comment\/remove \{"comment_id":1003,"removed":false,/),
    ]);
    expect(lines.at(-1)).toBe(
      'dry run: 3 decisions would be applied, 3 skipped (0 already applied, 3 nothing to send); nothing was sent',
    );
  });

  it('--dry-run needs no network: the API version comes from the dump, or both are shown', async () => {
    const s = await setup('v4');
    // The instance is gone: nothing answers on its port any more.
    await s.server.close();
    const offline = await apply(s, { dryRun: true }, { env: {} });
    expect(offline.error).toBeNull();
    const lines = offline.out.trimEnd().split('\n');
    expect(lines[0]).toBe(
      `dry run: API v4, as the source dump was fetched; ban ends are counted from now (${APPLIED_AT.toISOString()}), a real run counts from when it sends`,
    );
    const sent = lines.filter((l) => l.startsWith('would send: '));
    expect(sent).toHaveLength(4);
    expect(sent.every((l) => l.includes('/api/v4/'))).toBe(true);
    expect(sent[2]).toContain(`"expires":${APPLIED_AT.getTime() / 1000 + 7 * 86_400}}`);
    expect(sent[2]).toMatch(/\(comment 1002, ban, ends 7 days after sending\)$/);

    // Without the dump, the version is not known: each request for both.
    rmSync(path.join(s.dir, 'thread.json'));
    const both = await apply(s, { dryRun: true }, { env: {} });
    expect(both.error).toBeNull();
    const bothLines = both.out.trimEnd().split('\n');
    expect(bothLines[0]).toMatch(/^dry run: the API version is not known/);
    expect(bothLines.filter((l) => l.startsWith('would send (v3): POST ') && l.includes('/api/v3/'))).toHaveLength(4);
    expect(bothLines.filter((l) => l.startsWith('would send (v4): POST ') && l.includes('/api/v4/'))).toHaveLength(4);
    expect(bothLines.at(-1)).toBe(
      'dry run: 3 decisions would be applied, 3 skipped (0 already applied, 3 nothing to send); nothing was sent',
    );
  });

  it('refuses a second apply on the same decisions file while the first holds the applied-record', async () => {
    const s = await setup('v3');
    const first = await AppliedRecord.openForWriting(s.record);
    try {
      const { error } = await apply(s);
      expect(error?.message).toMatch(/is open in another threadmod session \(threadmod apply, pid \d+/);
      expect(posts(s.server)).toHaveLength(0);
    } finally {
      await first.close();
    }
    expect((await apply(s)).error).toBeNull();
    expect(s.server.applied).toHaveLength(4);
  });

  it('ignores a record line cut short by a crash and appends after it cleanly', async () => {
    const s = await setup('v3');
    const controller = new AbortController();
    s.server.onRequest = (r) => {
      if (r.method === 'POST' && posts(s.server).length === 2) {
        s.server.fail((x) => x === r, { kind: 'drop' });
        controller.abort();
      }
    };
    await apply(s, {}, { signal: controller.signal });
    appendFileSync(s.record, '{"key":"ab12');
    s.server.onRequest = null;
    const { error } = await apply(s);
    expect(error).toBeNull();
    const text = readFileSync(s.record, 'utf8');
    expect(text.split('\n').filter((l) => l.startsWith('{"key":"ab12'))).toEqual(['{"key":"ab12']);
    expect(new Set(s.server.applied.map(summary)).size).toBe(s.server.applied.length);
    expect(s.server.applied).toHaveLength(4);
  });

  it('needs a token from the environment or a file, never from an argument', async () => {
    const s = await setup('v3');
    expect((await apply(s, {}, { env: {} })).error?.message).toBe(
      'no login token: set LEMMY_JWT or pass --token-file <file> (or use --dry-run)',
    );
    const typed = await apply(s, { token: TOKEN });
    expect(typed.error?.message).toMatch(/^--token is not accepted: a token on the command line is visible/);
    expect(typed.error?.message).not.toContain(TOKEN);
    const tokenFile = path.join(s.dir, 'jwt');
    writeFileSync(tokenFile, `${TOKEN}\n`);
    expect((await apply(s, { tokenFile }, { env: {} })).error).toBeNull();
    expect(s.server.applied).toHaveLength(4);
  });

  it('refuses an instance other than the one the dump was fetched from', async () => {
    const s = await setup('v3');
    const thread = grownThread('v3', 40);
    const other = await LemmyStandin.start({ api: 'v3', post: thread.post, comments: thread.views, token: TOKEN });
    running.push(other);
    const { error } = await apply({ ...s, server: other });
    expect(error?.message).toBe(
      `${s.decisions} was made on a dump fetched from ${s.server.url}, but --instance is ${other.url}; Lemmy ids differ between instances`,
    );
    expect(other.received).toHaveLength(0);
  });

  it('warns when a file that names no instance has ap_ids only on another one, and carries on', async () => {
    const s = await setup('v3');
    const file = JSON.parse(readFileSync(s.decisions, 'utf8'));
    delete file.instance;
    writeFileSync(s.decisions, JSON.stringify(file));
    rmSync(path.join(s.dir, 'thread.json'));
    const { error, err } = await apply(s);
    expect(error).toBeNull();
    const host = new URL(s.server.url).host;
    expect(err).toContain(`none of its comments' ap_ids is on ${host} (they are on test1.lemmy.ddenis.info)`);
    expect(s.server.applied).toHaveLength(4);
    // With the instance recorded (the usual case) nothing is said.
    const usual = await setup('v3');
    expect((await apply(usual)).err).not.toContain('ap_ids');
  });

  it('knows the instance from the decisions file itself, with the source dump gone', async () => {
    const s = await setup('v3');
    expect(JSON.parse(readFileSync(s.decisions, 'utf8')).instance).toBe(s.server.url);
    rmSync(path.join(s.dir, 'thread.json'));
    const thread = grownThread('v3', 40);
    const other = await LemmyStandin.start({ api: 'v3', post: thread.post, comments: thread.views, token: TOKEN });
    running.push(other);
    const { error } = await apply({ ...s, server: other });
    expect(error?.message).toMatch(/was made on a dump fetched from .*; Lemmy ids differ between instances$/);
    expect(other.received).toHaveLength(0);
  });
});
