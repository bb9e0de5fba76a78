/**
 * Community rules: which label scores trigger which rule. A rules file is
 * JSON validated by `RulesFile`; `schema/rules.schema.json` is generated from it.
 */
import { z } from 'zod';
import { Label } from './labels.js';

export const RuleAction = z.enum(['remove', 'warn']);
export type RuleAction = z.infer<typeof RuleAction>;

export const Trigger = z.object({
  label: Label,
  /** The rule fires when a sentence's score for `label` reaches this value; 0 would flag every sentence. */
  threshold: z.number().gt(0, 'must be above 0 (a threshold of 0 flags every sentence)').max(1),
});
export type Trigger = z.infer<typeof Trigger>;

export const Rule = z.object({
  /** Short stable id used in flags and decisions, e.g. `rule-3`. */
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]*$/, 'lowercase letters, digits, - and _'),
  title: z.string().min(1),
  /** What a moderator writes when citing the rule: `Rule 3.` */
  citation: z.string().min(1),
  /** Any one trigger is enough. */
  triggers: z.array(Trigger).min(1),
  /** Only sentences aimed at a participant (you, @name, the parent's author) count. */
  requiresTarget: z.boolean(),
  action: RuleAction,
});
export type Rule = z.infer<typeof Rule>;

export const RulesFile = z
  .object({
    $schema: z.string().optional(),
    version: z.literal(1),
    rules: z.array(Rule).min(1),
  })
  .meta({ title: 'threadmod rules', description: 'Community rules that turn label scores into flags.' });
export type RulesFile = z.infer<typeof RulesFile>;
