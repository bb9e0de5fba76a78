/**
 * One line per queue row or thread comment, in fixed columns so the eye can
 * run down them: decision, rule, severity, author, depth, evidence.
 */
import type { Decision } from '../../decisions/schema.js';
import { isReportFlag } from '../../flag/reports.js';
import type { Target } from '../../flag/flag-schema.js';
import type { Rule } from '../../flag/rules-schema.js';
import type { Comment } from '../../thread/schema.js';
import { flagEvidence } from './drafts.js';
import { actionMark, FLAG_MARK } from './marks.js';
import { primaryFlag, type QueueRow } from './queue.js';
import { targetShort } from './target-text.js';
import { fitLine, styled, type Line, type Styled } from './styled.js';
import { fit, textWidth, truncate } from './text-width.js';
import { authorLabel, oneLine } from './thread-index.js';

export interface RowContext {
  readonly width: number;
  readonly selected: boolean;
  readonly decision: Decision | undefined;
  /** A journal write for this comment is under way. */
  readonly saving: boolean;
  /** `#301`: which post the comment is in, when the dump spans several. */
  readonly post?: string;
  /** New since the journal's previous dump of the thread (a re-fetch brought it). */
  readonly isNew?: boolean;
}

const STATUS_WIDTH = 11;

function status(ctx: RowContext): Styled {
  if (ctx.saving) return styled(fit('… saving', STATUS_WIDTH), 'warn');
  if (!ctx.decision) return ctx.isNew ? styled(fit('• new', STATUS_WIDTH), 'accent') : styled(' '.repeat(STATUS_WIDTH));
  return actionMark(ctx.decision.action, (symbol, past) => fit(`${symbol} ${past}`, STATUS_WIDTH));
}

/** `Rule 3` from a short citation (`Rule 3.`), else the rule id (`civility`). */
export function ruleLabel(ruleId: string, rulesById: ReadonlyMap<string, Rule>): string {
  const citation = rulesById.get(ruleId)?.citation.replace(/\.\s*$/, '');
  return citation && citation.length <= 8 ? citation : ruleId;
}

/** Every rule that fired on the row's comment, by name (`Rule 3, civility`), and `reported` for members' reports. */
export function rulesFired(row: QueueRow, rulesById: ReadonlyMap<string, Rule>): string {
  const names = row.flags.filter((f) => !isReportFlag(f)).map((f) => ruleLabel(f.ruleId, rulesById));
  if (row.flags.some(isReportFlag)) names.push('reported');
  return names.join(', ');
}

/** The target of the row's strongest flag that has one. */
export function rowTarget(row: QueueRow): Target | null {
  for (const flag of row.flags) if (flag.target) return flag.target;
  return null;
}

const ruleColumns = new WeakMap<readonly QueueRow[], number>();

/** Wide enough for the rules fired on the rows in the list, within reason (cut with `…` past that). */
export function ruleColumn(rows: readonly QueueRow[], rulesById: ReadonlyMap<string, Rule>, width: number): number {
  let widest = ruleColumns.get(rows);
  if (widest === undefined) {
    widest = Math.max(0, ...rows.map((row) => textWidth(rulesFired(row, rulesById))));
    ruleColumns.set(rows, widest);
  }
  return Math.min(Math.max(8, Math.floor(width / 4)), Math.max(8, widest + 1));
}

export function queueLine(
  row: QueueRow,
  rulesById: ReadonlyMap<string, Rule>,
  ctx: RowContext & { readonly ruleWidth: number },
): Line {
  const flag = primaryFlag(row);
  const authorWidth = Math.min(24, Math.max(10, Math.floor(ctx.width * 0.18)));
  const target = rowTarget(row);
  const parts: Styled[] = [
    styled(ctx.selected ? '▸ ' : '  ', 'accent'),
    status(ctx),
    styled(fit(rulesFired(row, rulesById), ctx.ruleWidth), 'bold'),
    styled(` ${flag.severity.toFixed(2).replace(/^0/, '')} `, flag.severity >= 0.8 ? 'error' : 'warn'),
    styled(fit(authorLabel(row.comment, true), authorWidth)),
    styled(` d${String(row.comment.depth).padEnd(2)} `, 'dim'),
  ];
  if (ctx.post !== undefined) parts.push(styled(`${ctx.post} `, 'dim'));
  if (target) parts.push(styled(`${targetShort(target, row.comment.parentId === null)} `, 'accent'));
  const used = parts.reduce((n, p) => n + textWidth(p.text), 0);
  // A report-only row shows what the members said; the comment itself is in the context pane.
  const text = isReportFlag(flag) ? flag.reason : `“${oneLine(flagEvidence(flag).text)}”`;
  parts.push(styled(truncate(oneLine(text), Math.max(0, ctx.width - used))));
  return fitLine(parts, ctx.width);
}

/** Indentation shows depth up to a point; deeper comments say their depth instead. */
const MAX_INDENT_LEVELS = 10;

export function threadLine(comment: Comment, flagged: boolean, ctx: RowContext): Line {
  let mark: Styled = styled(flagged ? `${FLAG_MARK} ` : '  ', 'warn');
  if (ctx.saving) mark = styled('… ', 'warn');
  else if (ctx.decision) mark = actionMark(ctx.decision.action, (symbol) => `${symbol} `);
  const levels = comment.depth - 1;
  const indent =
    levels <= MAX_INDENT_LEVELS ? '  '.repeat(levels) : `${'  '.repeat(MAX_INDENT_LEVELS - 2)}›${comment.depth} `;
  const who = authorLabel(comment, true);
  const parts: Styled[] = [
    styled(ctx.selected ? '▸ ' : '  ', 'accent'),
    mark,
    styled(indent, 'dim'),
    styled(comment.placeholder ? who : `${who}: `, comment.placeholder ? 'dim' : 'bold'),
  ];
  const used = parts.reduce((n, p) => n + textWidth(p.text), 0);
  if (!comment.placeholder) parts.push(styled(truncate(oneLine(comment.body), Math.max(0, ctx.width - used))));
  return fitLine(parts, ctx.width);
}
