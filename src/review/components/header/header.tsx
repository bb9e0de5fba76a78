import { Box, Text } from 'ink';
import { truncate } from '../../state/text-width.js';
import { visible } from '../../../text/visible.js';

export interface HeaderProps {
  /** The post's title, or the dump's file name. */
  readonly title: string;
  readonly moderator: string;
  readonly width: number;
  readonly colour: boolean;
}

export function Header({ title, moderator, width, colour }: HeaderProps) {
  const right = ` moderator: ${moderator}`;
  const left = truncate(`threadmod review · ${title}`, Math.max(10, width - right.length));
  return (
    <Box width={width} justifyContent="space-between">
      <Text bold={colour} wrap="truncate-end">
        {visible(left)}
      </Text>
      {left.length + right.length <= width && <Text dimColor={colour}>{visible(right)}</Text>}
    </Box>
  );
}
