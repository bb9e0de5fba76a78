/**
 * Decisions belong to comments, not to one byte-exact dump: a journal opened
 * on a later copy of its thread (page text copied again with a new comment
 * above and one comment edited; an API dump re-fetched with one more
 * comment, one edited and one gone) carries its decisions over by comment
 * identity, drops (and reports) those on edited or vanished comments, and
 * tells which comments are new. The export does the same in memory.
 */
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { identify } from '../../src/decisions/comment-identity.js';
import { exportDecisions } from '../../src/decisions/export.js';
import { Journal, readJournal, sha256File } from '../../src/decisions/journal.js';
import { newSince } from '../../src/decisions/redump.js';
import type { DumpRef } from '../../src/decisions/schema.js';
import { loadDump } from '../../src/parse/index.js';
import type { Comment, DumpFormat } from '../../src/thread/schema.js';
import { LEMMY_JSON, SEED_THREAD } from '../support/shared.js';
import { decision, journalOptions, tempDir } from './helpers.js';

async function open(file: string, dumpFile: string, format: DumpFormat) {
  const { dump } = await loadDump(dumpFile, format);
  const ref: DumpRef = { file: dumpFile, sha256: await sha256File(dumpFile), format };
  const identities = identify(dump);
  const opened = await Journal.open(journalOptions(file, { dump: ref, identities }));
  return { ...opened, dump, ref, identities };
}

const byBody = (comments: readonly Comment[], text: string) => comments.find((c) => c.body.includes(text))!;

