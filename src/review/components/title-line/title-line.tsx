import { Spinner } from '@inkjs/ui';
import { Box, Text } from 'ink';
import { scoreBar } from '../../state/context-lines.js';
import { truncate } from '../../state/text-width.js';
import type { Phase } from '../../state/types.js';
import { visible } from '../../../text/visible.js';
import { useTheme, useWidth } from '../../theme/theme.js';

export interface TitleLineProps {
  /** What the pane below holds, e.g. `Queue · 12 flagged`. */
  readonly title: string;
  /** When given, loading and scoring progress shows on the right. */
  readonly phase?: Phase;
}

/** A pane's title on a rule line; the model-loading spinner and the scoring bar live on the queue's. */
export function TitleLine({ title, phase }: TitleLineProps) {
  const theme = useTheme();
  const width = useWidth();
  const progress = phase ? progressText(phase) : '';
  const spinning = phase?.kind === 'loading';
  const right = spinning ? progress.length + 2 : progress.length;
  const head = `── ${title} `;
  const room = Math.max(0, width - right - (right > 0 ? 1 : 0));
  const left = truncate(head, room);
  const rule = '─'.repeat(Math.max(0, room - left.length));
  return (
    <Box width={width}>
      <Text {...theme.tone('bold')} wrap="truncate-end">
        {visible(left)}
        <Text {...theme.tone('dim')}>{rule}</Text>
      </Text>
      {right > 0 && <Text> </Text>}
      {spinning && <Spinner label={visible(progress)} />}
      {!spinning && progress && <Text {...theme.tone('accent')}>{visible(progress)}</Text>}
    </Box>
  );
}

function progressText(phase: Phase): string {
  switch (phase.kind) {
    case 'loading':
      return phase.status;
    case 'scanning': {
      if (phase.total === 0) return 'scoring…';
      return `scoring ${scoreBar(phase.done / phase.total, 10)} ${phase.done}/${phase.total}`;
    }
    case 'ready':
      return '';
  }
}
