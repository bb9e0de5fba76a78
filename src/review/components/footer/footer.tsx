import { Box, Text } from 'ink';
import { ACTIONS, ACTION_NAMES } from '../../../decisions/actions.js';
import { BROWSE_COMMANDS, Command, DESCRIPTIONS, keysLabel, type KeyCommand } from '../../keymap.js';
import { truncate } from '../../state/text-width.js';
import { visible } from '../../../text/visible.js';

import type { Mode, Notice } from '../../state/types.js';
import { formHints } from '../decision-form/decision-form.js';
import { TextBox } from '../text-box/text-box.js';

export interface FooterProps {
  readonly mode: Mode;
  readonly notice: Notice | null;
  /** A journal write or export is under way. */
  readonly busy: boolean;
  readonly width: number;
  readonly colour: boolean;
}

const SHORT: Partial<Record<KeyCommand, string>> = {
  ...Object.fromEntries(ACTION_NAMES.map((a) => [a, ACTIONS[a].verb])),
  [Command.Undo]: 'undo',
  [Command.ToggleThread]: 'thread',
  [Command.Filter]: 'filter',
  [Command.Export]: 'export',
  [Command.Help]: 'help',
  [Command.Quit]: 'quit',
};

/** The key hints, from the key table, `?` first: at 80 columns the line is cut, and `?` lists everything. */
export function browseHints(): string {
  const order = [Command.Help, ...BROWSE_COMMANDS.filter((c) => c !== Command.Help)];
  return order
    .filter((c) => SHORT[c] !== undefined)
    .map((c) => `${keysLabel(c)} ${SHORT[c]}`)
    .join('  ');
}

const LEVEL_COLOUR = { info: 'green', warn: 'yellow', error: 'red' } as const;

/** The last line: the filter box, the latest notice, or the key hints. */
export function Footer({ mode, notice, busy, width, colour }: FooterProps) {
  if (mode.kind === 'filter') {
    return (
      <TextBox
        field={mode.draft}
        label="/"
        width={width}
        maxRows={1}
        focused
        colour={colour}
        placeholder={` (text, rule or author; ${keysLabel(Command.Accept)} keep, ${keysLabel(Command.Cancel)} cancel)`}
      />
    );
  }
  let text: string;
  let tone: string | undefined;
  if (busy) {
    text = 'saving…';
    tone = 'yellow';
  } else if (notice) {
    text = notice.text;
    tone = LEVEL_COLOUR[notice.level];
  } else if (mode.kind === 'help') {
    text = `${keysLabel(Command.Cancel)}, ${keysLabel(Command.Help)} or ${keysLabel(Command.Quit)}: ${DESCRIPTIONS[Command.Cancel]}`;
  } else if (mode.kind === 'form') {
    text = formHints(mode);
  } else {
    text = browseHints();
  }
  return (
    <Box width={width}>
      <Text wrap="truncate-end" color={colour ? tone : undefined} dimColor={colour && tone === undefined}>
        {visible(truncate(text, width))}
      </Text>
    </Box>
  );
}
