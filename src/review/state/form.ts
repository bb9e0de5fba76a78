/**
 * The decision form behind `r`, `w`, `b` (and `a` on a comment the flagger
 * missed): which rule, what text, how many days, and the journal input it
 * turns into when the moderator presses Enter.
 */
import { ACTIONS } from '../../decisions/actions.js';
import type { Action, DecisionInput } from '../../decisions/schema.js';
import type { Evidence, Flag } from '../../flag/flag-schema.js';
import { isReportFlag } from '../../flag/reports.js';
import type { Rule } from '../../flag/rules-schema.js';
import type { Comment } from '../../thread/schema.js';
import { draftReason, draftWarning, flagEvidence, strongestSentence } from './drafts.js';
import { primaryFlag, type QueueRow } from './queue.js';
import { textField } from './text-field.js';
import type { CommentAnalysis, DecisionForm, FormAction } from './types.js';

/** What a decision is about: the comment, its flags if any, its scores if scanned. */
export interface Subject {
  readonly comment: Comment;
  readonly row: QueueRow | undefined;
  readonly analysis: CommentAnalysis | undefined;
}

/** Longest ban the form accepts, in days (a hundred years: beyond that, leave it empty for permanent). */
export const MAX_BAN_DAYS = 36_500;

function flagFor(subject: Subject, rule: Rule | undefined): Flag | undefined {
  if (subject.row === undefined) return undefined;
  return subject.row.flags.find((f) => f.ruleId === rule?.id) ?? primaryFlag(subject.row);
}

function evidenceFor(subject: Subject, rule: Rule | undefined): string | null {
  const flag = flagFor(subject, rule);
  if (flag) return flagEvidence(flag).text;
  return strongestSentence(subject.analysis)?.text ?? null;
}

function draft(action: FormAction, subject: Subject, rule: Rule | undefined, evidence: string | null): string {
  const kind = ACTIONS[action].form.draft;
  if (rule === undefined || kind === 'none') return '';
  if (kind === 'warning') return draftWarning(subject.comment, evidence, rule);
  // The flagger's own draft for this rule, when there is one, is the moderator's style already.
  const flag = subject.row?.flags.find((f) => f.ruleId === rule.id);
  return flag?.reason || draftReason(evidence, rule);
}

export function openForm(action: FormAction, subject: Subject, rules: readonly Rule[]): DecisionForm {
  const primary = subject.row ? primaryFlag(subject.row) : undefined;
  const found = primary ? rules.findIndex((r) => r.id === primary.ruleId) : -1;
  const ruleIndex = found >= 0 ? found : 0;
  const rule = rules[ruleIndex];
  const evidence = evidenceFor(subject, rule);
  return {
    kind: 'form',
    action,
    commentId: subject.comment.id,
    ruleIndex,
    text: textField(draft(action, subject, rule, evidence)),
    edited: false,
    days: textField(''),
    field: 'text',
    evidence,
    error: null,
    scope: null,
  };
}

/** Moves to the previous or next rule; an untouched draft follows the rule. */
export function changeRule(form: DecisionForm, delta: number, subject: Subject, rules: readonly Rule[]): DecisionForm {
  if (rules.length === 0) return form;
  const ruleIndex = (((form.ruleIndex + delta) % rules.length) + rules.length) % rules.length;
  const rule = rules[ruleIndex];
  const evidence = evidenceFor(subject, rule);
  const text = form.edited ? form.text : textField(draft(form.action, subject, rule, evidence));
  return { ...form, ruleIndex, evidence, text, error: null };
}

export function parseBanDays(text: string): { days: number | null } | { error: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { days: null };
  const days = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (!Number.isInteger(days) || days < 1 || days > MAX_BAN_DAYS) {
    return { error: `days must be a whole number from 1 to ${MAX_BAN_DAYS}, or empty for a permanent ban` };
  }
  return { days };
}

/** The evidence to record: the flag's for the chosen rule, else the comment's strongest sentence. */
export function evidenceList(subject: Subject, rule: Rule | undefined): Evidence[] {
  const flag = flagFor(subject, rule);
  if (flag) return flag.evidence;
  const sentence = strongestSentence(subject.analysis);
  if (!sentence) return [];
  const { text, start, end, scores, terms, target } = sentence;
  return [{ text, start, end, scores: { ...scores }, terms: terms.map((t) => ({ ...t })), target }];
}

export function scoresOf(subject: Subject): DecisionInput['scores'] {
  if (subject.row) return { ...primaryFlag(subject.row).scores };
  return subject.analysis ? { ...subject.analysis.scores } : null;
}

/** The journal input for an accepted form, or why it cannot be accepted yet. */
export function formInput(
  form: DecisionForm,
  subject: Subject,
  rules: readonly Rule[],
): { input: DecisionInput } | { error: string } {
  const rule = rules[form.ruleIndex];
  const spec = ACTIONS[form.action].form;
  const text = form.text.value.trim();
  if (spec.requiredText !== null && text === '') return { error: spec.requiredText };
  let input: DecisionInput = {
    commentId: form.commentId,
    action: form.action,
    ruleId: rule?.id ?? null,
    ...flagged(subject),
    // The record keeps a removal-style reason even for a reply; the reply is what the author reads.
    reason: spec.text === 'reason' ? text : rule ? draftReason(form.evidence, rule) : '',
    evidence: evidenceList(subject, rule),
    scores: scoresOf(subject),
  };
  if (spec.text === 'message') input = { ...input, message: text };
  if (spec.days) {
    const days = parseBanDays(form.days.value);
    if ('error' in days) return days;
    input = { ...input, banDays: days.days };
  }
  return { input };
}

/** The rules that flagged the comment (members' reports are not rules), for the record. */
function flagged(subject: Subject): Pick<DecisionInput, 'flaggedRuleIds'> {
  const ids = (subject.row?.flags ?? []).filter((f) => !isReportFlag(f)).map((f) => f.ruleId);
  return ids.length > 0 ? { flaggedRuleIds: ids } : {};
}

/** Each evidence sentence once, whichever flags cite it. */
function everyEvidence(flags: readonly Flag[]): Evidence[] {
  const seen = new Set<string>();
  return flags
    .flatMap((f) => f.evidence)
    .filter((e) => {
      const key = `${e.start}:${e.end}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
}

/** `a` and `s` on a flagged comment: no form; the record names every flag it approves and their evidence. */
export function quickInput(action: Action, subject: Subject): DecisionInput {
  const primary = subject.row ? primaryFlag(subject.row) : undefined;
  return {
    commentId: subject.comment.id,
    action,
    ruleId: primary?.ruleId ?? null,
    ...flagged(subject),
    reason: '',
    evidence: subject.row ? everyEvidence(subject.row.flags) : [],
    scores: scoresOf(subject),
  };
}
