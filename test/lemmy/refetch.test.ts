/**
 * `fetch --force` over a dump that has a decisions journal: the new dump
 * (a new `fetchedAt`, one more comment) leaves the decisions standing, and
 * fetch says so; review and export then carry them over by comment.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runFetch } from '../../src/cli/commands/fetch.js';
import { identify } from '../../src/decisions/comment-identity.js';
import { exportDecisions } from '../../src/decisions/export.js';
import { Journal, defaultJournalPath, sha256File } from '../../src/decisions/journal.js';
import { loadDump } from '../../src/parse/index.js';
import { LemmyStandin } from '../support/lemmy-standin.js';
import { decision, journalOptions } from '../decisions/sample.js';
import { capture, instantDeps, tempDir } from './helpers.js';
import { grownThread } from './thread-fixture.js';

const running: LemmyStandin[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

async function fetch(server: LemmyStandin, cwd: string, force = false) {
  const io = capture();
  const { deps, policy } = instantDeps();
  await runFetch(
    `${server.url}/post/180`,
    { out: 'thread.json', force },
    { stdout: io.stdout, stderr: io.stderr, env: {}, cwd, deps, policy },
  );
  return io.err();
}

describe('fetch --force over a reviewed dump', () => {
  it('says what happens to the journal, and the export keeps the decisions with the new comment beside them', async () => {
    const thread = grownThread('v3', 10);
    const server = await LemmyStandin.start({ api: 'v3', post: thread.post, comments: thread.views.slice(0, -1) });
    running.push(server);
    const cwd = tempDir('refetch');
    const dumpFile = path.join(cwd, 'thread.json');
    expect(await fetch(server, cwd)).toBe('');

    const { dump } = await loadDump(dumpFile);
    const ref = { file: dumpFile, sha256: await sha256File(dumpFile), format: 'lemmy-json' as const };
    const { journal } = await Journal.open(
      journalOptions(defaultJournalPath(dumpFile), { dump: ref, identities: identify(dump) }),
    );
    await journal.decide(decision('1001', 'remove'));
    await journal.decide(decision('1003', 'approve'));
    await journal.close();
    const journalBefore = readFileSync(defaultJournalPath(dumpFile), 'utf8');

    // A comment posted since the review; the re-fetch replaces the dump.
    server.addComment(thread.views.at(-1)!);
    const said = await fetch(server, cwd, true);
    expect(said).toBe(
      `threadmod: ${defaultJournalPath(dumpFile)}: ${dumpFile} changed since the last review; 2 decisions carried over; 1 new comment; ` +
        'the next review or export carries them over (the journal is unchanged until a review opens it)\n',
    );
    expect(readFileSync(defaultJournalPath(dumpFile), 'utf8')).toBe(journalBefore);

    const { file } = await exportDecisions({ dump: dumpFile });
    expect(file.decisions.map((d) => [d.commentId, d.action])).toEqual([
      ['1001', 'remove'],
      ['1003', 'approve'],
    ]);
    expect(file.dropped).toEqual([]);
  });
});
