import { Box, Text } from 'ink';
import { useMemo } from 'react';
import type { Decision } from '../../../decisions/schema.js';
import type { Rule } from '../../../flag/rules-schema.js';
import type { Comment, Report } from '../../../thread/schema.js';
import { memberLines, recordSummary, recordWorthShowing, type MemberRecord } from '../../state/member.js';
import { contextLines } from '../../state/context-lines.js';
import type { QueueRow } from '../../state/queue.js';
import type { ThreadIndex } from '../../state/thread-index.js';
import type { CommentAnalysis } from '../../state/types.js';
import { StyledLine } from '../styled-line/styled-line.js';

export interface ContextPaneProps {
  /** The selected comment, or null when there is none yet. */
  readonly comment: Comment | null;
  readonly index: ThreadIndex;
  readonly row: QueueRow | undefined;
  readonly analysis: CommentAnalysis | undefined;
  readonly decision: Decision | undefined;
  readonly rulesById: ReadonlyMap<string, Rule>;
  readonly width: number;
  readonly height: number;
  readonly colour: boolean;
  readonly postTitle?: string | null;
  readonly reports?: readonly Report[];
  /** The author's record; with `memberView`, shown in full instead of the context. */
  readonly record?: MemberRecord | null;
  readonly memberView?: boolean;
  readonly rowsById?: ReadonlyMap<string, QueueRow>;
  /** Decisions in force, for the marks of the member's comments. */
  readonly decisions?: ReadonlyMap<string, Decision>;
}

/** Ancestors, the comment with its evidence, replies and score bars. */
export function ContextPane(props: ContextPaneProps) {
  const { comment, index, row, analysis, decision, rulesById, width, height, colour } = props;
  const { postTitle, reports, record, memberView, rowsById, decisions } = props;
  const lines = useMemo(() => {
    if (comment === null) return [];
    if (memberView && record && rowsById && decisions) {
      return memberLines(record, rowsById, decisions, comment.id, width, height);
    }
    const summary = record && recordWorthShowing(record) ? recordSummary(record) : null;
    return contextLines({
      comment,
      index,
      row,
      analysis,
      decision,
      rulesById,
      width,
      height,
      colour,
      postTitle,
      reports,
      record: summary,
    });
  }, [
    comment,
    index,
    row,
    analysis,
    decision,
    rulesById,
    width,
    height,
    colour,
    postTitle,
    reports,
    record,
    memberView,
    rowsById,
    decisions,
  ]);
  if (comment === null) {
    return (
      <Box height={height}>
        <Text dimColor>Nothing selected.</Text>
      </Box>
    );
  }
  return (
    <Box flexDirection="column" height={height}>
      {lines.map((line, i) => (
        <StyledLine key={i} line={line} colour={colour} />
      ))}
    </Box>
  );
}
