/**
 * The backend on real data other than the seed: a Lemmy API dump (named
 * authors, Lemmy ids), and the helpers that shape what the review gets.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJournal } from '../../src/decisions/journal.js';
import { runExport } from '../../src/cli/commands/export.js';
import { createLexiconScorer } from '../../src/flag/lexicon/index.js';
import { reviewThread, yielding } from '../../src/review/backend.js';
import { DecisionsFile } from '../../src/decisions/schema.js';
import { sha256Text } from '../../src/io/sha256.js';
import { LEMMY_JSON } from '../support/shared.js';
import { THREAD, tempDir } from './support/fixture.js';
import { frame, press, waitFor } from './support/press.js';
import { dumpSession } from './support/seed.js';
import { mount } from './support/session.js';

/** A plain removal of one comment, as the review would journal it. */
const removal = (commentId: string) => ({
  commentId,
  action: 'remove' as const,
  ruleId: null,
  reason: 'no',
  evidence: [],
  scores: null,
});

describe('review backend', () => {
  it('reviews every post of a multi-post dump as one thread, under the first post', () => {
    const second = {
      ...THREAD,
      post: { ...THREAD.post, title: 'Second' },
      comments: THREAD.comments.map((c) => ({
        ...c,
        id: `x${c.id}`,
        path: c.path.map((p) => `x${p}`),
        parentId: c.parentId && `x${c.parentId}`,
      })),
    };
    const merged = reviewThread({ format: 'lemmy-json', posts: [THREAD, second] });
    expect(merged.post.title).toBe(THREAD.post.title);
    expect(merged.comments).toHaveLength(THREAD.comments.length * 2);
    expect(reviewThread({ format: 'lemmy-json', posts: [THREAD] })).toBe(THREAD);
  });

  it('x writes the export beside the dump, built in memory from the session', async () => {
    const dir = tempDir();
    const dumpFile = path.join(dir, 'comments.json');
    copyFileSync(LEMMY_JSON('lemmykit_getCommentsResponseV3.json'), dumpFile);
    const { backend, thread, exportFile } = await dumpSession(dumpFile);
    expect(exportFile).toBe(path.join(dir, 'comments.json.decisions.json'));
    const events = { onStatus: () => {}, onWarning: () => {}, onFlag: () => {}, onProgress: () => {} };
    const { journal } = await backend.start(events);
    await backend.scan(events);
    const comment = thread.comments[0]!;
    await journal.decide(removal(comment.id));
    // The dump on disk no longer parses: an export that re-read it would fail.
    writeFileSync(dumpFile, '{ not json');
    try {
      expect(await backend.exportDecisions()).toEqual({ file: exportFile, count: 1 });
    } finally {
      await backend.close();
    }
    const file = DecisionsFile.parse(JSON.parse(readFileSync(exportFile, 'utf8')));
    expect(file.decisions.map((d) => [d.commentId, d.action, d.lemmyCommentId])).toEqual([
      [comment.id, 'remove', comment.lemmy!.commentId],
    ]);
    expect(file.source.sha256).toBe(sha256Text(readFileSync(LEMMY_JSON('lemmykit_getCommentsResponseV3.json'))));
    expect(file.instance).toBeNull();
  });

  it('x and `threadmod export` write the same document, Lemmy requests included', async () => {
    const dir = tempDir();
    const dumpFile = path.join(dir, 'comments.json');
    copyFileSync(LEMMY_JSON('lemmykit_getCommentsResponseV3.json'), dumpFile);
    const { backend, thread, exportFile } = await dumpSession(dumpFile);
    const events = { onStatus: () => {}, onWarning: () => {}, onFlag: () => {}, onProgress: () => {} };
    const { journal } = await backend.start(events);
    const comment = thread.comments[0]!;
    await journal.decide(removal(comment.id));
    try {
      await backend.exportDecisions();
    } finally {
      await backend.close();
    }
    const fromX = readFileSync(exportFile, 'utf8');
    expect(DecisionsFile.parse(JSON.parse(fromX)).decisions[0]!.lemmy?.[0]?.path).toBe('/api/v3/comment/remove');
    const io = { out: '', stdout: { write: (t: string) => (io.out += t) }, stderr: { write: () => true } };
    await runExport(dumpFile, {}, io);
    expect(io.out).toBe(fromX);
  });

  it('the yielding scorer scores exactly as the scorer, letting the event loop turn first', async () => {
    const lexicon = createLexiconScorer();
    let turned = false;
    setImmediate(() => (turned = true));
    const sentences = ['You are an idiot.', 'Nice weather today.'];
    const scored = await yielding(lexicon).score(sentences);
    expect(turned).toBe(true);
    expect(scored).toEqual(await lexicon.score(sentences));
  });

  it('bans a named author from a Lemmy API dump, permanently when no days are given', async () => {
    const dir = tempDir();
    const dumpFile = path.join(dir, 'comments.json');
    copyFileSync(LEMMY_JSON('lemmykit_getCommentsResponseV3.json'), dumpFile);
    const { backend, thread, rules, journalFile } = await dumpSession(dumpFile, {
      makeScorer: async () => createLexiconScorer(),
    });
    const { app } = await mount({ thread, rules, backend, dumpFile, journalFile });
    await waitFor(app, (s) => /Queue · \d+ flagged/.test(s) && !/scoring/.test(s));
    const author = thread.comments[0]!.author!;
    await press(app, 't', 'g', 'b');
    expect(frame(app)).toContain(`Ban @${author.name}@${author.instance} from !music@test1.lemmy.ddenis.info?`);
    await press(app, 'enter');
    await waitFor(app, new RegExp(`banned @${author.name}@\\S+ permanently`));
    const [decision] = [...(await readJournal(journalFile)).state.active.values()];
    expect(decision).toMatchObject({ commentId: thread.comments[0]!.id, action: 'ban', banDays: null });
  });
});
