/**
 * The kinds of rule, each with the test it applies to one sentence. The
 * flagger only asks a rule's kind whether a sentence counts, and how
 * strongly; a new kind is a new member of `RuleKind` with its test here (plus
 * the field that selects it in src/flag/rules-schema.ts).
 */
import type { Target } from './flag-schema.js';
import type { Label, LabelScores } from './labels.js';
import type { Rule } from './rules-schema.js';
import { aimsAtParticipant } from './targeting.js';

/** A rule as the flagger runs it: its kind, the rule, and the labels its triggers read. */
export type RuleKind =
  /** Fires on a sentence aimed at a participant (you, @name, the parent's author) that scores high on a trigger. */
  | { readonly kind: 'targeted'; readonly rule: Rule; readonly labels: ReadonlySet<Label> }
  /** Fires on any sentence that scores high on a trigger, aimed at anyone or no one (the target is reported when there is one). */
  | { readonly kind: 'untargeted'; readonly rule: Rule; readonly labels: ReadonlySet<Label> };

/** One sentence as a test sees it; `target` resolves (and caches) who the sentence is aimed at. */
export interface SentenceUnderTest {
  readonly scores: LabelScores;
  target(labels: ReadonlySet<Label>): Target | null;
}

/** The sentence counts as evidence: how strongly, and at whom. */
export interface Hit {
  readonly strength: number;
  readonly target: Target | null;
}

type Tests = {
  readonly [K in RuleKind['kind']]: (rule: Extract<RuleKind, { kind: K }>, s: SentenceUnderTest) => Hit | null;
};

export const RULE_TESTS: Tests = {
  targeted: (r, s) => {
    const strength = strongestTrigger(r.rule, s.scores);
    if (strength < 0) return null;
    const target = s.target(r.labels);
    return aimsAtParticipant(target) ? { strength, target } : null;
  },
  untargeted: (r, s) => {
    const strength = strongestTrigger(r.rule, s.scores);
    return strength < 0 ? null : { strength, target: s.target(r.labels) };
  },
};

const kinds = new WeakMap<Rule, RuleKind>();

/** The rule's kind (computed once per rule object). */
export function kindOf(rule: Rule): RuleKind {
  let kind = kinds.get(rule);
  if (!kind) {
    const labels = new Set(rule.triggers.map((t) => t.label));
    kind = rule.requiresTarget ? { kind: 'targeted', rule, labels } : { kind: 'untargeted', rule, labels };
    kinds.set(rule, kind);
  }
  return kind;
}

export function testSentence(kind: RuleKind, sentence: SentenceUnderTest): Hit | null {
  // The switch narrows `kind` for each test; a new kind without a test does not compile.
  switch (kind.kind) {
    case 'targeted':
      return RULE_TESTS.targeted(kind, sentence);
    case 'untargeted':
      return RULE_TESTS.untargeted(kind, sentence);
  }
}

/** The highest score among the triggers that reach their threshold, or -1 when none does (a sentence's strength). */
export function strongestTrigger(rule: Pick<Rule, 'triggers'>, scores: LabelScores): number {
  let top = -1;
  for (const trigger of rule.triggers) {
    const v = scores[trigger.label];
    if (v >= trigger.threshold && v > top) top = v;
  }
  return top;
}
