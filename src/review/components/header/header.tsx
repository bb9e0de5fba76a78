import { Box, Text } from 'ink';
import { truncate } from '../../state/text-width.js';
import { visible } from '../../../text/visible.js';
import { useTheme, useWidth } from '../../theme/theme.js';

export interface HeaderProps {
  /** The post's title, or the dump's file name. */
  readonly title: string;
  readonly moderator: string;
}

export function Header({ title, moderator }: HeaderProps) {
  const theme = useTheme();
  const width = useWidth();
  const right = ` moderator: ${moderator}`;
  const left = truncate(`threadmod review · ${title}`, Math.max(10, width - right.length));
  return (
    <Box width={width} justifyContent="space-between">
      <Text {...theme.tone('bold')} wrap="truncate-end">
        {visible(left)}
      </Text>
      {left.length + right.length <= width && <Text {...theme.tone('dim')}>{visible(right)}</Text>}
    </Box>
  );
}
