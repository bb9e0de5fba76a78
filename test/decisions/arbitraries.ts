/** fast-check generators for sequences of review actions, and a reference model of what they should leave. */
import fc from 'fast-check';
import { Action, type Decision, type DecisionInput, type JournalEntry } from '../../src/decisions/schema.js';
import { decision } from './sample.js';

export type Op =
  { readonly kind: 'decide'; readonly input: DecisionInput } | { readonly kind: 'undo' } | { readonly kind: 'redo' };

/** Reasons with multi-byte characters, quotes, newlines and U+2028, so cuts land inside UTF-8 sequences and escapes. */
const reason = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom('"Fuck off libtard" Rule 3.', 'ligne\nsuivante', 'emoji 🙂 and \u2028 separator', ''),
);

export const decideOp: fc.Arbitrary<Op> = fc
  .record({
    commentId: fc.constantFrom('L12', 'L27', 'L40', '501'),
    action: fc.constantFrom(...Action.options),
    reason,
  })
  .map(({ commentId, action, reason }) => ({
    kind: 'decide' as const,
    input: decision(commentId, action, { reason }),
  }));

export const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: decideOp, weight: 3 },
  { arbitrary: fc.constant<Op>({ kind: 'undo' }), weight: 2 },
  { arbitrary: fc.constant<Op>({ kind: 'redo' }), weight: 1 },
);

/**
 * The reference model: a stack of snapshots of "comment -> decision", one
 * per decision in force. Undo drops the top snapshot, redo rebuilds it. It
 * shares no code with src/decisions/state.ts.
 */
export class SnapshotModel {
  readonly snapshots: Map<string, Decision>[] = [new Map()];
  readonly applied: Decision[] = [];
  readonly undone: Decision[] = [];
  readonly history: Decision[] = [];
  readonly entries: JournalEntry[] = [];
  private seq = 0;

  constructor(private readonly clock: () => Date) {}

  get active(): Map<string, Decision> {
    return this.snapshots.at(-1)!;
  }

  apply(o: Op): void {
    // Like the journal, read the clock only for something that gets recorded.
    const at = (): string => this.clock().toISOString();
    if (o.kind === 'decide') {
      const d: Decision = { ...o.input, seq: ++this.seq, decidedAt: at() };
      this.entries.push({ type: 'decide', seq: d.seq, at: d.decidedAt, decision: o.input });
      this.history.push(d);
      this.push(d);
      this.undone.length = 0;
    } else if (o.kind === 'undo') {
      const d = this.applied.pop();
      if (!d) return;
      this.snapshots.pop();
      this.undone.push(d);
      this.entries.push({ type: 'undo', seq: ++this.seq, at: at(), of: d.seq });
    } else {
      const d = this.undone.pop();
      if (!d) return;
      this.push(d);
      this.entries.push({ type: 'redo', seq: ++this.seq, at: at(), of: d.seq });
    }
  }

  private push(d: Decision): void {
    this.applied.push(d);
    this.snapshots.push(new Map(this.active).set(d.commentId, d));
  }
}
