/**
 * The path index both quote walks keep (quotes.ts's depth-first walk over a
 * whole thread, quote-walk.ts's walk over comments as they arrive): a hash
 * map of the word shingles of every text on the path from the root to the
 * current comment, each to the nearest text that has it, plus those texts.
 * Texts are entered on the way down and left on the way back up through an
 * undo log, so each comment is checked against all its ancestors at once and
 * a thread costs time linear in its number of words.
 */
import { IntMap } from './int-map.js';
import { Ancestors } from './quote-rules.js';
import { SHINGLE, type Words } from './shingles.js';
import { UndoLog } from './undo-log.js';

export class QuotePath {
  /** Shingle -> index (in `ancestors`) of the nearest text on the path that has it. */
  readonly onPath = new IntMap();
  readonly ancestors = new Ancestors();
  private readonly undo = new UndoLog();

  /** What `leave` restores the path to: take it before `enter`. */
  mark(): number {
    return this.undo.length;
  }

  /** Adds a text's shingles to the path. */
  enter(id: string | null, body: string, ws: Words): void {
    const { onPath, undo } = this;
    const depth = this.ancestors.length;
    const keys = ws.key;
    for (let i = 0; i + SHINGLE <= ws.count; i++) {
      const key = keys[i]!;
      const previous = onPath.put(key, depth);
      // A shingle the body repeats is already this depth's: nothing to restore.
      if (previous !== depth) undo.push(key, previous);
    }
    this.ancestors.push(id, body);
  }

  /** Restores the path as it was when `mark` returned `mark`, and drops the last text entered. */
  leave(mark: number): void {
    const { onPath, undo } = this;
    const log = undo.entries;
    for (let k = undo.length - 2; k >= mark; k -= 2) {
      const previous = log[k + 1]!;
      if (previous < 0) onPath.delete(log[k]!);
      else onPath.set(log[k]!, previous);
    }
    undo.length = mark;
    this.ancestors.pop();
  }
}
