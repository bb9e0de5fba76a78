/**
 * Members' reports as a flag source beside the scorer: each reported comment
 * of a dump (fetched with `--reports`) becomes one report flag carrying its
 * reports (reason, reporter) and how many members reported it.
 */
import type { Comment, Dump, Report } from '../thread/schema.js';
import type { Flag } from './flag-schema.js';
import { zeroScores } from './labels.js';

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

/** The rule id report flags carry: not a rule of the rules file, the members' word. */
export const REPORT_RULE = 'report';

export function isReportFlag(flag: Pick<Flag, 'ruleId'>): boolean {
  return flag.ruleId === REPORT_RULE;
}

/**
 * Report flags in the shape of the model's flags, so the review queue can
 * hold them beside the model's on the same comment. Severity 0: a report
 * sorts by the rule it is paired with, and alone after the model's flags.
 * The evidence is an empty span at the start of the body (nothing in the
 * text is highlighted on the members' behalf); the reasons are in `reason`.
 */
export function reportFlagsAsFlags(dump: Dump): Flag[] {
  return reportFlags(dump).map((r) => ({
    commentId: r.commentId,
    ruleId: REPORT_RULE,
    severity: 0,
    evidence: [{ text: '', start: 0, end: 0, scores: zeroScores(), terms: [], target: null }],
    target: null,
    reason: `Reported by ${r.reporters}: ${r.reports.map((x) => `"${x.reason}"`).join(', ')}`,
    scores: zeroScores(),
  }));
}
