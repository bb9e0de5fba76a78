/**
 * The member's record, for the comment's author: their comments in this
 * dump and how many are flagged or reported, what this moderator already
 * decided about them (the journal), and the community's modlog entries about
 * them (fetched with `--reports`). Shown as one line in the context pane, and
 * in full (`m`) with the author's other comments, so a pattern is visible
 * before a ban.
 */
import type { Decision } from '../../decisions/schema.js';
import { isReportFlag } from '../../flag/reports.js';
import type { Comment, ModlogEntry, Report } from '../../thread/schema.js';
import { ACTIONS } from '../../decisions/actions.js';
import type { QueueRow } from './queue.js';
import { styled, fitLine, type Line } from './styled.js';
import { truncate } from './text-width.js';
import { authorLabel, oneLine, type ThreadIndex } from './thread-index.js';

export interface MemberRecord {
  readonly author: string;
  /** The author's comments in the dump, in reading order. */
  readonly comments: readonly Comment[];
  readonly flagged: number;
  readonly reported: number;
  /** Decisions in force on their comments, by action. */
  readonly decided: ReadonlyMap<Decision['action'], number>;
  readonly modlog: readonly ModlogEntry[];
}

/** Same person: the Lemmy person id when both have one, else name and instance. */
function samePerson(a: Comment, b: Comment): boolean {
  const x = a.author;
  const y = b.author;
  if (x === null || y === null) return false;
  if (x.lemmyPersonId != null && y.lemmyPersonId != null) return x.lemmyPersonId === y.lemmyPersonId;
  return x.name === y.name && x.instance === y.instance;
}

const records = new WeakMap<ThreadIndex, Map<string, readonly Comment[]>>();

/** The author's comments, cached per thread and author so moving through the queue never rescans. */
export function commentsBy(index: ThreadIndex, comment: Comment): readonly Comment[] {
  let byAuthor = records.get(index);
  if (byAuthor === undefined) records.set(index, (byAuthor = new Map()));
  const key = `${comment.author?.lemmyPersonId ?? ''}\0${comment.author?.name}\0${comment.author?.instance}`;
  let list = byAuthor.get(key);
  if (list === undefined) {
    list = index.comments.filter((c) => !c.placeholder && samePerson(c, comment));
    byAuthor.set(key, list);
  }
  return list;
}

export function memberRecord(
  comment: Comment,
  index: ThreadIndex,
  rows: ReadonlyMap<string, QueueRow>,
  decisions: ReadonlyMap<string, Decision>,
  modlog: readonly ModlogEntry[],
): MemberRecord | null {
  if (comment.author === null || comment.placeholder) return null;
  const comments = commentsBy(index, comment);
  let flagged = 0;
  let reported = 0;
  const decided = new Map<Decision['action'], number>();
  for (const c of comments) {
    const row = rows.get(c.id);
    if (row?.flags.some((f) => !isReportFlag(f))) flagged++;
    if (row?.flags.some(isReportFlag)) reported++;
    const decision = decisions.get(c.id);
    if (decision) decided.set(decision.action, (decided.get(decision.action) ?? 0) + 1);
  }
  const person = comment.author.lemmyPersonId;
  const entries = person == null ? [] : modlog.filter((m) => m.lemmyPersonId === person);
  return { author: authorLabel(comment), comments, flagged, reported, decided, modlog: entries };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * Worth a line in the context pane: the author wrote more than this comment
 * here, or the modlog knows them. A one-comment author without history
 * would only take a line from the comment being judged.
 */
export function recordWorthShowing(record: MemberRecord): boolean {
  return record.comments.length > 1 || record.modlog.length > 0;
}

/** `@x: 4 comments here · 2 flagged · 1 reported · you: 1 removed · modlog: 1 removal, 1 ban`. */
export function recordSummary(record: MemberRecord): string {
  const parts = [`${plural(record.comments.length, 'comment')} here`];
  if (record.flagged > 0) parts.push(`${record.flagged} flagged`);
  if (record.reported > 0) parts.push(`${record.reported} reported`);
  if (record.decided.size > 0) {
    const done = [...record.decided].map(([action, n]) => `${n} ${ACTIONS[action].pastTense}`);
    parts.push(`you: ${done.join(', ')}`);
  }
  const removals = record.modlog.filter((m) => m.kind === 'comment-removed').length;
  const bans = record.modlog.filter((m) => m.kind === 'banned').length;
  if (removals + bans > 0) {
    const log = [removals > 0 ? plural(removals, 'removal') : '', bans > 0 ? plural(bans, 'ban') : ''].filter(Boolean);
    parts.push(`modlog: ${log.join(', ')}`);
  }
  return parts.join(' · ');
}

const MODLOG_WORDS: Readonly<Record<ModlogEntry['kind'], string>> = {
  'comment-removed': 'comment removed',
  'comment-restored': 'comment restored',
  banned: 'banned',
  unbanned: 'unbanned',
};

/** The full record (`m`): the summary, the modlog entries, then each of the author's comments with its marks. */
export function memberLines(
  record: MemberRecord,
  rows: ReadonlyMap<string, QueueRow>,
  decisions: ReadonlyMap<string, Decision>,
  selectedId: string,
  width: number,
  height: number,
): Line[] {
  const lines: Line[] = [
    fitLine([styled(`${record.author}`, 'bold'), styled(` · ${recordSummary(record)}`, 'dim')], width),
  ];
  for (const entry of record.modlog) {
    const day = entry.at?.slice(0, 10) ?? 'undated';
    const until = entry.expires
      ? ` until ${entry.expires.slice(0, 10)}`
      : entry.kind === 'banned'
        ? ' permanently'
        : '';
    const why = entry.reason ? `: ${oneLine(entry.reason)}` : '';
    lines.push([styled(truncate(`  modlog ${day} ${MODLOG_WORDS[entry.kind]}${until}${why}`, width), 'warn')]);
  }
  for (const c of record.comments) {
    const row = rows.get(c.id);
    const decision = decisions.get(c.id);
    const marks = [
      decision ? ACTIONS[decision.action].mark : ' ',
      row?.flags.some((f) => !isReportFlag(f)) ? '⚑' : ' ',
      row?.flags.some(isReportFlag) ? 'R' : ' ',
    ].join('');
    const lead = `${c.id === selectedId ? '▸' : ' '} ${marks} ${c.id}: `;
    lines.push([
      styled(lead, c.id === selectedId ? 'accent' : 'dim'),
      styled(truncate(oneLine(c.body), Math.max(0, width - lead.length))),
    ]);
  }
  return lines.slice(0, height);
}

/** The reports on a comment as lines: `reported by 2: "reason" (@who), …`. */
export function reportLines(reports: readonly Report[], width: number, max: number): Line[] {
  if (reports.length === 0 || max <= 0) return [];
  const reporters = new Set(reports.map((r) => r.reporter?.name ?? '?')).size;
  const shown = reports.map((r) => `"${oneLine(r.reason)}"${r.reporter ? ` (@${r.reporter.name})` : ''}`);
  return [[styled(truncate(`reported by ${reporters}: ${shown.join(', ')}`, width), 'warn')]].slice(0, max);
}
