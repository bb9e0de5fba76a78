import { createHash } from 'node:crypto';
import { copyFile, readFile, readdir, appendFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildExport, defaultExportPath, exportDecisions } from '../../src/decisions/export.js';
import { Journal, sha256File } from '../../src/decisions/journal.js';
import { DecisionsFile } from '../../src/decisions/schema.js';
import { replay } from '../../src/decisions/state.js';
import { UserError } from '../../src/errors.js';
import { loadDump } from '../../src/parse/index.js';
import { blankComment, emptyPost, type Comment, type Dump } from '../../src/thread/schema.js';
import { LEMMY_JSON, SEED_THREAD } from '../support/shared.js';
import { decision, journalOptions, tempDir } from './helpers.js';

const at = '2024-01-15T12:00:00.000Z';
const header = {
  moderator: 'jordanlund',
  scorer: { name: 'lexicon', backend: null, model: null },
  rules: { file: null, ids: ['rule-3'] },
};
const source = { file: 'thread.txt', sha256: 'a'.repeat(64), format: 'lemmy-text' as const };

/** Starts a journal for a real dump file, in a temp dir (never beside the shared data). */
async function journalFor(dumpFile: string, format: 'lemmy-text' | 'lemmy-json', dir: string) {
  const file = path.join(dir, 'review.decisions.jsonl');
  const { journal } = await Journal.open(
    journalOptions(file, { dump: { file: dumpFile, sha256: await sha256File(dumpFile), format } }),
  );
  return journal;
}

function commentWith(dump: Dump, text: string): Comment {
  const found = dump.posts.flatMap((t) => t.comments).find((c) => c.body.includes(text));
  if (!found) throw new Error(`no comment with ${JSON.stringify(text)} in the dump`);
  return found;
}

describe('buildExport', () => {
  const a = blankComment('L1', null, ['L1']);
  const b = blankComment('L5', 'L1', ['L1', 'L5']);
  const c = blankComment('L9', null, ['L9']);
  const dump: Dump = {
    format: 'lemmy-text',
    posts: [{ post: { ...emptyPost(), title: 'A post' }, comments: [a, b, c] }],
  };

  it('keeps only decisions in force, in reading order, with a summary', () => {
    const state = replay([
      { type: 'decide', seq: 1, at, decision: decision('L9', 'ban', { banDays: null }) },
      { type: 'decide', seq: 2, at, decision: decision('L5', 'warn') },
      { type: 'decide', seq: 3, at, decision: decision('L1', 'remove') },
      { type: 'decide', seq: 4, at, decision: decision('L5', 'skip') },
      { type: 'undo', seq: 5, at, of: 4 },
      { type: 'undo', seq: 6, at, of: 3 },
    ]);
    const file = buildExport({ dump, source, header, state });
    expect(DecisionsFile.parse(file)).toEqual(file);
    expect(file.decisions.map((d) => [d.commentId, d.action])).toEqual([
      ['L5', 'warn'],
      ['L9', 'ban'],
    ]);
    expect(file.summary).toEqual({ remove: 0, approve: 0, warn: 1, ban: 1, skip: 0 });
    expect(file.post).toEqual({ title: 'A post', lemmyPostId: null, apId: null, community: null });
    const [warn, ban] = file.decisions;
    expect(warn).toMatchObject({
      message: 'Please keep it civil.',
      path: ['L1', 'L5'],
      lemmyCommentId: null,
      apId: null,
    });
    expect(warn).not.toHaveProperty('banDays');
    expect(ban).toMatchObject({ banDays: null, decidedAt: at });
    // Page text has no Lemmy ids, so even with `lemmy` there is nothing to send.
    expect(ban).not.toHaveProperty('lemmy');
  });

  it('refuses a decision on a comment the dump does not have', () => {
    const state = replay([{ type: 'decide', seq: 1, at, decision: decision('L77', 'remove') }]);
    expect(() => buildExport({ dump, source, header, state })).toThrow(/thread\.txt has no comment L77/);
  });
});

