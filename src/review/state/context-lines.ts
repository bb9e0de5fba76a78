/**
 * The context pane, laid out as lines: the chain of ancestors (one line
 * each), the comment with its evidence highlighted and quotes dimmed, its
 * direct replies (one line each) and bars for the label scores, fitted to
 * the pane's height with the evidence kept in view.
 */
import type { Decision } from '../../decisions/schema.js';
import { LABELS, type LabelScores } from '../../flag/labels.js';
import type { Rule } from '../../flag/rules-schema.js';
import type { Comment, Report } from '../../thread/schema.js';
import { describeTarget } from '../../flag/describe-target.js';
import { isReportFlag } from '../../flag/reports.js';
import { reportLines } from './member.js';
import { Command, keysLabel } from '../keymap.js';
import { addMarkers, segmentBody, wrapSegments, type Span, type Wrapped } from './body-lines.js';
import { actionMark, durationText } from './marks.js';
import { primaryFlag, type QueueRow } from './queue.js';
import { ruleLabel } from './row-lines.js';
import { fitLine, styled, type Line, type Styled } from './styled.js';
import { textWidth, truncate } from './text-width.js';
import { ancestorsOf, authorLabel, oneLine, type ThreadIndex } from './thread-index.js';
import type { CommentAnalysis } from './types.js';
import { SHORT_LABELS } from './label-names.js';
import { whyLines } from './why-lines.js';

export interface ContextInput {
  readonly comment: Comment;
  readonly index: ThreadIndex;
  readonly row: QueueRow | undefined;
  readonly analysis: CommentAnalysis | undefined;
  readonly decision: Decision | undefined;
  readonly rulesById: ReadonlyMap<string, Rule>;
  readonly width: number;
  readonly height: number;
  /** The theme cannot show evidence by style (no colour): it is marked with »…« in the text. */
  readonly markEvidence: boolean;
  /** The post the comment is in, shown when the dump spans several posts. */
  readonly postTitle?: string | null;
  /** The author's record in one line (`4 comments here · 2 flagged · …`). */
  readonly record?: string | null;
  /** Members' open reports on the comment. */
  readonly reports?: readonly Report[];
}

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

/** Who and the decision first (they matter most), then the facts, which give way at narrow widths. */
function headerLine(input: ContextInput): Line {
  const { comment, decision, width } = input;
  const parts: Styled[] = [styled(`${authorLabel(comment)}${badges(comment)}`, 'bold')];
  if (decision) {
    const days = durationText(decision.action, decision.banDays, true);
    parts.push(actionMark(decision.action, (symbol, past) => ` · ${symbol} ${past}${days}`));
  }
  const facts = [`depth ${comment.depth}`];
  if (comment.score !== null) facts.push(`score ${comment.score >= 0 ? '+' : ''}${comment.score}`);
  if (comment.line !== null) facts.push(`line ${comment.line}`);
  if (comment.age) facts.push(comment.age);
  parts.push(styled(` · ${facts.join(' · ')}`, 'dim'));
  return fitLine(parts, width);
}

/**
 * Every rule that fired, by name, with its severity, and whom the evidence is
 * aimed at: `flagged Rule 3 .93 → parent comment's author (cue: "you") · civility .92`.
 */
function flagLine(row: QueueRow | undefined, rulesById: ReadonlyMap<string, Rule>, width: number): Line | null {
  if (!row) return null;
  const where = { repliesToPost: row.comment.parentId === null };
  const parts: Styled[] = [];
  const model = row.flags.filter((f) => !isReportFlag(f));
  // A target said once: the rules that follow with the same aim do not repeat it.
  let said = '';
  model.forEach((flag, i) => {
    const name = `${i === 0 ? 'flagged ' : ' · '}${ruleLabel(flag.ruleId, rulesById)} `;
    parts.push(styled(name, 'warn'), styled(flag.severity.toFixed(2).replace(/^0/, ''), 'warn'));
    const target = flag.target ? describeTarget(flag.target, where) : '';
    if (target && target !== said) parts.push(styled(` → ${target}`, 'accent'));
    if (target) said = target;
  });
  if (row.flags.some(isReportFlag)) parts.push(styled(model.length > 0 ? ' · reported' : 'reported', 'warn'));
  return fitLine(parts, width);
}

