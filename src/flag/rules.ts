/**
 * Community rules: the built-in default and loading a rules file.
 * `rules/default.json` is a copy of `DEFAULT_RULES` for users to edit; a test
 * keeps the two identical.
 */
import { InputError, jsonPath } from '../errors.js';
import { parseJsonText, validateJson } from '../io/json.js';
import { readTextFile } from '../io/read-text.js';
import { RulesFile } from './rules-schema.js';
import type { ScorerInfo } from './scorer.js';

/**
 * Rule 3 (personal attacks) fires on a sentence aimed at a participant that
 * scores high on an attacking label; the civility rule warns about heavy
 * profanity or toxicity aimed at no one in particular.
 *
 * Thresholds were chosen on half of the development set with the lexicon
 * scorer (see src/eval/README.md) and are sensible for the toxicity model,
 * whose probabilities for clear insults sit above 0.9.
 */
export const DEFAULT_RULES: RulesFile = {
  version: 1,
  rules: [
    {
      id: 'rule-3',
      title: 'Rule 3: no personal attacks',
      citation: 'Rule 3.',
      triggers: [
        { label: 'insult', threshold: 0.7 },
        { label: 'identity_attack', threshold: 0.7 },
        { label: 'threat', threshold: 0.7 },
        { label: 'severe_toxicity', threshold: 0.8 },
      ],
      requiresTarget: true,
      action: 'remove',
    },
    {
      id: 'civility',
      title: 'Be civil: no heavy profanity or abuse',
      citation: 'Please keep it civil.',
      triggers: [
        { label: 'obscene', threshold: 0.9 },
        { label: 'toxicity', threshold: 0.95 },
      ],
      requiresTarget: false,
      action: 'warn',
    },
  ],
};

/**
 * The rules a run applies: a rules file as written; the built-in rules with
 * their personal-attack triggers set to the thresholds the scorer is
 * calibrated for, when it recommends any (the trained model's `insult`
 * threshold, a calibrated probability, means nothing like the lexicon's).
 */
export function rulesForScorer(rules: RulesFile, info: ScorerInfo, fromFile: boolean): RulesFile {
  const recommended = info.thresholds;
  if (fromFile || !recommended) return rules;
  return {
    ...rules,
    rules: rules.rules.map((rule) =>
      rule.requiresTarget
        ? {
            ...rule,
            triggers: rule.triggers.map((t) =>
              recommended[t.label] !== undefined ? { ...t, threshold: recommended[t.label]! } : t,
            ),
          }
        : rule,
    ),
  };
}

/** The default rules, or the rules in `file` (JSON), validated. */
export async function loadRules(file?: string): Promise<RulesFile> {
  if (file === undefined) return structuredClone(DEFAULT_RULES);
  return parseRules(await readTextFile(file), file);
}

/** Parses and validates rules JSON; `file` only locates errors. */
export function parseRules(text: string, file: string): RulesFile {
  const rules = validateJson(RulesFile, parseJsonText(text, file), file);
  const seen = new Map<string, number>();
  rules.rules.forEach((rule, i) => {
    const first = seen.get(rule.id);
    if (first !== undefined)
      throw new InputError(
        `${file}: ${jsonPath(['rules', i, 'id'])}`,
        `duplicate rule id '${rule.id}' (also at $.rules[${first}].id)`,
      );
    seen.set(rule.id, i);
  });
  return rules;
}
