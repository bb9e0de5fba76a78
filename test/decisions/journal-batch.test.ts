/**
 * Bulk actions in the journal: one moderator's choice over several comments
 * (a comment with its replies, every comment of an author) is written as
 * ordinary `decide` lines sharing a `batch`, and undo and redo take the batch
 * whole, also after reopening.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Journal, readJournal } from '../../src/decisions/journal.js';
import { decision, journalOptions, tempDir } from './helpers.js';

const types = async (file: string) =>
  (await readFile(file, 'utf8'))
    .trimEnd()
    .split('\n')
    .map((line) => (JSON.parse(line) as { type: string }).type);

describe('Journal batches', () => {
  it('writes a bulk removal as ordinary decide lines sharing the first seq as batch', async () => {
    const file = path.join(await tempDir(), 'j.jsonl');
    const { journal } = await Journal.open(journalOptions(file));
    await journal.decide(decision('L5', 'approve'));
    const batch = await journal.decideBatch(['L12', 'L19', 'L25'].map((id) => decision(id, 'remove')));
    expect(batch.map((d) => [d.seq, d.commentId, d.batch])).toEqual([
      [2, 'L12', 2],
      [3, 'L19', 2],
      [4, 'L25', 2],
    ]);
    // A batch of one is an ordinary decision.
    const [single] = await journal.decideBatch([decision('L31', 'remove')]);
    expect(single!.batch).toBeUndefined();
    await journal.close();
    expect(await types(file)).toEqual(['open', 'decide', 'decide', 'decide', 'decide', 'decide']);
  });

  it('undoes and redoes a batch whole, and only the batch, also after reopening', async () => {
    const file = path.join(await tempDir(), 'j.jsonl');
    const first = await Journal.open(journalOptions(file));
    await first.journal.decide(decision('L5', 'approve'));
    await first.journal.decideBatch(['L12', 'L19', 'L25'].map((id) => decision(id, 'remove')));
    expect(first.journal.state.active.size).toBe(4);
    expect((await first.journal.undo())?.commentId).toBe('L25');
    expect([...first.journal.state.active.keys()]).toEqual(['L5']);
    await first.journal.close();

    const again = await Journal.open(journalOptions(file));
    expect([...again.journal.state.active.keys()]).toEqual(['L5']);
    expect((await again.journal.redo())?.commentId).toBe('L12');
    expect([...again.journal.state.active.keys()].sort()).toEqual(['L12', 'L19', 'L25', 'L5']);
    await again.journal.undo();
    await again.journal.undo(); // the approval, on its own
    expect(again.journal.state.active.size).toBe(0);
    await again.journal.close();
    expect(await types(file)).toEqual([
      'open',
      'decide',
      ...Array(4).fill('decide').slice(1),
      'undo',
      'undo',
      'undo',
      'redo',
      'redo',
      'redo',
      'undo',
      'undo',
      'undo',
      'undo',
    ]);
  });

  it('keeps the decision a batch replaced: undoing the batch brings the earlier one back', async () => {
    const file = path.join(await tempDir(), 'j.jsonl');
    const { journal } = await Journal.open(journalOptions(file));
    await journal.decide(decision('L19', 'warn'));
    await journal.decideBatch(['L12', 'L19'].map((id) => decision(id, 'remove')));
    expect(journal.state.active.get('L19')?.action).toBe('remove');
    await journal.undo();
    expect(journal.state.active.get('L19')?.action).toBe('warn');
    expect(journal.state.active.has('L12')).toBe(false);
    await journal.close();
  });

  it('after any run of decisions, batches, undos and redos, the file replays to the same state', async () => {
    const dir = await tempDir();
    let n = 0;
    const op = fc.oneof(
      fc.record({ kind: fc.constant('decide' as const), id: fc.integer({ min: 1, max: 6 }) }),
      fc.record({
        kind: fc.constant('batch' as const),
        ids: fc.uniqueArray(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 4 }),
      }),
      fc.constant({ kind: 'undo' as const }),
      fc.constant({ kind: 'redo' as const }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 12 }), async (ops) => {
        const file = path.join(dir, `j${n++}.jsonl`);
        const { journal } = await Journal.open(journalOptions(file));
        // A model of what undo/redo must do: a stack of groups.
        const done: string[][] = [];
        const undone: string[][] = [];
        for (const o of ops) {
          if (o.kind === 'decide') {
            await journal.decide(decision(`L${o.id}`, 'remove'));
            done.push([`L${o.id}`]);
            undone.length = 0;
          } else if (o.kind === 'batch') {
            await journal.decideBatch(o.ids.map((id) => decision(`L${id}`, 'remove')));
            done.push(o.ids.map((id) => `L${id}`));
            undone.length = 0;
          } else if (o.kind === 'undo') {
            await journal.undo();
            const group = done.pop();
            if (group) undone.push(group);
          } else {
            await journal.redo();
            const group = undone.pop();
            if (group) done.push(group);
          }
        }
        const active = new Set(done.flat());
        expect(new Set(journal.state.active.keys())).toEqual(active);
        await journal.close();
        const replayed = await readJournal(file);
        expect(new Set(replayed.state.active.keys())).toEqual(active);
        expect(replayed.state.undoStack).toEqual(journal.state.undoStack);
      }),
      { numRuns: 60 },
    );
  });
});
