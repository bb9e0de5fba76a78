/** The human-readable flag listing `threadmod scan` prints on a terminal. */
import { describeTarget } from '../../flag/describe-target.js';
import type { Flag } from '../../flag/flag-schema.js';
import type { ReportFlag } from '../../flag/reports.js';
import { visible } from '../../text/visible.js';
import { counted } from '../../text/plural.js';
import type { Comment } from '../../thread/schema.js';

export interface FlagRow {
  readonly file: string;
  readonly flag: Flag;
  readonly comment: Comment | undefined;
}

/** `severalFiles`: the scan read more than one dump, so each row says which file it is from. */
export function renderFlagTable(rows: readonly FlagRow[], width: number, severalFiles = false): string {
  if (rows.length === 0) return 'No flags.\n';
  const lines: string[] = [];
  const where = locator(severalFiles);
  for (const { file, flag, comment } of rows) {
    const who = comment?.author ? `@${comment.author.name}` : '(unknown author)';
    const aimed = flag.target
      ? ` -> ${describeTarget(flag.target, { repliesToPost: comment?.parentId === null })}`
      : '';
    lines.push(
      visible(`${flag.severity.toFixed(2)}  ${flag.ruleId.padEnd(10)} ${where(file, flag.commentId)} ${who}${aimed}`),
    );
    for (const evidence of flag.evidence)
      lines.push(cut(visible(`      "${evidence.text.replace(/\s+/g, ' ')}"`), width));
  }
  const comments = new Set(rows.map((r) => `${r.file}\0${r.flag.commentId}`)).size;
  lines.push('', `${counted(rows.length, 'flag')} on ${counted(comments, 'comment')}.`);
  return `${lines.join('\n')}\n`;
}

export interface ReportRow {
  readonly file: string;
  readonly flag: ReportFlag;
  readonly comment: Comment | undefined;
}

/** Members' reports, after the model's flags: `reported 2  10003  @author  (also flagged)` and each reason. */
export function renderReportTable(
  rows: readonly ReportRow[],
  flagged: ReadonlySet<string>,
  width: number,
  severalFiles = false,
): string {
  const lines = ['', `Reported by members (${counted(rows.length, 'comment')}):`];
  const where = locator(severalFiles);
  for (const { file, flag, comment } of rows) {
    const who = comment?.author ? `@${comment.author.name}` : '(unknown author)';
    const also = flagged.has(`${file}\0${flag.commentId}`) ? '  (also flagged)' : '';
    lines.push(visible(`reported ${String(flag.reporters).padEnd(3)} ${where(file, flag.commentId)} ${who}${also}`));
    for (const report of flag.reports) {
      const by = report.reporter ? `@${report.reporter.name}` : 'someone';
      lines.push(cut(visible(`      ${by}: "${report.reason.replace(/\s+/g, ' ')}"`), width));
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The comment's id column; with several dumps, `<file>:<id>` so each flag says where it is from. */
function locator(several: boolean): (file: string, commentId: string) => string {
  return (file, commentId) => (several ? `${file}:${commentId}` : commentId).padEnd(10);
}

function cut(line: string, width: number): string {
  const chars = Array.from(line);
  return chars.length <= width ? line : `${chars.slice(0, width - 1).join('')}…`;
}
