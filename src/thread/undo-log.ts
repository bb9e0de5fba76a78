/**
 * The quote marker's undo log: (key, previous value) pairs recorded while a
 * comment's shingles enter the path index, replayed backwards when the walk
 * leaves the comment. Kept in one growable Int32Array so that a walk over a
 * 200,000-comment thread makes no garbage per comment.
 */

/** A growable stack of ints, reused by every walk: no garbage per comment. */
export class UndoLog {
  entries = new Int32Array(1 << 12);
  length = 0;

  push(key: number, previous: number): void {
    if (this.length + 2 > this.entries.length) {
      const bigger = new Int32Array(this.entries.length * 2);
      bigger.set(this.entries);
      this.entries = bigger;
    }
    this.entries[this.length] = key;
    this.entries[this.length + 1] = previous;
    this.length += 2;
  }
}
