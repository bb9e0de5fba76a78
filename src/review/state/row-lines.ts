/**
 * One line per queue row or thread comment, in fixed columns so the eye can
 * run down them: decision, rule, severity, author, depth, evidence.
 */
import type { Decision } from '../../decisions/schema.js';
import { isReportFlag } from '../../flag/reports.js';
import type { Rule } from '../../flag/rules-schema.js';
import type { Comment } from '../../thread/schema.js';
import { flagEvidence } from './drafts.js';
import { actionMark, FLAG_MARK } from './marks.js';
import { primaryFlag, type QueueRow } from './queue.js';
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
}

const STATUS_WIDTH = 11;

function status(ctx: RowContext): Styled {
  if (ctx.saving) return styled(fit('… saving', STATUS_WIDTH), 'warn');
  if (!ctx.decision) return styled(' '.repeat(STATUS_WIDTH));
  return actionMark(ctx.decision.action, (symbol, past) => fit(`${symbol} ${past}`, STATUS_WIDTH));
}

/** `Rule 3` from a short citation (`Rule 3.`), else the rule id (`civility`). */
export function ruleLabel(ruleId: string, rulesById: ReadonlyMap<string, Rule>): string {
  const citation = rulesById.get(ruleId)?.citation.replace(/\.\s*$/, '');
  return citation && citation.length <= 8 ? citation : ruleId;
}

const ruleColumns = new WeakMap<ReadonlyMap<string, Rule>, number>();

/** Wide enough for every rule's label and a `+` (more flags on the comment), within reason. */
function ruleColumn(rulesById: ReadonlyMap<string, Rule>): number {
  let width = ruleColumns.get(rulesById);
  if (width === undefined) {
    width = Math.min(12, Math.max(7, ...[...rulesById.keys()].map((id) => ruleLabel(id, rulesById).length + 2)));
    ruleColumns.set(rulesById, width);
  }
  return width;
}

export function queueLine(row: QueueRow, rulesById: ReadonlyMap<string, Rule>, ctx: RowContext): Line {
  const flag = primaryFlag(row);
  const authorWidth = Math.min(24, Math.max(10, Math.floor(ctx.width * 0.18)));
  const reports = row.flags.find(isReportFlag);
  const rule = isReportFlag(flag)
    ? 'reported'
    : ruleLabel(flag.ruleId, rulesById) + (reports ? '+R' : row.flags.length > 1 ? '+' : '');
  const ruleWidth = ruleColumn(rulesById);
  const parts: Styled[] = [
    styled(ctx.selected ? '▸ ' : '  ', 'accent'),
    status(ctx),
    styled(fit(rule, ruleWidth), 'bold'),
    styled(` ${flag.severity.toFixed(2).replace(/^0/, '')} `, flag.severity >= 0.8 ? 'error' : 'warn'),
    styled(fit(authorLabel(row.comment, true), authorWidth)),
    styled(` d${String(row.comment.depth).padEnd(2)} `, 'dim'),
  ];
  if (ctx.post !== undefined) parts.push(styled(`${ctx.post} `, 'dim'));
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
