/**
 * The backend on real data other than the seed: a Lemmy API dump (named
 * authors, Lemmy ids), and the helpers that shape what the review gets.
 */
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJournal } from '../../src/decisions/journal.js';
import { createLexiconScorer } from '../../src/flag/lexicon/index.js';
import { defaultExportPath, reviewThread, yielding } from '../../src/review/backend.js';
import { LEMMY_JSON } from '../support/shared.js';
import { THREAD, tempDir } from './support/fixture.js';
import { frame, press, waitFor } from './support/press.js';
import { dumpSession } from './support/seed.js';
import { mount } from './support/session.js';

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

  it('writes the export beside the dump', () => {
    expect(defaultExportPath('/a/b/t.lemmy.txt')).toBe('/a/b/t.lemmy.txt.decisions.json');
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
