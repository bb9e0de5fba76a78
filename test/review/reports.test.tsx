/**
 * A community dump fetched with `--reports` in the review: members' reports
 * beside the model's flags, reported-and-flagged first, `/reported`, the
 * post each comment is in, and the member's record (journal and modlog).
 */
import { describe, expect, it } from 'vitest';
import { readJournal } from '../../src/decisions/journal.js';
import { createLexiconScorer } from '../../src/flag/lexicon/index.js';
import { TROLL } from '../lemmy/community-fixture.js';
import { communityDump } from './support/community.js';
import { frame, press, waitFor } from './support/press.js';
import { dumpSession } from './support/seed.js';
import { mount } from './support/session.js';

describe('reports and the member record in the review', () => {
  it('queues reported comments with the model flags, reported-and-flagged first, and shows who the author is here', async () => {
    const dumpFile = communityDump();
    const session = await dumpSession(dumpFile, { makeScorer: async () => createLexiconScorer() });
    const { app } = await mount({ ...session, size: { columns: 110, rows: 34 } });
    await waitFor(app, (s) => /Queue · \d+ flagged/.test(s) && !/scoring/.test(s));

    const queue = frame(app).split('\n');
    const rows = queue.filter((l) => /^\s*▸?\s+.*\sd\d/.test(l));
    // The two reported comments come first, each also flagged by the model (its rules, then "reported"), with the post they are in.
    expect(rows[0]).toMatch(/Rule 3, .*reported .*@standin_user203 .*#300/);
    expect(rows[1]).toMatch(/Rule 3, .*reported .*@standin_user203 .*#301/);
    expect(rows.slice(2).some((l) => l.includes('reported'))).toBe(false);

    const context = frame(app);
    expect(context).toContain('in “Weekly thread 300: what are you listening to?”');
    expect(context).toContain('reported by 2: "personal attack on me" (@standin_user300), "insults another member"');
    // The troll wrote 10003, 10103, 10203 and 10209; all four insult someone, two are reported.
    expect(context).toContain('record: 4 comments here · 4 flagged · 2 reported · modlog: 1 removal, 1 ban');

    await press(app, '/', ...'reported', 'enter');
    expect(frame(app)).toMatch(/filter "reported": 2 of \d+/);

    await press(app, 'm');
    const member = frame(app);
    expect(member).toContain('modlog 2026-05-01 comment removed: Rule 3: no personal attacks');
    expect(member).toContain('modlog 2026-05-01 banned until 2026-05-04: Repeated attacks');
    for (const id of ['10003', '10103', '10203', '10209'])
      expect(member).toMatch(new RegExp(`⚑.? ${id}: You are an idiot`));
    await press(app, 'escape');
    expect(frame(app)).toContain('record: 4 comments here');

    await press(app, 'r', 'enter');
    await waitFor(app, /record: 4 comments here · 4 flagged · 2 reported · you: 1 removed/);
    const [decision] = [...(await readJournal(session.journalFile)).state.active.values()];
    expect(decision).toMatchObject({ commentId: '10003', action: 'remove' });
    expect(session.moderation.modlog.every((m) => m.lemmyPersonId === TROLL)).toBe(true);
  });
});
