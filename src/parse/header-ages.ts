/**
 * Page text headers whose score and age split two ways ("176 months ago":
 * score 17 and 6 months, or score 1 and 76 months) are settled once the
 * whole tree is known; this holds what each header allowed until then.
 */
import { pickReading, type HeaderReading } from './relative-time.js';

/**
 * Settles headers whose score and age split two ways. Bounds come from the
 * tree and hold whatever the other headers turn out to be: a comment is at
 * least as old as the youngest reading of any reply, and at most as old as the
 * oldest reading of any ancestor. The usual age is the commonest among headers
 * with one reading. Kept in flat arrays: it sees every comment of the dump.
 */
export class ThreadAges {
  private readonly parents: number[] = [];
  /** Youngest and oldest reading per comment, in seconds (placeholders: unbounded). */
  private readonly youngest: number[] = [];
  private readonly oldest: number[] = [];
  private readonly open = new Map<number, readonly HeaderReading[]>();

  /** Records the next comment in reading order; `readings` null for a placeholder. */
  add(parent: number, readings: readonly HeaderReading[] | null): void {
    const index = this.parents.length;
    this.parents.push(parent);
    if (readings === null) {
      this.youngest.push(-Infinity);
      this.oldest.push(Infinity);
      return;
    }
    let min = Infinity;
    let max = -Infinity;
    for (const r of readings) {
      if (r.seconds < min) min = r.seconds;
      if (r.seconds > max) max = r.seconds;
    }
    this.youngest.push(min);
    this.oldest.push(max);
    if (readings.length > 1) this.open.set(index, readings);
  }

  /** The parent recorded for the comment at `index` (-1: top level). */
  parentOf(index: number): number {
    return this.parents[index]!;
  }

  /** Calls `choose` once per comment that had several readings, with the one to keep. */
  settle(choose: (index: number, reading: HeaderReading) => void): void {
    if (this.open.size === 0) return;
    const { parents, youngest, oldest } = this;
    const n = parents.length;
    const counts = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      // One reading: the youngest is the oldest. Placeholders span everything.
      if (youngest[i] === oldest[i]) counts.set(youngest[i]!, (counts.get(youngest[i]!) ?? 0) + 1);
    }
    if (counts.size === 0) {
      for (const readings of this.open.values())
        for (const r of readings) counts.set(r.seconds, (counts.get(r.seconds) ?? 0) + 1);
    }
    let usual: number | null = null;
    let most = 0;
    for (const [seconds, count] of counts) {
      if (count > most) {
        usual = seconds;
        most = count;
      }
    }
    // Replies follow their parent in reading order, so one backward pass
    // gathers what the replies imply and one forward pass what the ancestors do.
    const atLeast = new Float64Array(n).fill(-Infinity);
    for (let i = n - 1; i >= 0; i--) {
      const parent = parents[i]!;
      if (parent < 0) continue;
      const implied = Math.max(atLeast[i]!, youngest[i]!);
      if (implied > atLeast[parent]!) atLeast[parent] = implied;
    }
    const atMost = new Float64Array(n).fill(Infinity);
    for (let i = 0; i < n; i++) {
      const parent = parents[i]!;
      if (parent >= 0) atMost[i] = Math.min(atMost[parent]!, oldest[parent]!);
    }
    for (const [i, readings] of this.open)
      choose(i, pickReading(readings, { atLeast: atLeast[i]!, atMost: atMost[i]!, usual }));
  }
}
