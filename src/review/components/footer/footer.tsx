import { ACTIONS, ACTION_NAMES } from '../../../decisions/actions.js';
import { BROWSE_COMMANDS, Command, DESCRIPTIONS, keysLabel, type KeyCommand } from '../../keymap.js';
import { fitLine, styled, type Line } from '../../state/styled.js';

import type { Mode, Notice } from '../../state/types.js';
import { formHints } from '../decision-form/decision-form.js';
import { StyledLine } from '../styled-line/styled-line.js';
import { TextBox } from '../text-box/text-box.js';
import { useWidth } from '../../theme/theme.js';

export interface FooterProps {
  readonly mode: Mode;
  readonly notice: Notice | null;
  /** A journal write or export is under way. */
  readonly busy: boolean;
  /** How many warnings the `?` screen holds. */
  readonly warnings: number;
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

/**
 * The key hints, from the key table, `?` first: at 80 columns the line is cut,
 * and `?` lists everything (and reads out the warnings, which are only counted here).
 */
export function browseHints(warnings: number): Line {
  const order = [Command.Help, ...BROWSE_COMMANDS.filter((c) => c !== Command.Help)];
  const hints = order.filter((c) => SHORT[c] !== undefined).map((c) => `${keysLabel(c)} ${SHORT[c]}`);
  const [help, ...rest] = hints;
  const count = warnings > 0 ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : '';
  return [styled(`${help}${count}`, warnings > 0 ? 'warn' : 'dim'), styled(`  ${rest.join('  ')}`, 'dim')];
}

const LEVEL_TONE = { info: 'good', warn: 'warn', error: 'error' } as const;

/** The last line: the filter box, the latest notice, or the key hints (from the first frame on). */
export function Footer({ mode, notice, busy, warnings }: FooterProps) {
  const width = useWidth();
  if (mode.kind === 'filter') {
    return (
      <TextBox
        field={mode.draft}
        label="/"
        maxRows={1}
        focused
        placeholder={` (text, rule or author; ${keysLabel(Command.Accept)} keep, ${keysLabel(Command.Cancel)} cancel)`}
      />
    );
  }
  let line: Line;
  if (busy) line = [styled('saving…', 'warn')];
  else if (notice) line = [styled(notice.text, LEVEL_TONE[notice.level])];
  else if (mode.kind === 'help') {
    const leave = `${keysLabel(Command.Cancel)}, ${keysLabel(Command.Help)} or ${keysLabel(Command.Quit)}: ${DESCRIPTIONS[Command.Cancel]}`;
    const scroll = mode.max > 0 ? ` · ${keysLabel(Command.Down)} ${keysLabel(Command.Up)} scroll` : '';
    line = [styled(`${leave}${scroll}`, 'dim')];
  } else if (mode.kind === 'form') line = [styled(formHints(mode), 'dim')];
  else line = browseHints(warnings);
  return <StyledLine line={fitLine(line, width)} />;
}
