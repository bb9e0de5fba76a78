/**
 * Members' reports as a flag source beside the scorer: each reported comment
 * of a dump (fetched with `--reports`) becomes one report flag carrying its
 * reports (reason, reporter) and how many members reported it.
 */
import type { Comment, Dump, Report } from '../thread/schema.js';

export interface ReportFlag {
  readonly commentId: string;
  readonly lemmyPostId: number;
  /** The open reports on the comment, oldest report id first. */
  readonly reports: readonly Report[];
  /** Distinct reporters (a member who reported twice counts once). */
  readonly reporters: number;
}

/** One report flag per reported comment present in the dump, in the dump's reading order. */
export function reportFlags(dump: Dump): ReportFlag[] {
  const byComment = new Map<string, Report[]>();
  for (const report of dump.reports ?? []) {
    if (report.kind !== 'comment' || report.commentId === null) continue;
    const list = byComment.get(report.commentId) ?? [];
    list.push(report);
    byComment.set(report.commentId, list);
  }
  const flags: ReportFlag[] = [];
  for (const thread of dump.posts) {
    for (const comment of thread.comments) {
      const reports = byComment.get(comment.id);
      if (reports === undefined || comment.placeholder) continue;
      flags.push(toFlag(comment, reports));
    }
  }
  return flags;
}

function toFlag(comment: Comment, reports: Report[]): ReportFlag {
  const sorted = [...reports].sort((a, b) => a.reportId - b.reportId);
  const who = new Set(sorted.map((r, i) => (r.reporter ? `${r.reporter.name}@${r.reporter.instance ?? ''}` : `#${i}`)));
  return { commentId: comment.id, lemmyPostId: comment.lemmy?.postId ?? -1, reports: sorted, reporters: who.size };
}

/** Open reports on posts (not comments) in the dump: shown, not queued (a post is not a comment to remove). */
export function postReports(dump: Dump): Report[] {
  return (dump.reports ?? []).filter((r) => r.kind === 'post');
}
