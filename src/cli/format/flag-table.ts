/** The human-readable flag listing `threadmod scan` prints on a terminal. */
import { describeTarget } from '../../flag/describe-target.js';
import type { Flag } from '../../flag/flag-schema.js';
import type { ReportFlag } from '../../flag/reports.js';
import { visible } from '../../text/visible.js';
import type { Comment } from '../../thread/schema.js';

export interface FlagRow {
  readonly file: string;
  readonly flag: Flag;
  readonly comment: Comment | undefined;
}

export function renderFlagTable(rows: readonly FlagRow[], width: number): string {
  if (rows.length === 0) return 'No flags.\n';
  const lines: string[] = [];
  for (const { flag, comment } of rows) {
    const who = comment?.author ? `@${comment.author.name}` : '(unknown author)';
    const aimed = flag.target
      ? ` -> ${describeTarget(flag.target, { repliesToPost: comment?.parentId === null })}`
      : '';
    lines.push(
      visible(`${flag.severity.toFixed(2)}  ${flag.ruleId.padEnd(10)} ${flag.commentId.padEnd(10)} ${who}${aimed}`),
    );
    for (const evidence of flag.evidence)
      lines.push(cut(visible(`      "${evidence.text.replace(/\s+/g, ' ')}"`), width));
  }
  const comments = new Set(rows.map((r) => `${r.file}\0${r.flag.commentId}`)).size;
  lines.push(
    '',
    `${rows.length} flag${rows.length === 1 ? '' : 's'} on ${comments} comment${comments === 1 ? '' : 's'}.`,
  );
  return `${lines.join('\n')}\n`;
}

export interface ReportRow {
  readonly file: string;
  readonly flag: ReportFlag;
  readonly comment: Comment | undefined;
}

/** Members' reports, after the model's flags: `reported 2  10003  @author  (also flagged)` and each reason. */
export function renderReportTable(rows: readonly ReportRow[], flagged: ReadonlySet<string>, width: number): string {
  const lines = ['', `Reported by members (${rows.length} comment${rows.length === 1 ? '' : 's'}):`];
  for (const { file, flag, comment } of rows) {
    const who = comment?.author ? `@${comment.author.name}` : '(unknown author)';
    const also = flagged.has(`${file}\0${flag.commentId}`) ? '  (also flagged)' : '';
    lines.push(visible(`reported ${String(flag.reporters).padEnd(3)} ${flag.commentId.padEnd(10)} ${who}${also}`));
    for (const report of flag.reports) {
      const by = report.reporter ? `@${report.reporter.name}` : 'someone';
      lines.push(cut(visible(`      ${by}: "${report.reason.replace(/\s+/g, ' ')}"`), width));
    }
  }
  return `${lines.join('\n')}\n`;
}

function cut(line: string, width: number): string {
  const chars = Array.from(line);
  return chars.length <= width ? line : `${chars.slice(0, width - 1).join('')}…`;
}
