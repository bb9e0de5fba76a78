/**
 * The context pane's "why" line: what pushed the selected flag over, in one
 * or two rows under the flag line (which already names the rule and whom it
 * is aimed at, and the body highlights the sentence):
 *
 *     why: model fuck +2.4 · libtard +1.6 · off +0.7 · lexicon fuck off, libtard (insult) · fuck (obscene)
 *
 * or, when that does not fit, the model's words on one row and the lexicon's
 * under them. Rows are cut between items with `…`, never inside a word unless
 * the first item alone is too wide. The words are the comment author's: the
 * sink (StyledLine) shows their control characters instead of obeying them,
 * and widths here count them as shown.
 */
import { explainFlag, type FlagWhy } from '../../flag/explain-flag.js';
import type { Flag } from '../../flag/flag-schema.js';
import type { Rule } from '../../flag/rules-schema.js';
import { SHORT_LABELS } from './label-names.js';
import { fitLine, lineText, styled, type Line, type Styled } from './styled.js';
import { textWidth } from './text-width.js';

type Item = readonly Styled[];

const SEPARATOR = ' · ';
const MORE = ' …';

/** `+2.1`, `-0.4`: a contribution in logit units, signed, one decimal. */
export function signedContribution(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return `${rounded >= 0 ? '+' : '-'}${Math.abs(rounded).toFixed(1)}`;
}

/** 0, 1 or 2 rows of at most `width` columns; none when the scorer named no word (the bars still show the scores). */
export function whyLines(flag: Flag, rule: Pick<Rule, 'triggers'> | undefined, width: number): Line[] {
  return layoutWhy(explainFlag(flag, rule), width);
}

export function layoutWhy(why: FlagWhy, width: number): Line[] {
  const model: Item[] = why.model.map((w) => [
    styled(flat(w.word), 'accent'),
    styled(` ${signedContribution(w.contribution)}`),
  ]);
  const lexicon: Item[] = why.lexicon.map((hit) => [
    styled(hit.terms.map(flat).join(', '), 'accent'),
    styled(` (${SHORT_LABELS[hit.label]})`, 'dim'),
  ]);
  if (model.length === 0 && lexicon.length === 0) return [];
  const head = styled(why.sentences > 1 ? `why (strongest of ${why.sentences} sentences): ` : 'why: ', 'dim');
  const modelHead = styled('model ', 'dim');
  const lexiconHead = styled('lexicon ', 'dim');
  if (model.length === 0) return [fitItems([head, lexiconHead], lexicon, width)];
  if (lexicon.length === 0) return [fitItems([head, modelHead], model, width)];
  const one = [head, modelHead, ...join(model), styled(SEPARATOR), lexiconHead, ...join(lexicon)];
  if (textWidth(one.map((s) => s.text).join('')) <= width) return [one];
  // The lexicon's row starts under the model's words.
  const indent = styled(' '.repeat(textWidth(head.text)));
  return [fitItems([head, modelHead], model, width), fitItems([indent, lexiconHead], lexicon, width)];
}

/** Author text on one row: any run of whitespace (a newline in a phrase) becomes one space. */
function flat(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function join(items: readonly Item[]): Styled[] {
  return items.flatMap((item, i) => (i === 0 ? [...item] : [styled(SEPARATOR), ...item]));
}

function widthOf(parts: readonly Styled[]): number {
  let w = 0;
  for (const p of parts) w += textWidth(p.text);
  return w;
}

/** `head` then as many whole items as fit in `width`, with ` …` when some are left out. */
function fitItems(head: readonly Styled[], items: readonly Item[], width: number): Line {
  const withSeparator = (i: number): Item => (i === 0 ? items[0]! : [styled(SEPARATOR), ...items[i]!]);
  let used = widthOf(head);
  let k = 0;
  while (k < items.length && used + widthOf(withSeparator(k)) <= width) used += widthOf(withSeparator(k++));
  if (k === items.length) return [...head, ...items.flatMap((_, i) => withSeparator(i))];
  // Some are left out: make room for the marker that says so.
  while (k > 0 && used + textWidth(MORE) > width) used -= widthOf(withSeparator(--k));
  if (k === 0) return cut([...head, ...items[0]!], width);
  return [...head, ...items.slice(0, k).flatMap((_, i) => withSeparator(i)), styled(MORE, 'dim')];
}

/** Cut inside the first item (it alone is too wide): always ends in `…`. */
function cut(parts: readonly Styled[], width: number): Line {
  if (width <= 0) return [];
  const line = fitLine(parts, width - 1);
  return lineText(line).endsWith('…') ? line : [...line, styled('…', 'dim')];
}