describe('exportDecisions on real dumps', () => {
  let seed: Dump;
  beforeAll(async () => {
    seed = (await loadDump(SEED_THREAD())).dump;
  });

  it('exports the seed thread (page text) in reading order, without Lemmy ids or requests', async () => {
    const dir = await tempDir();
    const journal = await journalFor(SEED_THREAD(), 'lemmy-text', dir);
    const attack = commentWith(seed, 'Fuck off libtard');
    const bosses = commentWith(seed, 'idiot bosses');
    const first = seed.posts[0]!.comments[0]!;
    // Decided out of reading order, with one change of mind undone.
    await journal.decide(decision(bosses.id, 'approve'));
    await journal.decide(decision(attack.id, 'remove'));
    await journal.decide(decision(first.id, 'warn'));
    await journal.decide(decision(attack.id, 'ban'));
    await journal.undo();
    await journal.close();

    const out = path.join(dir, 'decisions.json');
    const result = await exportDecisions({ dump: SEED_THREAD(), decisions: journal.path, out });
    const written = JSON.parse(await readFile(out, 'utf8')) as unknown;
    expect(written).toEqual(result.file);
    expect(DecisionsFile.parse(written)).toEqual(written);
    expect(await readFile(out, 'utf8')).toBe(result.json);
    expect(await readdir(dir)).toEqual(['decisions.json', 'review.decisions.jsonl']);

    const order = seed.posts[0]!.comments.map((c) => c.id);
    const ids = result.file.decisions.map((d) => d.commentId);
    expect(ids).toEqual([first.id, attack.id, bosses.id].sort((x, y) => order.indexOf(x) - order.indexOf(y)));
    expect(result.file.decisions.find((d) => d.commentId === attack.id)?.action).toBe('remove');
    expect(result.file.summary).toEqual({ remove: 1, approve: 1, warn: 1, ban: 0, skip: 0 });
    for (const d of result.file.decisions) {
      expect(d.lemmyCommentId).toBeNull();
      expect(d).not.toHaveProperty('lemmy');
      expect(d.path.at(-1)).toBe(d.commentId);
    }
    const bytes = await readFile(SEED_THREAD());
    expect(result.file.source).toEqual({
      file: SEED_THREAD(),
      sha256: createHash('sha256').update(bytes).digest('hex'),
      format: 'lemmy-text',
    });
    expect(result.file.moderator).toBe('jordanlund');
    expect(result.warnings).toEqual([]);
  });

  it('exports a Lemmy API comment list with the requests that carry each decision out', async () => {
    const dumpFile = LEMMY_JSON('lemmykit_getCommentsResponseV3.json');
    const { dump } = await loadDump(dumpFile);
    const comment = dump.posts[0]!.comments[0]!;
    const dir = await tempDir();
    const journal = await journalFor(dumpFile, 'lemmy-json', dir);
    const made = await journal.decide(decision(comment.id, 'ban', { banDays: 3 }));
    await journal.close();

    const { file } = await exportDecisions({ dump: dumpFile, decisions: journal.path });
    expect(DecisionsFile.parse(file)).toEqual(file);
    const raw = JSON.parse(await readFile(dumpFile, 'utf8')) as {
      comments: {
        comment: { id: number; ap_id: string; post_id: number };
        creator: { id: number };
        community: { id: number };
      }[];
    };
    const view = raw.comments[0]!;
    expect(file.post.lemmyPostId).toBe(view.comment.post_id);
    const [exported] = file.decisions;
    expect(exported).toMatchObject({
      lemmyCommentId: view.comment.id,
      apId: view.comment.ap_id,
      lemmyPostId: view.comment.post_id,
    });
    expect(exported?.lemmy).toEqual([
      {
        method: 'POST',
        path: '/api/v3/comment/remove',
        body: { comment_id: view.comment.id, removed: true, reason: made.reason },
      },
      {
        method: 'POST',
        path: '/api/v3/community/ban_user',
        body: {
          community_id: view.community.id,
          person_id: view.creator.id,
          ban: true,
          reason: made.reason,
        },
        // The length, not an end time: `apply` counts the 3 days from when it sends the ban.
        banDays: 3,
      },
    ]);
  });

  it('exports a v4 (Lemmy 1.0) list the same way: ids come from the dump, not the API version', async () => {
    const v3 = LEMMY_JSON('lemmykit_getCommentsResponseV3.json');
    const v4 = LEMMY_JSON('lemmykit_getCommentsResponseV4.json');
    const files = [];
    for (const dumpFile of [v3, v4]) {
      const journal = await journalFor(dumpFile, 'lemmy-json', await tempDir());
      const { dump } = await loadDump(dumpFile);
      await journal.decide(decision(dump.posts[0]!.comments[0]!.id, 'warn'));
      await journal.close();
      files.push((await exportDecisions({ dump: dumpFile, decisions: journal.path })).file);
    }
    expect(files[1]!.decisions[0]!.lemmy).toEqual(files[0]!.decisions[0]!.lemmy);
    expect(files[1]!.decisions[0]!.lemmy?.[0]?.path).toBe('/api/v3/comment');
  });

  it('finds the journal beside the dump by default, and says so in one line when there is none', async () => {
    const dir = await tempDir();
    const dumpFile = path.join(dir, 'thread.txt');
    await copyFile(SEED_THREAD(), dumpFile);
    const error = await exportDecisions({ dump: dumpFile }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserError);
    expect((error as Error).message).toBe(
      `no decisions for ${dumpFile}: ${dumpFile}.decisions.jsonl does not exist; review the thread first, or pass --decisions <file>`,
    );

    const { journal } = await Journal.open(
      journalOptions(`${dumpFile}.decisions.jsonl`, {
        dump: { file: dumpFile, sha256: await sha256File(dumpFile), format: 'lemmy-text' },
      }),
    );
    await journal.decide(decision(commentWith(seed, 'Fuck off libtard').id, 'remove'));
    await journal.close();
    expect((await exportDecisions({ dump: dumpFile })).file.decisions).toHaveLength(1);
  });

  it('refuses the journal of another dump, and ignores a torn last line with a warning without touching the file', async () => {
    const dir = await tempDir();
    const journal = await journalFor(SEED_THREAD(), 'lemmy-text', dir);
    await journal.decide(decision(commentWith(seed, 'Fuck off libtard').id, 'remove'));
    await journal.close();

    const other = LEMMY_JSON('lemmykit_getCommentsResponseV3.json');
    await expect(exportDecisions({ dump: other, decisions: journal.path })).rejects.toThrow(
      /holds decisions for another dump .*--decisions <other file>/,
    );

    await appendFile(journal.path, '{"type":"undo","seq":2,');
    const before = await readFile(journal.path);
    const result = await exportDecisions({ dump: SEED_THREAD(), decisions: journal.path });
    expect(result.warnings).toHaveLength(1);
    expect(result.file.decisions).toHaveLength(1);
    expect(await readFile(journal.path)).toEqual(before);
  });

  it('will not write the export over its journal or its dump', async () => {
    const dir = await tempDir();
    const journal = await journalFor(SEED_THREAD(), 'lemmy-text', dir);
    await journal.close();
    await expect(exportDecisions({ dump: SEED_THREAD(), decisions: journal.path, out: journal.path })).rejects.toThrow(
      /refusing to overwrite/,
    );
  });
});

describe('exportDecisions --out', () => {
  it('names a missing output folder, not the temp file', async () => {
    const dir = await tempDir();
    const journal = await journalFor(SEED_THREAD(), 'lemmy-text', dir);
    await journal.close();
    const out = path.join(dir, 'missing', 'decisions.json');
    await expect(exportDecisions({ dump: SEED_THREAD(), decisions: journal.path, out })).rejects.toThrow(
      `${out}: its folder does not exist`,
    );
  });

  it('puts the UI export beside the dump', () => {
    expect(defaultExportPath('threads/a.txt')).toBe('threads/a.txt.decisions.json');
  });
});
