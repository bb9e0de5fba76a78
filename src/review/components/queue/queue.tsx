import { Box, Text } from 'ink';
import { memo, useMemo } from 'react';
import type { Decision } from '../../../decisions/schema.js';
import type { Rule } from '../../../flag/rules-schema.js';
import type { QueueRow } from '../../state/queue.js';
import { queueLine, ruleColumn } from '../../state/row-lines.js';
import { useListWindow } from '../list-window/use-list-window.js';
import { StyledLine } from '../styled-line/styled-line.js';
import { useWidth } from '../../theme/theme.js';

export interface QueueProps {
  /** The visible (filtered) rows, most severe first. */
  readonly rows: readonly QueueRow[];
  readonly selectedIndex: number;
  readonly height: number;
  readonly decisions: ReadonlyMap<string, Decision>;
  readonly rulesById: ReadonlyMap<string, Rule>;
  /** The comment whose decision is being written, if any. */
  readonly savingId: string | null;
  /** Shown when there are no rows (still scoring, nothing flagged, filter too narrow). */
  readonly empty: string;
  /** Which post a row's comment is in (`#301`), for dumps that span several posts. */
  readonly postOf?: (row: QueueRow) => string | undefined;
  /** Comments new since the journal's previous dump, marked `new` while undecided. */
  readonly newComments?: ReadonlySet<string>;
}

/** The flagged comments; only the rows in view are rendered, so 10,000 flags cost what 20 do. */
export function Queue(props: QueueProps) {
  const { rows, selectedIndex, height } = props;
  const width = useWidth();
  const start = useListWindow(selectedIndex, height, rows.length);
  const ruleWidth = ruleColumn(rows, props.rulesById, width);
  if (rows.length === 0) {
    return (
      <Box height={height}>
        <Text dimColor>{props.empty}</Text>
      </Box>
    );
  }
  return (
    <Box flexDirection="column" height={height}>
      {rows.slice(start, start + height).map((row, i) => (
        <QueueLine
          key={row.id}
          row={row}
          selected={start + i === selectedIndex}
          decision={props.decisions.get(row.id)}
          saving={props.savingId === row.id}
          rulesById={props.rulesById}
          width={width}
          ruleWidth={ruleWidth}
          post={props.postOf?.(row)}
          isNew={props.newComments?.has(row.id) ?? false}
        />
      ))}
    </Box>
  );
}

interface QueueLineProps {
  readonly row: QueueRow;
  readonly selected: boolean;
  readonly decision: Decision | undefined;
  readonly saving: boolean;
  readonly rulesById: ReadonlyMap<string, Rule>;
  readonly width: number;
  readonly ruleWidth: number;
  readonly post: string | undefined;
  readonly isNew: boolean;
}

const QueueLine = memo(function QueueLine({
  row,
  selected,
  decision,
  saving,
  rulesById,
  width,
  ruleWidth,
  post,
  isNew,
}: QueueLineProps) {
  const line = useMemo(
    () => queueLine(row, rulesById, { width, ruleWidth, selected, decision, saving, post, isNew }),
    [row, rulesById, width, ruleWidth, selected, decision, saving, post, isNew],
  );
  return <StyledLine line={line} selected={selected} />;
});
