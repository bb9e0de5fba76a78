import { Box } from 'ink';
import { memo, useMemo } from 'react';
import type { Decision } from '../../../decisions/schema.js';
import type { Comment } from '../../../thread/schema.js';
import { threadLine } from '../../state/row-lines.js';
import { useListWindow } from '../list-window/use-list-window.js';
import { StyledLine } from '../styled-line/styled-line.js';
import { useWidth } from '../../theme/theme.js';

export interface ThreadTreeProps {
  /** Every comment, in reading order. */
  readonly comments: readonly Comment[];
  readonly selectedIndex: number;
  readonly height: number;
  /** Ids of flagged comments (marked ⚑ until decided). */
  readonly flagged: ReadonlySet<string>;
  readonly decisions: ReadonlyMap<string, Decision>;
  readonly savingId: string | null;
}

/** The whole thread as an indented tree, windowed like the queue. */
export function ThreadTree(props: ThreadTreeProps) {
  const { comments, selectedIndex, height } = props;
  const width = useWidth();
  const start = useListWindow(selectedIndex, height, comments.length);
  return (
    <Box flexDirection="column" height={height}>
      {comments.slice(start, start + height).map((comment, i) => (
        <TreeLine
          key={comment.id}
          comment={comment}
          flagged={props.flagged.has(comment.id)}
          selected={start + i === selectedIndex}
          decision={props.decisions.get(comment.id)}
          saving={props.savingId === comment.id}
          width={width}
        />
      ))}
    </Box>
  );
}

interface TreeLineProps {
  readonly comment: Comment;
  readonly flagged: boolean;
  readonly selected: boolean;
  readonly decision: Decision | undefined;
  readonly saving: boolean;
  readonly width: number;
}

const TreeLine = memo(function TreeLine({ comment, flagged, selected, decision, saving, width }: TreeLineProps) {
  const line = useMemo(
    () => threadLine(comment, flagged, { width, selected, decision, saving }),
    [comment, flagged, width, selected, decision, saving],
  );
  return <StyledLine line={line} selected={selected} />;
});
