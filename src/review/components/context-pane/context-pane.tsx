import { Box, Text } from 'ink';
import { useEffect, useMemo } from 'react';
import type { Decision } from '../../../decisions/schema.js';
import type { Rule } from '../../../flag/rules-schema.js';
import type { Comment, Report } from '../../../thread/schema.js';
import { memberLines, recordSummary, recordWorthShowing, type MemberRecord } from '../../state/member.js';
import { contextLines, type ContextExtent } from '../../state/context-lines.js';
import type { QueueRow } from '../../state/queue.js';
import type { ThreadIndex } from '../../state/thread-index.js';
import type { CommentAnalysis } from '../../state/types.js';
import { StyledLine } from '../styled-line/styled-line.js';
import { useTheme, useWidth } from '../../theme/theme.js';

export interface ContextPaneProps {
  /** The selected comment, or null when there is none yet. */
  readonly comment: Comment | null;
  readonly index: ThreadIndex;
  readonly row: QueueRow | undefined;
  readonly analysis: CommentAnalysis | undefined;
  readonly decision: Decision | undefined;
  readonly rulesById: ReadonlyMap<string, Rule>;
  readonly height: number;
  readonly postTitle?: string | null;
  readonly reports?: readonly Report[];
  /** The author's record; with `memberView`, shown in full instead of the context. */
  readonly record?: MemberRecord | null;
  readonly memberView?: boolean;
  readonly rowsById?: ReadonlyMap<string, QueueRow>;
  /** Decisions in force, for the marks of the member's comments. */
  readonly decisions?: ReadonlyMap<string, Decision>;
  /** Rows the body is scrolled from where it opens (J/K). */
  readonly scroll?: number;
  /** Told how far this comment's body can scroll, after each layout. */
  readonly onExtent?: (id: string, extent: ContextExtent) => void;
}

/** Ancestors, the comment with its evidence, replies and score bars. */
export function ContextPane(props: ContextPaneProps) {
  const { comment, index, row, analysis, decision, rulesById, height } = props;
  const width = useWidth();
  const markEvidence = useTheme().marksEvidence;
  const { postTitle, reports, record, memberView, rowsById, decisions, scroll = 0, onExtent } = props;
  const layout = useMemo(() => {
    if (comment === null) return { lines: [], extent: { min: 0, max: 0, step: 1 } };
    if (memberView && record && rowsById && decisions) {
      return {
        lines: memberLines(record, rowsById, decisions, comment.id, width, height),
        extent: { min: 0, max: 0, step: 1 },
      };
    }
    const summary = record && recordWorthShowing(record) ? recordSummary(record) : null;
    return contextLines(
      {
        comment,
        index,
        row,
        analysis,
        decision,
        rulesById,
        width,
        height,
        markEvidence,
        postTitle,
        reports,
        record: summary,
      },
      scroll,
    );
  }, [
    comment,
    index,
    row,
    analysis,
    decision,
    rulesById,
    width,
    height,
    markEvidence,
    postTitle,
    reports,
    record,
    memberView,
    rowsById,
    decisions,
    scroll,
  ]);
  const id = comment?.id ?? null;
  const { min, max, step } = layout.extent;
  useEffect(() => {
    if (id !== null) onExtent?.(id, { min, max, step });
  }, [id, min, max, step, onExtent]);
  if (comment === null) {
    return (
      <Box height={height}>
        <Text dimColor>Nothing selected.</Text>
      </Box>
    );
  }
  return (
    <Box flexDirection="column" height={height}>
      {layout.lines.map((line, i) => (
        <StyledLine key={i} line={line} />
      ))}
    </Box>
  );
}
