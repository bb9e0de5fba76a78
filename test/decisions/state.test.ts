import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../src/decisions/schema.js';
import { StateError, applyEntry, emptyState, nextRedo, nextUndo, replay } from '../../src/decisions/state.js';
import { SnapshotModel, op } from './arbitraries.js';
import { decision, tickingClock } from './helpers.js';

const at = '2024-01-15T12:00:00.000Z';

describe('replay', () => {
  it('brings back the earlier decision on a comment when the later one is undone, then leaves it undecided', () => {
    const entries: JournalEntry[] = [
      { type: 'decide', seq: 1, at, decision: decision('L12', 'warn') },
      { type: 'decide', seq: 2, at, decision: decision('L27', 'approve') },
      { type: 'decide', seq: 3, at, decision: decision('L12', 'ban') },
      { type: 'undo', seq: 4, at, of: 3 },
    ];
    let state = replay(entries);
    expect(state.active.get('L12')?.action).toBe('warn');
    expect(state.active.get('L27')?.action).toBe('approve');
    expect(state.redoStack).toEqual([3]);

    state = applyEntry(state, { type: 'undo', seq: 5, at, of: 2 });
    state = applyEntry(state, { type: 'undo', seq: 6, at, of: 1 });
    expect([...state.active.keys()]).toEqual([]);
    expect(state.redoStack).toEqual([3, 2, 1]);
    expect(nextRedo(state)?.seq).toBe(1);
    expect(nextUndo(state)).toBeNull();

    state = applyEntry(state, { type: 'redo', seq: 7, at, of: 1 });
    expect(state.active.get('L12')?.seq).toBe(1);
    // A new decision forgets what could have been redone.
    state = applyEntry(state, { type: 'decide', seq: 8, at, decision: decision('L40', 'skip') });
    expect(state.redoStack).toEqual([]);
    expect(state.undoStack).toEqual([1, 8]);
    expect(state.history.map((d) => d.seq)).toEqual([1, 2, 3, 8]);
  });

  it('leaves the state it was given untouched', () => {
    const before = replay([{ type: 'decide', seq: 1, at, decision: decision('L12', 'remove') }]);
    applyEntry(before, { type: 'undo', seq: 2, at, of: 1 });
    expect(before.active.get('L12')?.action).toBe('remove');
    expect(before.undoStack).toEqual([1]);
  });

  it('refuses entries that do not follow from the state', () => {
    const one = replay([{ type: 'decide', seq: 1, at, decision: decision('L12', 'remove') }]);
    expect(() => applyEntry(one, { type: 'undo', seq: 2, at, of: 7 })).toThrow(StateError);
    expect(() => applyEntry(one, { type: 'redo', seq: 2, at, of: 1 })).toThrow(/last undone decision is none/);
    expect(() => applyEntry(one, { type: 'decide', seq: 1, at, decision: decision('L27', 'skip') })).toThrow(
      /does not follow seq 1/,
    );
  });

  it('matches an independent snapshot model for any sequence of decisions, undos and redos', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const model = new SnapshotModel(tickingClock());
        for (const o of ops) model.apply(o);
        const state = replay(model.entries);
        expect(new Map(state.active)).toEqual(model.active);
        expect(state.undoStack).toEqual(model.applied.map((d) => d.seq));
        expect(state.redoStack).toEqual(model.undone.map((d) => d.seq));
        expect(state.history).toEqual(model.history);
        // Entry by entry gives the same as all at once.
        expect(model.entries.reduce(applyEntry, emptyState())).toEqual(state);
      }),
      { numRuns: 300 },
    );
  });
});
