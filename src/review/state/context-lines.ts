/**
 * The context pane, laid out as lines: the chain of ancestors (one line
 * each), the comment with its evidence highlighted and quotes dimmed, its
 * direct replies (one line each) and bars for the label scores, fitted to
 * the pane's height with the evidence kept in view.
 */
import type { Decision } from '../../decisions/schema.js';
import { LABELS, type Label, type LabelScores } from '../../flag/labels.js';
import type { Rule } from '../../flag/rules-schema.js';
import type { Comment, Report } from '../../thread/schema.js';
import { isReportFlag } from '../../flag/reports.js';
import { reportLines } from './member.js';
import { addMarkers, segmentBody, wrapSegments, type Span } from './body-lines.js';
import { actionMark, durationText } from './marks.js';
import { primaryFlag, type QueueRow } from './queue.js';
import { ruleLabel } from './row-lines.js';
import { fitLine, styled, type Line, type Styled } from './styled.js';
import { textWidth, truncate } from './text-width.js';
import { ancestorsOf, authorLabel, oneLine, type ThreadIndex } from './thread-index.js';
import type { CommentAnalysis } from './types.js';

export interface ContextInput {
  readonly comment: Comment;
  readonly index: ThreadIndex;
  readonly row: QueueRow | undefined;
  readonly analysis: CommentAnalysis | undefined;
  readonly decision: Decision | undefined;
  readonly rulesById: ReadonlyMap<string, Rule>;
  readonly width: number;
  readonly height: number;
  /** False in colourless terminals: evidence is then marked with »…«. */
  readonly colour: boolean;
  /** The post the comment is in, shown when the dump spans several posts. */
  readonly postTitle?: string | null;
  /** The author's record in one line (`4 comments here · 2 flagged · …`). */
  readonly record?: string | null;
  /** Members' open reports on the comment. */
  readonly reports?: readonly Report[];
}

const SHORT_LABELS: Readonly<Record<Label, string>> = {
  identity_attack: 'identity',
  insult: 'insult',
  obscene: 'obscene',
  severe_toxicity: 'severe',
  sexual_explicit: 'sexual',
  threat: 'threat',
  toxicity: 'toxicity',
};

const BAR_CELL = 23;

/** `████░░░░`: a score in [0, 1] as a bar of `width` cells. */
export function scoreBar(value: number, width: number): string {
  const filled = Math.round(Math.min(1, Math.max(0, value)) * width);
  return '█'.repeat(filled) + '░'.repeat(width - filled);
}

function scoreLines(scores: LabelScores | null, width: number, maxLines: number): Line[] {
  if (maxLines <= 0) return [];
  if (scores === null) return [[styled('scores: not scored yet', 'dim')]];
  const shown = LABELS.filter((l) => scores[l] >= 0.01).sort((a, b) => scores[b] - scores[a]);
  if (shown.length === 0) return [[styled('scores: every label below 0.01', 'dim')]];
  const perLine = Math.max(1, Math.floor((width + 2) / (BAR_CELL + 2)));
  const lines: Line[] = [];
  for (let i = 0; i < shown.length && lines.length < maxLines; i += perLine) {
    const line: Styled[] = [];
    for (const label of shown.slice(i, i + perLine)) {
      const value = scores[label];
      if (line.length > 0) line.push(styled('  '));
      line.push(styled(SHORT_LABELS[label].padEnd(9)), styled(scoreBar(value, 8), value >= 0.5 ? 'warn' : 'accent'));
      line.push(styled(` ${value.toFixed(2).replace(/^0/, '')}`, 'dim'));
    }
    lines.push(line);
  }
  return lines;
}

function badges(comment: Comment): string {
  const map = { moderator: 'M', admin: 'A', op: 'OP', bot: 'bot' } as const;
  return comment.badges.map((b) => ` [${map[b]}]`).join('');
}

/** One line for an ancestor or a reply: who, and the start of what they wrote. */
function summaryLine(prefix: string, comment: Comment, width: number, tone: 'dim' | 'plain' = 'dim'): Line {
  const who = `${authorLabel(comment)}${badges(comment)}`;
  if (comment.placeholder) return [styled(truncate(`${prefix}${who}`, width), 'dim')];
  const head = `${prefix}${who}: `;
  return [
    styled(truncate(head, width), 'bold'),
    styled(truncate(oneLine(comment.body), Math.max(0, width - textWidth(head))), tone),
  ];
}