describe('carrying decisions over to a later dump of the thread', () => {
  it('page text copied again, a comment added above and one edited: decisions follow their comments', async () => {
    const dir = await tempDir();
    const dumpFile = path.join(dir, 'thread.txt');
    const journalFile = path.join(dir, 'thread.txt.decisions.jsonl');
    await copyFile(SEED_THREAD(), dumpFile);
    const first = await open(journalFile, dumpFile, 'lemmy-text');
    const comments = first.dump.posts[0]!.comments.filter((c) => !c.placeholder);
    const attack = byBody(comments, 'Fuck off libtard');
    const others = comments.filter((c) => c !== attack && c.body.trim() !== '');
    const approved = others[0]!;
    const edited = others[3]!;
    expect(new Set([attack.id, approved.id, edited.id]).size).toBe(3);
    await first.journal.decide(decision(attack.id, 'remove'));
    await first.journal.decide(decision(approved.id, 'approve'));
    await first.journal.decide(decision(edited.id, 'warn'));
    await first.journal.close();

    // The page copied again a day later: a new top-level comment above all others, and one comment edited.
    const text = await readFile(dumpFile, 'utf8');
    const lines = text.split('\n');
    const firstHeader = comments[0]!.line! - 1;
    lines.splice(firstHeader, 0, '    2 hours ago', '', '    A comment posted since the first copy.', '');
    const phrase = edited.body.split('\n')[0]!.slice(0, 40);
    let again = lines.join('\n');
    expect(again.split(phrase)).toHaveLength(2);
    again = again.replace(phrase, `${phrase} (edited: now it says more)`);
    await writeFile(dumpFile, again);

    const second = await open(journalFile, dumpFile, 'lemmy-text');
    const now = second.dump.posts[0]!.comments.filter((c) => !c.placeholder);
    expect(now).toHaveLength(comments.length + 1);
    const attackNow = byBody(now, 'Fuck off libtard');
    // Line numbers moved: the same comment has another id.
    expect(attackNow.id).not.toBe(attack.id);
    expect(second.warnings.at(-1)).toBe(
      `${journalFile}: ${dumpFile} changed since the last review; 2 decisions carried over; ` +
        'not carried over: 1 on comments edited since (decide on them again), 0 on comments no longer in the dump; 2 new comments',
    );
    const state = second.journal.state;
    expect([...state.active.entries()].map(([id, d]) => [id, d.action]).sort()).toEqual(
      [
        [attackNow.id, 'remove'],
        [byBody(now, approved.body).id, 'approve'],
      ].sort(),
    );
    const editedNow = byBody(now, '(edited: now it says more)');
    expect(state.dropped.map((d) => [d.decision.action, d.why, d.now])).toEqual([
      ['warn', 'text-changed', editedNow.id],
    ]);
    // The edited comment is undecided: the warning is not applied silently to words nobody read.
    expect(state.active.has(editedNow.id)).toBe(false);

    // Decisions on the new dump's ids, then reopening the same bytes: nothing more to carry over.
    await second.journal.decide(decision(editedNow.id, 'approve'));
    await second.journal.close();
    const third = await open(journalFile, dumpFile, 'lemmy-text');
    expect(third.warnings.some((w) => w.includes('changed since the last review'))).toBe(false);
    expect(third.journal.state.active.get(editedNow.id)?.action).toBe('approve');
    await third.journal.close();

    // New against the journal's previous dump, also on later openings: the new comment, and (page text
    // knows a comment only by its words) the edited one.
    const contents = await readJournal(journalFile);
    const fresh = [...newSince(contents.dumps, third.ref, third.identities)];
    expect(fresh).toEqual([now.find((c) => c.body === 'A comment posted since the first copy.')!.id, editedNow.id]);

    const { file } = await exportDecisions({ dump: dumpFile });
    expect(file.decisions.map((d) => [d.commentId, d.action])).toEqual(
      now
        .filter((c) => state.active.has(c.id) || c.id === editedNow.id)
        .map((c) => [c.id, c.id === editedNow.id ? 'approve' : state.active.get(c.id)!.action]),
    );
    expect(file.dropped).toEqual([
      expect.objectContaining({ commentId: edited.id, action: 'warn', why: 'text-changed', now: editedNow.id }),
    ]);
  });

  it('an API dump re-fetched: same ids carried, an edit and a deletion reported, the export in memory does the same', async () => {
    const dir = await tempDir();
    const dumpFile = path.join(dir, 'thread.json');
    const journalFile = `${dumpFile}.decisions.jsonl`;
    const recorded = JSON.parse(await readFile(LEMMY_JSON('lemmykit_getCommentsResponseV3.json'), 'utf8'));
    const views: { comment: { id: number; content: string; ap_id: string; path: string } }[] = recorded.comments;
    expect(views.length).toBeGreaterThanOrEqual(1);
    // Three comments of the recorded shape: the recorded one and two replies to the post.
    const clone = (id: number, content: string) => {
      const view = structuredClone(views[0]!);
      view.comment.id = id;
      view.comment.content = content;
      view.comment.ap_id = view.comment.ap_id.replace(/\/\d+$/, `/${id}`);
      view.comment.path = `0.${id}`;
      return view;
    };
    const base = [clone(9001, 'You are an idiot.'), clone(9002, 'Nice post.'), clone(9003, 'Shut up, moron.')];
    await writeFile(dumpFile, JSON.stringify({ comments: base }));
    const first = await open(journalFile, dumpFile, 'lemmy-json');
    await first.journal.decide(decision('9001', 'remove'));
    await first.journal.decide(decision('9002', 'approve'));
    await first.journal.decide(decision('9003', 'ban'));
    await first.journal.close();

    // Re-fetched: 9002 edited, 9003 gone, 9004 new.
    const later = [base[0], clone(9002, 'Nice post, edited.'), clone(9004, 'A new reply.')];
    await writeFile(dumpFile, JSON.stringify({ comments: later }));

    // The export carries over in memory and leaves the journal as it was.
    const before = await readFile(journalFile, 'utf8');
    const exported = await exportDecisions({ dump: dumpFile });
    expect(await readFile(journalFile, 'utf8')).toBe(before);
    expect(exported.warnings.at(-1)).toMatch(
      /1 decision carried over; not carried over: 1 on comments edited since .*, 1 on comments no longer in the dump; 1 new comment$/,
    );
    expect(exported.file.decisions.map((d) => [d.commentId, d.action])).toEqual([['9001', 'remove']]);
    expect(exported.file.dropped?.map((d) => [d.commentId, d.action, d.why, d.now])).toEqual([
      ['9002', 'approve', 'text-changed', '9002'],
      ['9003', 'ban', 'vanished', null],
    ]);

    const second = await open(journalFile, dumpFile, 'lemmy-json');
    expect([...second.journal.state.active.keys()]).toEqual(['9001']);
    const contents = await readJournal(journalFile);
    expect([...newSince(contents.dumps, second.ref, second.identities)]).toEqual(['9004']);
    await second.journal.close();
    // The review writes what the export computed: the same file, now without any carrying over.
    const after = await exportDecisions({ dump: dumpFile });
    expect(after.file.decisions).toEqual(exported.file.decisions);
    expect(after.file.dropped).toEqual(exported.file.dropped);
    expect(after.warnings).toEqual([]);
  });

  it('still refuses another thread, and a journal from before identities on other bytes, in one line', async () => {
    const dir = await tempDir();
    const dumpFile = path.join(dir, 'thread.txt');
    await copyFile(SEED_THREAD(), dumpFile);
    const journalFile = path.join(dir, 'j.jsonl');
    const first = await open(journalFile, dumpFile, 'lemmy-text');
    await first.journal.decide(decision(first.dump.posts[0]!.comments[0]!.id, 'approve'));
    await first.journal.close();
    const other = path.join(dir, 'other.txt');
    await writeFile(other, '    3 hours ago\n\n    Something else entirely.\n');
    await expect(open(journalFile, other, 'lemmy-text')).rejects.toThrow(
      /^.*j\.jsonl holds decisions for another dump \(.*thread\.txt, sha256 [0-9a-f]{12}; no comment in common\), not .*other\.txt/,
    );

    // A version 1 journal: no identities recorded, so it cannot follow new bytes.
    const old = path.join(dir, 'old.jsonl');
    const sha = await sha256File(dumpFile);
    const id = first.dump.posts[0]!.comments[0]!.id;
    await writeFile(
      old,
      `${JSON.stringify({ type: 'open', version: 1, dump: { file: dumpFile, sha256: sha, format: 'lemmy-text' }, moderator: 'm', scorer: { name: 'lexicon', backend: null, model: null }, rules: { file: null, ids: [] } })}\n` +
        `${JSON.stringify({ type: 'decide', seq: 1, at: '2024-01-15T12:00:00Z', decision: decision(id, 'approve') })}\n`,
    );
    await writeFile(dumpFile, `${await readFile(dumpFile, 'utf8')}\n`);
    await expect(open(old, dumpFile, 'lemmy-text')).rejects.toThrow(
      /holds decisions for another dump \(.*; kept without comment identities \(by an earlier threadmod\), it follows only the dump it was made on\)/,
    );
  });
});
