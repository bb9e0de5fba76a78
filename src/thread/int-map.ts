/**
 * A map from 30-bit int keys to non-negative ints in typed arrays, for the
 * quote marker's index of the shingles on the current reply path. Kept
 * apart from the quote rules: it is plain data-structure code with its own
 * invariants (backward-shift deletion), tested through the marker.
 */

/**
 * Open-addressing hash table from 30-bit keys to non-negative ints, in typed
 * arrays: the path index takes millions of set/delete calls on a big
 * thread, which a Map makes the slowest part of marking quotes. Linear
 * probing with backward-shift deletion: no tombstones, so probe chains stay
 * short and the table is rebuilt only to grow.
 */
export class IntMap {
  /** key + 1, 0 for an empty slot. */
  private keys = new Int32Array(1 << 12);
  private values = new Int32Array(1 << 12);
  private live = 0;

  get size(): number {
    return this.live;
  }

  /** The value for `key`, or -1. */
  get(key: number): number {
    const stored = key + 1;
    const keys = this.keys;
    const mask = keys.length - 1;
    for (let slot = hashSlot(key, mask); ; slot = (slot + 1) & mask) {
      const k = keys[slot]!;
      if (k === stored) return this.values[slot]!;
      if (k === EMPTY) return -1;
    }
  }

  /** Sets `key` to `value` and returns its previous value, or -1: a `get` and a `set` in one probe. */
  put(key: number, value: number): number {
    const stored = key + 1;
    const keys = this.keys;
    const mask = keys.length - 1;
    let slot = hashSlot(key, mask);
    for (; ; slot = (slot + 1) & mask) {
      const k = keys[slot]!;
      if (k === stored) {
        const previous = this.values[slot]!;
        this.values[slot] = value;
        return previous;
      }
      if (k === EMPTY) break;
    }
    keys[slot] = stored;
    this.values[slot] = value;
    this.live++;
    if (this.live * 2 > keys.length) this.grow();
    return -1;
  }

  set(key: number, value: number): void {
    this.put(key, value);
  }

  delete(key: number): void {
    const stored = key + 1;
    const keys = this.keys;
    const values = this.values;
    const mask = keys.length - 1;
    let hole = hashSlot(key, mask);
    for (; ; hole = (hole + 1) & mask) {
      const k = keys[hole]!;
      if (k === stored) break;
      if (k === EMPTY) return;
    }
    this.live--;
    // Pull later entries of the probe run back into the hole, unless their
    // home slot lies cyclically in (hole, slot]: they must stay reachable.
    for (let slot = (hole + 1) & mask; ; slot = (slot + 1) & mask) {
      const k = keys[slot]!;
      if (k === EMPTY) break;
      const home = hashSlot(k - 1, mask);
      if (hole <= slot ? hole < home && home <= slot : hole < home || home <= slot) continue;
      keys[hole] = k;
      values[hole] = values[slot]!;
      hole = slot;
    }
    keys[hole] = EMPTY;
  }

  /** Doubles the table. */
  private grow(): void {
    const oldKeys = this.keys;
    const oldValues = this.values;
    this.keys = new Int32Array(oldKeys.length * 2);
    this.values = new Int32Array(oldKeys.length * 2);
    this.live = 0;
    for (let i = 0; i < oldKeys.length; i++) {
      const k = oldKeys[i]!;
      if (k !== EMPTY) this.set(k - 1, oldValues[i]!);
    }
  }
}

const EMPTY = 0;

function hashSlot(key: number, mask: number): number {
  return (Math.imul(key, 0x9e3779b1) >>> 7) & mask;
}
