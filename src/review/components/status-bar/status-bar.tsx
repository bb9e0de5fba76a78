import { ACTIONS, ACTION_NAMES } from '../../../decisions/actions.js';
import { Box } from 'ink';
import type { ScorerInfo } from '../../../flag/scorer.js';
import { describeScorer } from '../../../flag/scorers.js';
import type { Counts } from '../../state/selectors.js';
import { fitLine, styled, type Line, type Styled } from '../../state/styled.js';
import { textWidth, truncateStart } from '../../state/text-width.js';
import { StyledLine } from '../styled-line/styled-line.js';
import { useWidth } from '../../theme/theme.js';

export interface StatusBarProps {
  readonly counts: Counts;
  /** The scorer in use, or null while it loads. */
  readonly scorer: ScorerInfo | null;
  /** The scorer asked for (`auto`, `toxicity`, `lexicon`): the lexicon is a fallback unless asked for. */
  readonly requestedScorer: string;
  readonly rulesFile: string | null;
  readonly ruleCount: number;
  readonly journalFile: string;
}

export function scorerText(scorer: ScorerInfo | null, requested: string): Styled {
  if (scorer === null) return styled('scorer: loading…', 'dim');
  const described = describeScorer(scorer, requested);
  return styled(described.status, described.warning ? 'warn' : 'plain');
}

const widthOf = (parts: readonly Styled[]) => parts.reduce((n, s) => n + textWidth(s.text), 0);

/**
 * Two lines: the counts (and the rules when they fit), then the scorer and
 * where decisions are saved. The scorer warning and the journal path are
 * never dropped; the path is shortened from the left instead.
 */
export function StatusBar(props: StatusBarProps) {
  const screen = useWidth();
  const c = props.counts;
  const counts: Styled[] = [styled(`${c.flagged} flagged · `), styled(`${c.decided} decided`, 'bold')];
  const perAction = ACTION_NAMES.filter((a) => ACTIONS[a].countAlways || c[a] > 0).map(
    (a) => `${ACTIONS[a].mark} ${c[a]} ${ACTIONS[a].pastTense}`,
  );
  counts.push(
    styled(` (${perAction.join(', ')}`),
    styled(') · '),
    styled(`${c.left} left`, c.left > 0 ? 'warn' : 'good'),
  );
  if (c.unflagged > 0) counts.push(styled(` · +${c.unflagged} unflagged`, 'dim'));

  const rules = styled(
    props.rulesFile ? `rules: ${truncateStart(props.rulesFile, 30)}` : `rules: built in (${props.ruleCount})`,
    'dim',
  );
  const gap = screen - widthOf(counts) - textWidth(rules.text);
  const first: Line = gap >= 2 ? [...counts, styled(' '.repeat(gap)), rules] : fitLine(counts, screen);

  const second: Styled[] = [scorerText(props.scorer, props.requestedScorer), styled(' · saving to ', 'dim')];
  const pathWidth = textWidth(props.journalFile);
  // The rules give way before the journal path does: where decisions go matters more.
  const withRules = gap < 2 && screen - widthOf(second) - pathWidth - textWidth(rules.text) - 3 >= 0;
  second.push(styled(truncateStart(props.journalFile, Math.max(8, screen - widthOf(second))), 'dim'));
  if (withRules) second.push(styled(' · ', 'dim'), rules);
  return (
    <Box flexDirection="column">
      <StyledLine line={first} />
      <StyledLine line={fitLine(second, screen)} />
    </Box>
  );
}
