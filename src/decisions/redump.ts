/**
 * A journal meeting a new dump of its thread: whether it may follow it, the
 * `dump` line that carries its decisions over (carry-over.ts), what to tell
 * the moderator, and which comments are new since the journal's previous
 * dump. The journal (review), the export and `fetch --force` all use this,
 * so they agree on what happens to a decision.
 */
import { UserError } from '../errors.js';
import { carryOver } from './carry-over.js';
import { shortKey, type IdentityIndex } from './comment-identity.js';
import type { DumpRef, JournalDump, JournalEntry, JournalOpen } from './schema.js';
import type { DecisionState } from './state.js';

/** A dump the journal followed: its `open` line or a `dump` line. */
export interface DumpRecord {
  readonly dump: DumpRef;
  /** Short hashes of its comment identities (absent in version 1 journals). */
  readonly comments?: readonly string[];
  readonly posts?: readonly string[];
}

/** The dumps a journal followed, oldest first. */
export function dumpRecords(header: JournalOpen, entries: readonly JournalEntry[]): DumpRecord[] {
  return [header, ...entries.filter((e): e is JournalDump => e.type === 'dump')];
}

export interface Redump {
  /** The `dump` line to append (or to apply in memory), without `seq` and `at`. */
  readonly entry: Omit<JournalDump, 'seq' | 'at'>;
  /** Decisions carried over, with text unchanged. */
  readonly carried: number;
  readonly changed: number;
  readonly vanished: number;
  /** Comments in the new dump that were not in the journal's last one. */
  readonly fresh: number;
}

/**
 * The `dump` line for `dump`, or null when the journal already follows it
 * (same bytes). Refuses, in one line, a dump of another thread or format,
 * and a journal from before comment identities were recorded.
 */
export function redump(
  journalFile: string,
  records: readonly DumpRecord[],
  state: DecisionState,
  dump: DumpRef,
  index: IdentityIndex,
): Redump | null {
  const last = records.at(-1)!;
  if (last.dump.sha256 === dump.sha256) return null;
  const open = [...state.undoStack, ...state.redoStack].map((seq) => state.bySeq.get(seq)!);
  const foreign = anotherThread(last, dump, index);
  if (foreign) throw foreignDump(journalFile, last.dump, dump, foreign);
  if (last.posts === undefined || open.some((d) => d.comment === undefined)) {
    const why = 'kept without comment identities (by an earlier threadmod), it follows only the dump it was made on';
    throw foreignDump(journalFile, last.dump, dump, why);
  }
  const moves = carryOver(open, index);
  const before = new Set(last.comments ?? []);
  const fresh = index.shortKeys.filter((k) => !before.has(k)).length;
  const changed = Object.keys(moves.changed).length;
  return {
    entry: {
      type: 'dump',
      dump: { ...dump },
      comments: [...index.shortKeys],
      posts: [...index.posts],
      moved: { ...moves.moved },
      changed: { ...moves.changed },
      vanished: [...moves.vanished],
    },
    carried: open.length - changed - moves.vanished.length,
    changed,
    vanished: moves.vanished.length,
    fresh,
  };
}

/** One line for the moderator: what a new dump did to the journal's decisions. */
export function describeRedump(journalFile: string, dump: DumpRef, r: Redump): string {
  const dropped =
    r.changed + r.vanished === 0
      ? ''
      : `; not carried over: ${r.changed} on comments edited since (decide on them again), ${r.vanished} on comments no longer in the dump`;
  return (
    `${journalFile}: ${dump.file} changed since the last review; ${r.carried} decision${r.carried === 1 ? '' : 's'} carried over` +
    `${dropped}; ${r.fresh} new comment${r.fresh === 1 ? '' : 's'}`
  );
}

/**
 * Ids of the comments that are new since the journal's previous dump: the
 * one before the current dump when the journal already follows it, else its
 * last. Empty when there is no previous dump or it kept no identities.
 */
export function newSince(records: readonly DumpRecord[], current: DumpRef, index: IdentityIndex): Set<string> {
  const at = records.at(-1)?.dump.sha256 === current.sha256 ? records.length - 2 : records.length - 1;
  const before = records[at]?.comments;
  const out = new Set<string>();
  if (before === undefined) return out;
  const known = new Set(before);
  for (const [id, stamp] of index.byId) if (!known.has(shortKey(stamp.key))) out.add(id);
  return out;
}

/**
 * Why `dump` is not a later copy of the journal's thread, or null: another
 * format, no post in common, or (page text, whose post part may be copied
 * differently) no comment in common.
 */
function anotherThread(last: DumpRecord, dump: DumpRef, index: IdentityIndex): string | null {
  if (last.dump.format !== dump.format) return `${last.dump.format}, not ${dump.format}`;
  if (last.posts === undefined || last.comments === undefined) return null;
  const overlaps = (kept: readonly string[], now: readonly string[]) => {
    const set = new Set(now);
    return kept.length === 0 || now.length === 0 || kept.some((k) => set.has(k));
  };
  if (dump.format === 'lemmy-json' && !overlaps(last.posts, index.posts)) return 'another post';
  if (!overlaps(last.comments, index.shortKeys)) return 'no comment in common';
  return null;
}

/** The one-line refusal of a journal kept for another dump. */
export function foreignDump(journalFile: string, kept: DumpRef, dump: DumpRef, why?: string): UserError {
  const because = why ? `; ${why}` : '';
  return new UserError(
    `${journalFile} holds decisions for another dump (${kept.file}, sha256 ${kept.sha256.slice(0, 12)}${because}), ` +
      `not ${dump.file} (sha256 ${dump.sha256.slice(0, 12)}); pass --decisions <other file> to keep a separate journal for this dump`,
  );
}