/** Why the comment's strongest model flag was raised (reports explain themselves on their own line). */
function whyOfRow(row: QueueRow | undefined, rulesById: ReadonlyMap<string, Rule>, width: number): Line[] {
  const flag = row?.flags.find((f) => !isReportFlag(f));
  return flag ? whyLines(flag, rulesById.get(flag.ruleId), width) : [];
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

/** How far the body can scroll from where it opens (on the evidence), and by how much a key moves it. */
export interface ContextExtent {
  readonly min: number;
  readonly max: number;
  readonly step: number;
}

export interface ContextLayout {
  readonly lines: Line[];
  readonly extent: ContextExtent;
}

const NO_SCROLL: ContextExtent = { min: 0, max: 0, step: 1 };

/**
 * Shares the pane's rows out. The body is what is being judged, so it comes
 * first, with enough rows for the whole evidence sentence and a line before
 * it; then the parent and one reply, the rest of the score bars, the other
 * ancestors and replies, and what is left goes to the body again.
 */
function shareRows(
  height: number,
  fixed: number,
  body: { total: number; want: number },
  ancestors: number,
  replies: number,
  bars: number,
) {
  let left = height - fixed;
  const take = (n: number) => {
    const got = Math.max(0, Math.min(n, left));
    left -= got;
    return got;
  };
  let bodyRows = take(body.want);
  let barRows = take(Math.min(1, bars));
  let aRows = take(Math.min(1, ancestors));
  let rRows = take(Math.min(1, replies));
  barRows += take(bars - barRows);
  aRows += take(Math.min(3, ancestors) - aRows);
  rRows += take(Math.min(2, replies) - rRows);
  bodyRows += take(body.total - bodyRows);
  return { bodyRows, barRows, aRows, rRows };
}

export function contextLines(input: ContextInput, scroll = 0): ContextLayout {
  const { comment, index, width, height } = input;
  if (height <= 0) return { lines: [], extent: NO_SCROLL };
  const header = headerLine(input);
  const flagged = flagLine(input.row, input.rulesById, width);
  if (comment.placeholder) {
    const lines = [header, [styled('[missing comment: the dump does not have its text]', 'dim')]];
    return { lines: lines.slice(0, height), extent: NO_SCROLL };
  }

  const scores = input.row ? primaryFlag(input.row).scores : (input.analysis?.scores ?? null);
  const allBars = scoreLines(scores, width, 2);
  const ancestors = ancestorsOf(index, comment);
  const replies = index.children.get(comment.id) ?? [];

  const segments = segmentBody(comment.body, { ...evidenceSpans(input.row), quotes: comment.quotes });
  const body = wrapSegments(input.markEvidence ? addMarkers(segments) : segments, width);

  const extra: Line[] = [];
  if (flagged) extra.push(flagged);
  extra.push(...whyOfRow(input.row, input.rulesById, width));
  if (input.postTitle) extra.push([styled(truncate(`in “${oneLine(input.postTitle)}”`, width), 'dim')]);
  extra.push(...reportLines(input.reports ?? [], width, 1));
  if (input.record) extra.push([styled(truncate(`record: ${input.record}`, width), 'dim')]);
  const shownExtra = extra.slice(0, Math.max(0, height - 4));

  const total = Math.max(1, body.lines.length);
  const evidenceRows = body.firstEvidence < 0 ? 1 : body.lastEvidence - body.firstEvidence + 1;
  // The evidence, a line before it, and the two "… lines above / more lines" markers.
  const want = Math.min(total, Math.max(3, evidenceRows + 3));
  const share = shareRows(
    height,
    1 + shownExtra.length,
    { total, want },
    ancestors.length,
    replies.length,
    allBars.length,
  );

  const lines: Line[] = [];
  if (share.aRows > 0) {
    const shown = ancestors.slice(-share.aRows);
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
  const window = windowBody(body, share.bodyRows, width, scroll);
  lines.push(...window.lines);
  if (share.rRows > 0) {
    const shown = replies.slice(0, share.rRows);
    shown.forEach((r, i) => {
      const last = i === shown.length - 1 && replies.length > shown.length;
      const prefix = last ? `↳ (+${replies.length - shown.length} more) ` : '↳ ';
      lines.push(summaryLine(prefix, r, width));
    });
  }
  lines.push(...allBars.slice(0, share.barRows));
  return { lines: lines.slice(0, height), extent: window.extent };
}

/**
 * `budget` rows of the body. It opens with the whole evidence in view and a
 * line before it; `scroll` moves it from there. Rows cut off above and below
 * are counted on a marker line that names the key to see them.
 */
function windowBody(
  body: Wrapped,
  budget: number,
  width: number,
  scroll: number,
): { lines: Line[]; extent: ContextExtent } {
  const { lines } = body;
  if (budget <= 0) return { lines: [], extent: NO_SCROLL };
  if (lines.length === 0) return { lines: [[styled('(empty comment)', 'dim')]], extent: NO_SCROLL };
  if (lines.length <= budget) return { lines: [...lines], extent: NO_SCROLL };
  // With fewer than 3 rows there is no room for markers: plain lines, scrolled.
  const marked = budget >= 3;
  // The last start: the window ends on the last line, one marker above it.
  const lastStart = lines.length - (marked ? budget - 1 : budget);
  const focus = Math.max(0, body.firstEvidence);
  const last = Math.max(focus, body.lastEvidence);
  // Open with a line before the evidence, or, for long evidence, its start at the top.
  const rowsFor = (start: number) => budget - (marked && start > 0 ? 1 : 0) - (marked ? 1 : 0);
  let open = Math.max(0, focus - 1);
  if (last >= open + rowsFor(open)) open = Math.max(0, Math.min(focus, last - rowsFor(focus) + 1));
  open = Math.min(open, lastStart);
  const start = Math.min(lastStart, Math.max(0, open + scroll));
  const above = marked && start > 0 ? 1 : 0;
  let rows = budget - above;
  const below = marked && start + rows < lines.length ? 1 : 0;
  rows -= below;
  const out: Line[] = [];
  const hint = (command: Command, way: string) => ` · ${keysLabel(command)} to scroll ${way}`;
  if (above) out.push([styled(truncate(`… ${start} lines above${hint(Command.ScrollUp, 'up')}`, width), 'dim')]);
  out.push(...lines.slice(start, start + rows));
  const more = lines.length - (start + rows);
  if (below) out.push([styled(truncate(`… ${more} more lines${hint(Command.ScrollDown, 'down')}`, width), 'dim')]);
  return { lines: out, extent: { min: -open, max: lastStart - open, step: Math.max(1, budget - (marked ? 3 : 1)) } };
}
