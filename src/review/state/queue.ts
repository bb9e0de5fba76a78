/**
 * The review queue: one row per flagged comment, most severe first, and the
 * filter typed after `/`. Rows are rebuilt only when flags arrive; filtering
 * is cached per (rows, filter) so key presses never redo it.
 */
import type { Flag } from '../../flag/flag-schema.js';
import { isReportFlag } from '../../flag/reports.js';
import type { Rule } from '../../flag/rules-schema.js';
import type { Comment } from '../../thread/schema.js';
import type { ThreadIndex } from './thread-index.js';

export interface QueueRow {
  readonly id: string;
  readonly comment: Comment;
  /** The flags on this comment, most severe first; never empty. */
  readonly flags: readonly Flag[];
  /** Position of the comment in reading order, to break ties in severity. */
  readonly order: number;
}

export function primaryFlag(row: QueueRow): Flag {
  return row.flags[0]!;
}

/**
 * Groups flags by comment and sorts the rows, most severe first, then in
 * reading order. A later flag for the same comment and rule replaces the
 * earlier one; flags for comments the thread does not have are dropped.
 */
export function buildRows(flags: Iterable<Flag>, index: ThreadIndex): QueueRow[] {
  const byComment = new Map<string, Map<string, Flag>>();
  for (const flag of flags) {
    if (!index.byId.has(flag.commentId)) continue;
    let rules = byComment.get(flag.commentId);
    if (rules === undefined) byComment.set(flag.commentId, (rules = new Map()));
    rules.set(flag.ruleId, flag);
  }
  const rows: QueueRow[] = [];
  for (const [id, rules] of byComment) {
    const sorted = [...rules.values()].sort(
      (a, b) => b.severity - a.severity || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
    );
    rows.push({ id, comment: index.byId.get(id)!, flags: sorted, order: index.order.get(id)! });
  }
  return rows.sort(compareRows);
}

/** Reported by members and flagged by the model too (a report flag beside a rule's). */
export function reportedAndFlagged(row: QueueRow): boolean {
  return row.flags.length > 1 && row.flags.some(isReportFlag);
}

/** Reported-and-flagged first, then most severe, then in reading order. */
export function compareRows(a: QueueRow, b: QueueRow): number {
  return (
    Number(reportedAndFlagged(b)) - Number(reportedAndFlagged(a)) ||
    primaryFlag(b).severity - primaryFlag(a).severity ||
    a.order - b.order
  );
}

/**
 * Adds newly found flags to the queue (as `onFlag` reports them): only the
 * rows they touch are rebuilt, then merged into the sorted queue, so a long
 * scan costs O(n) per batch, not a full sort.
 */
export function addFlags(rows: readonly QueueRow[], flags: readonly Flag[], index: ThreadIndex): QueueRow[] {
  if (flags.length === 0) return rows as QueueRow[];
  const touched = new Set(flags.map((f) => f.commentId));
  const positions = rowPositions(rows);
  const previous = [...touched].flatMap((id) => {
    const at = positions.get(id);
    return at === undefined ? [] : rows[at]!.flags;
  });
  const changed = buildRows([...previous, ...flags], index);
  const kept = rows.filter((row) => !touched.has(row.id));
  const merged: QueueRow[] = [];
  let i = 0;
  let j = 0;
  while (i < kept.length || j < changed.length) {
    if (j >= changed.length || (i < kept.length && compareRows(kept[i]!, changed[j]!) <= 0)) merged.push(kept[i++]!);
    else merged.push(changed[j++]!);
  }
  return merged;
}

const haystacks = new WeakMap<QueueRow, string>();

/** Everything `/` searches in: text, evidence, rule ids and titles, the author. */
function haystack(row: QueueRow, rules: ReadonlyMap<string, Rule>): string {
  let text = haystacks.get(row);
  if (text === undefined) {
    const author = row.comment.author;
    const parts = [
      row.comment.body,
      author ? `@${author.name}` : '',
      author?.instance ?? '',
      author?.displayName ?? '',
    ];
    for (const flag of row.flags) {
      const rule = rules.get(flag.ruleId);
      parts.push(flag.ruleId, rule?.title ?? '', rule?.citation ?? '');
      // `/reported` lists what members reported; their reasons are searchable too.
      if (isReportFlag(flag)) parts.push('reported', flag.reason);
    }
    text = parts.join('\n').toLowerCase();
    haystacks.set(row, text);
  }
  return text;
}

/** Case-insensitive; every space-separated word of the filter must match. */
export function rowMatches(row: QueueRow, filter: string, rules: ReadonlyMap<string, Rule>): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = haystack(row, rules);
  return words.every((w) => text.includes(w));
}

const visibleCache = new WeakMap<readonly QueueRow[], { filter: string; rows: readonly QueueRow[] }>();

export function filterRows(
  rows: readonly QueueRow[],
  filter: string,
  rules: ReadonlyMap<string, Rule>,
): readonly QueueRow[] {
  if (filter.trim() === '') return rows;
  const cached = visibleCache.get(rows);
  if (cached?.filter === filter) return cached.rows;
  const result = rows.filter((row) => rowMatches(row, filter, rules));
  visibleCache.set(rows, { filter, rows: result });
  return result;
}

const rowIndexes = new WeakMap<readonly QueueRow[], ReadonlyMap<string, number>>();

/** Position of each row by comment id, cached per rows array. */
export function rowPositions(rows: readonly QueueRow[]): ReadonlyMap<string, number> {
  let index = rowIndexes.get(rows);
  if (index === undefined) {
    index = new Map(rows.map((row, i) => [row.id, i]));
    rowIndexes.set(rows, index);
  }
  return index;
}
