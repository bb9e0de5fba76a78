import { Box, Text } from 'ink';
import { useMemo } from 'react';
import type { Decision } from '../../../decisions/schema.js';
import type { Rule } from '../../../flag/rules-schema.js';
import type { Comment } from '../../../thread/schema.js';
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
}

/** Ancestors, the comment with its evidence, replies and score bars. */
export function ContextPane(props: ContextPaneProps) {
  const { comment, index, row, analysis, decision, rulesById, width, height, colour } = props;
  const lines = useMemo(
    () =>
      comment === null
        ? []
        : contextLines({ comment, index, row, analysis, decision, rulesById, width, height, colour }),
    [comment, index, row, analysis, decision, rulesById, width, height, colour],
  );
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