/** Who, the flag and the decision first (they matter most), then the facts, which give way at narrow widths. */
function headerLine(input: ContextInput): Line {
  const { comment, decision, row, rulesById, width } = input;
  const parts: Styled[] = [styled(`${authorLabel(comment)}${badges(comment)}`, 'bold')];
  if (row) {
    const flag = primaryFlag(row);
    const model = row.flags.filter((f) => !isReportFlag(f));
    const more = model.length > 1 ? ` +${model.length - 1}` : '';
    if (!isReportFlag(flag)) {
      parts.push(styled(` · flagged ${ruleLabel(flag.ruleId, rulesById)}${more} ${flag.severity.toFixed(2)}`, 'warn'));
    }
    if (row.flags.some(isReportFlag)) parts.push(styled(' · reported', 'warn'));
  }
  if (decision) {
    const days = durationText(decision.action, decision.banDays, true);
    parts.push(actionMark(decision.action, (symbol, past) => ` · ${symbol} ${past}${days}`));
  }
  const facts = [`depth ${comment.depth}`];
  if (comment.score !== null) facts.push(`${comment.score >= 0 ? '+' : ''}${comment.score}`);
  if (comment.line !== null) facts.push(`line ${comment.line}`);
  if (comment.age) facts.push(comment.age);
  parts.push(styled(` · ${facts.join(' · ')}`, 'dim'));
  return fitLine(parts, width);
}

function evidenceSpans(row: QueueRow | undefined): { evidence: Span[]; terms: Span[] } {
  const evidence: Span[] = [];
  const terms: Span[] = [];
  for (const flag of row?.flags ?? []) {
    for (const e of flag.evidence) {
      evidence.push({ start: e.start, end: e.end });
      for (const t of e.terms) terms.push({ start: t.start, end: t.end });
    }
  }
  return { evidence, terms };
}

export function contextLines(input: ContextInput): Line[] {
  const { comment, index, width, height } = input;
  if (height <= 0) return [];
  const header = headerLine(input);
  if (comment.placeholder) {
    return [header, [styled('[missing comment: the dump does not have its text]', 'dim')]].slice(0, height);
  }

  const scores = input.row ? primaryFlag(input.row).scores : (input.analysis?.scores ?? null);
  const bars = scoreLines(scores, width, height >= 8 ? 2 : 1);
  const ancestors = ancestorsOf(index, comment);
  const replies = index.children.get(comment.id) ?? [];

  const segments = segmentBody(comment.body, { ...evidenceSpans(input.row), quotes: comment.quotes });
  const body = wrapSegments(input.colour ? segments : addMarkers(segments), width);

  const extra: Line[] = [];
  if (input.postTitle) extra.push([styled(truncate(`in “${oneLine(input.postTitle)}”`, width), 'dim')]);
  extra.push(...reportLines(input.reports ?? [], width, 1));
  if (input.record) extra.push([styled(truncate(`record: ${input.record}`, width), 'dim')]);
  const shownExtra = extra.slice(0, Math.max(0, height - 4));

  // Ancestors and replies give way to the body first: the body is what is being judged.
  const fixed = 1 + bars.length + shownExtra.length;
  let aBudget = Math.min(ancestors.length, 3);
  let rBudget = Math.min(replies.length, 2);
  const minBody = Math.min(body.lines.length, 3);
  while (fixed + aBudget + rBudget + minBody > height && (aBudget > 1 || rBudget > 1)) {
    if (aBudget >= rBudget && aBudget > 1) aBudget--;
    else rBudget--;
  }
  while (fixed + aBudget + rBudget + minBody > height && (aBudget > 0 || rBudget > 0)) {
    if (rBudget > 0) rBudget--;
    else aBudget--;
  }
  const bodyBudget = Math.max(0, height - fixed - aBudget - rBudget);

  const lines: Line[] = [];
  if (aBudget > 0) {
    const shown = ancestors.slice(-aBudget);
    const hidden = ancestors.length - shown.length;
    shown.forEach((a, i) => {
      const indent = ' '.repeat(Math.min(i, 6));
      if (i === 0 && hidden > 0)
        lines.push([styled(truncate(`↑ ${hidden} more above · `, width), 'dim'), ...summaryLine('', a, width - 20)]);
      else lines.push(summaryLine(`${indent}↑ `, a, width));
    });
  }
  lines.push(header);
  lines.push(...shownExtra);
  lines.push(...windowBody(body.lines, body.firstEvidence, bodyBudget, width));
  if (rBudget > 0) {
    const shown = replies.slice(0, rBudget);
    shown.forEach((r, i) => {
      const last = i === shown.length - 1 && replies.length > shown.length;
      const prefix = last ? `↳ (+${replies.length - shown.length} more) ` : '↳ ';
      lines.push(summaryLine(prefix, r, width));
    });
  }
  lines.push(...bars);
  return lines.slice(0, height);
}

/** Shows `budget` lines of the body, scrolled so the first evidence line is in view. */
function windowBody(lines: readonly Line[], firstEvidence: number, budget: number, width: number): Line[] {
  if (budget <= 0) return [];
  if (lines.length === 0) return [[styled('(empty comment)', 'dim')]];
  if (lines.length <= budget) return [...lines];
  const focus = Math.max(0, firstEvidence);
  const start = Math.max(0, Math.min(focus - 1, lines.length - budget));
  const out: Line[] = lines.slice(start, start + budget);
  if (start > 0 && out.length > 1) out[0] = [styled(truncate(`… ${start + 1} lines above`, width), 'dim')];
  const below = lines.length - (start + budget);
  if (below > 0 && out.length > 2) out[out.length - 1] = [styled(truncate(`… ${below + 1} more lines`, width), 'dim')];
  return out;
}
