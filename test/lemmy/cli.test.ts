/**
 * `threadmod fetch` and `apply` as a user runs them: a real process, real
 * argv and exit codes, stdout and stderr apart, killed mid-run where the
 * test needs a crash. All traffic goes to the stand-in on 127.0.0.1.
 */
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { run, start, TOKEN } from './process.js';
import { afterEach, describe, expect, it } from 'vitest';
import { LemmyStandin, listen } from '../support/lemmy-standin.js';
import { expectOneLineError } from '../support/run-cli.js';
import { writeDecisions } from './decisions-fixture.js';
import { tempDir } from './helpers.js';
import { grownThread } from './thread-fixture.js';

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all(closers.splice(0).map((close) => close()));
});

async function standin(api: 'v3' | 'v4', extra = 40): Promise<LemmyStandin> {
  const thread = grownThread(api, extra);
  const server = await LemmyStandin.start({ api, post: thread.post, comments: thread.views, token: TOKEN });
  closers.push(() => server.close());
  return server;
}

describe('threadmod fetch (process)', { timeout: 300_000 }, () => {
  it('writes <host>-post-<id>.json in the working directory and prints its path', async () => {
    const server = await standin('v3', 80);
    const cwd = tempDir('cli-fetch');
    const result = await run(['fetch', `${server.url}/post/180`], cwd);
    expect(result).toMatchObject({ code: 0, stdout: '127.0.0.1-post-180.json\n', stderr: '' });
    expect(JSON.parse(readFileSync(path.join(cwd, '127.0.0.1-post-180.json'), 'utf8')).comments).toHaveLength(81);
  });

  it('fails in one line with exit code 2 on a bad URL, a missing post and a server that is not Lemmy', async () => {
    const server = await standin('v4');
    const other = await listen((_req, res) =>
      res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html>hello</html>'),
    );
    closers.push(other.close);
    const cwd = tempDir('cli-errors');
    const [bad, missing, notLemmy] = await Promise.all([
      run(['fetch', 'https://lemmy.world/u/someone'], cwd),
      run(['fetch', '--instance', server.url, '--post', '4040'], cwd),
      run(['fetch', `${other.url}/post/1`], cwd),
    ]);
    expectOneLineError(bad, /^threadmod: not a Lemmy post URL: https:\/\/lemmy\.world\/u\/someone/);
    expectOneLineError(missing, /^threadmod: post 4040 not found on http:\/\/127\.0\.0\.1:\d+ \(not_found\)$/);
    expectOneLineError(notLemmy, /does not look like a Lemmy instance/);
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe('threadmod apply (process)', { timeout: 300_000 }, () => {
  async function prepared(api: 'v3' | 'v4') {
    const server = await standin(api);
    const cwd = tempDir('cli-apply');
    expect((await run(['fetch', `${server.url}/post/180`, '--out', 'thread.json'], cwd)).code).toBe(0);
    writeDecisions(
      path.join(cwd, 'thread.json'),
      [
        { commentId: '1001', action: 'remove', reason: 'Rule 1.' },
        { commentId: '1002', action: 'ban', reason: 'Rule 1 again.', banDays: 3 },
        { commentId: '1003', action: 'approve', reason: 'ok' },
        { commentId: '1007', action: 'remove', reason: 'Rule 3.' },
      ],
      path.join(cwd, 'decisions.json'),
    );
    server.received.length = 0;
    return { server, cwd };
  }

  it('survives being killed mid-request: the re-run sends each request exactly once', async () => {
    const { server, cwd } = await prepared('v3');
    const args = ['apply', 'decisions.json', '--instance', server.url];
    const first = start(args, cwd, { LEMMY_JWT: TOKEN });
    // On the third request the process is killed; the instance never gets to act on it.
    server.onRequest = (r) => {
      if (r.method === 'POST' && server.received.filter((x) => x.method === 'POST').length === 3) {
        server.fail((x) => x === r, { kind: 'hang' });
        first.child.kill('SIGKILL');
      }
    };
    const killed = await first.done;
    expect(killed.signal).toBe('SIGKILL');
    expect(server.applied).toHaveLength(2);

    server.onRequest = null;
    const rerun = await run(args, cwd, { LEMMY_JWT: TOKEN });
    expect(rerun.code).toBe(0);
    expect(rerun.stdout.trimEnd().split('\n').at(-1)).toBe(
      '3 applied, 1 skipped (1 already applied, 0 nothing to send), 0 failed; 3 requests sent',
    );
    const sent = server.applied.map((r) => `${r.path} ${JSON.stringify(r.body)}`);
    expect(sent).toHaveLength(5);
    expect(new Set(sent).size).toBe(5);
    expect(readFileSync(path.join(cwd, 'decisions.json.applied.jsonl'), 'utf8').trimEnd().split('\n')).toHaveLength(5);
  });

  it('never shows the token: not in output, errors, the applied record or the dump', async () => {
    const { server, cwd } = await prepared('v4');
    const withToken = { LEMMY_JWT: TOKEN, THREADMOD_DEBUG: '1' };
    const tokenFile = path.join(cwd, 'token');
    writeFileSync(tokenFile, `${TOKEN}\n`);
    const spaced = path.join(cwd, 'spaced-token');
    writeFileSync(spaced, `Bearer ${TOKEN}\n`);

    const results = await Promise.all([
      run(['fetch', `${server.url}/post/180`, '--auth', '--out', 'authed.json'], cwd, withToken),
      run(['apply', 'decisions.json', '--instance', server.url, '--dry-run'], cwd, withToken),
      run(['apply', 'decisions.json', '--instance', server.url, `--token=${TOKEN}`], cwd),
      run(['apply', 'decisions.json', '--instance', server.url, '--token-file', spaced], cwd),
      run(['apply', 'decisions.json', '--instance', server.url], cwd, { LEMMY_JWT: `${TOKEN}x`, THREADMOD_DEBUG: '1' }),
    ]);
    // Last, so that the failed login above cannot interleave with the successful run.
    results.push(
      await run(['apply', 'decisions.json', '--instance', server.url, '--token-file', tokenFile], cwd, {
        THREADMOD_DEBUG: '1',
      }),
    );
    expect(results.map((r) => r.code)).toEqual([0, 0, 2, 2, 2, 0]);
    expect(results[2]!.stderr).toMatch(/--token is not accepted/);
    expect(results[3]!.stderr).toMatch(/does not hold a single token/);
    expect(results[4]!.stderr).toMatch(/stopped: POST .*: HTTP 401 \(incorrect_login\)/);
    for (const r of results) {
      expect(r.stdout).not.toContain(TOKEN);
      expect(r.stderr).not.toContain(TOKEN);
    }
    // The token did its work: sent as a Bearer header with --auth and apply, never with --dry-run.
    const authed = server.received.filter((r) => r.headers.authorization === `Bearer ${TOKEN}`);
    expect(authed.some((r) => r.path === '/api/v4/post')).toBe(true);
    expect(server.applied).toHaveLength(5);
    for (const file of ['authed.json', 'decisions.json.applied.jsonl', 'decisions.json']) {
      expect(existsSync(path.join(cwd, file))).toBe(true);
      expect(readFileSync(path.join(cwd, file), 'utf8')).not.toContain(TOKEN);
    }
  });
});
