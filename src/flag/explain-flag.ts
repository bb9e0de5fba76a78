/**
 * Why a flag was raised, as data: its strongest sentence, the words the
 * trained model says pushed that sentence up (with their share of the logit),
 * the lexicon's matched terms by label, and whom the sentence is aimed at.
 * Every place a moderator asks "why" (the review's context pane) reads this;
 * nothing here formats for a terminal.
 *
 * The model's words travel as matched terms named `model:<word>` whose weight
 * is the contribution (src/flag/trained/explain.ts); every other term is the
 * lexicon's, whose weight is a term weight, not a contribution.
 */
import type { Evidence, Flag, Target } from './flag-schema.js';
import type { Label } from './labels.js';
import { strongestTrigger } from './rule-kinds.js';
import type { Rule } from './rules-schema.js';

/** How the trained scorer names the words that pushed it (src/flag/trained/explain.ts). */
export const MODEL_TERM_PREFIX = 'model:';

export interface WordPush {
  readonly word: string;
  /** Share of the model's logit, in logit units; signed. */
  readonly contribution: number;
}

export interface LexiconHits {
  readonly label: Label;
  /** Canonical terms ("fuck off"), each once, in the order they occur. */
  readonly terms: readonly string[];
}

export interface FlagWhy {
  /** The sentence the flag's severity and target come from. */
  readonly evidence: Evidence;
  /** Evidence sentences in the flag (the strongest is explained). */
  readonly sentences: number;
  /** The model's words, strongest push first; empty for scorers that cannot say. */
  readonly model: readonly WordPush[];
  /** The lexicon's terms, grouped by label in the order the labels first occur. */
  readonly lexicon: readonly LexiconHits[];
  /** Whom the sentence is aimed at (the flag's target). */
  readonly target: Target | null;
}

/**
 * The flag's explanation. With the rule, the sentence is the one the flagger
 * took the severity from (the first with the strongest trigger); without it,
 * the first sentence scoring the severity on some label.
 */
export function explainFlag(flag: Flag, rule?: Pick<Rule, 'triggers'>): FlagWhy {
  const evidence = strongestEvidence(flag, rule);
  const model: WordPush[] = [];
  const byLabel = new Map<Label, string[]>();
  for (const t of evidence.terms) {
    if (t.term.startsWith(MODEL_TERM_PREFIX)) {
      model.push({ word: t.term.slice(MODEL_TERM_PREFIX.length), contribution: t.weight });
      continue;
    }
    const terms = byLabel.get(t.label) ?? [];
    if (!terms.includes(t.term)) terms.push(t.term);
    byLabel.set(t.label, terms);
  }
  // Stable: equal pushes keep the sentence's order.
  model.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution));
  return {
    evidence,
    sentences: flag.evidence.length,
    model,
    lexicon: [...byLabel].map(([label, terms]) => ({ label, terms })),
    target: evidence.target ?? flag.target,
  };
}

function strongestEvidence(flag: Flag, rule: Pick<Rule, 'triggers'> | undefined): Evidence {
  const all = flag.evidence;
  if (rule) {
    let best = all[0]!;
    let top = -Infinity;
    for (const e of all) {
      const strength = strongestTrigger(rule, e.scores);
      if (strength > top) [best, top] = [e, strength];
    }
    return best;
  }
  return all.find((e) => Object.values(e.scores).includes(flag.severity)) ?? all[0]!;
}
