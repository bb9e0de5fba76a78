import { Box, Text } from 'ink';
import { visible } from '../../../text/visible.js';
import type { Rule } from '../../../flag/rules-schema.js';
import { ACTIONS } from '../../../decisions/actions.js';
import type { Comment } from '../../../thread/schema.js';
import { Command, keysLabel } from '../../keymap.js';
import { scrollWindow } from '../../state/layout.js';
import { fitLine, styled, type Line } from '../../state/styled.js';
import { fit, truncate } from '../../state/text-width.js';
import { authorLabel } from '../../state/thread-index.js';
import type { DecisionForm as Form } from '../../state/types.js';
import { bulkText } from '../../state/bulk.js';
import { StyledLine } from '../styled-line/styled-line.js';
import { useTheme, useWidth } from '../../theme/theme.js';
import { TextBox } from '../text-box/text-box.js';

export interface DecisionFormProps {
  readonly form: Form;
  readonly comment: Comment;
  readonly rules: readonly Rule[];
  /** `!name@instance` of the community, for the ban question. */
  readonly community: string | null;
  readonly height: number;
}

/** The form's keys, from the key table, for the footer. */
export function formHints(form: Form): string {
  return [
    `${keysLabel(Command.PrevRule)}${keysLabel(Command.NextRule)} rule`,
    ACTIONS[form.action].form.days ? `${keysLabel(Command.NextField)} days` : null,
    `${keysLabel(Command.Accept)} ${ACTIONS[form.action].verb}`,
    `${keysLabel(Command.Cancel)} cancel`,
    'typing edits the text',
  ]
    .filter(Boolean)
    .join(' · ');
}

/** The form behind r, w, b: rule list, editable text, ban days. Typing goes to the text box. */
export function DecisionForm({ form, comment, rules, community, height }: DecisionFormProps) {
  const width = useWidth();
  const theme = useTheme();
  const spec = ACTIONS[form.action].form;
  const verb = ACTIONS[form.action].verb;
  const title = form.scope
    ? `${verb[0]!.toUpperCase()}${verb.slice(1)} ${bulkText(form.scope, authorLabel(comment))}`
    : spec.title(authorLabel(comment), community);
  const head: Line = fitLine([styled(title, 'bold')], width);
  const extra = (spec.days ? 1 : 0) + (form.error ? 1 : 0);
  const textRows = height >= 8 ? 3 : height >= 6 ? 2 : 1;
  const ruleRows = Math.max(1, height - 1 - textRows - extra);
  const start = scrollWindow(0, form.ruleIndex, ruleRows, rules.length);
  const label = spec.label;
  return (
    <Box flexDirection="column" height={height}>
      <StyledLine line={head} />
      {rules.slice(start, start + ruleRows).map((rule, i) => {
        const selected = start + i === form.ruleIndex;
        const idWidth = Math.min(16, Math.max(...rules.map((r) => r.id.length)) + 1);
        const line: Line = fitLine(
          [
            styled(selected ? '▸ ' : '  ', 'accent'),
            styled(`${fit(rule.id, idWidth - 1)} `, selected ? 'bold' : 'plain'),
            styled(rule.title, selected ? 'plain' : 'dim'),
            styled(` · cites "${rule.citation}"`, 'dim'),
          ],
          width,
        );
        return <StyledLine key={rule.id} line={line} />;
      })}
      <TextBox
        field={form.text}
        label={label}
        maxRows={textRows}
        focused={form.field === 'text'}
        placeholder={spec.placeholder}
      />
      {spec.days && (
        <TextBox
          field={form.days}
          label="days: "
          maxRows={1}
          focused={form.field === 'days'}
          placeholder="(empty: permanent)"
        />
      )}
      {form.error && <Text {...theme.tone('error')}>{visible(truncate(form.error, width))}</Text>}
    </Box>
  );
}
