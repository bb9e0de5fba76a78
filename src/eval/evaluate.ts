/**
 * Measures the flagger against labelled comments.
 *
 * Each text is one top-level comment of a thread with no post: comments
 * without a parent never affect each other (no ancestor quotes, no parent
 * author), so one thread of N comments is N one-comment threads, scored in
 * large batches.
 *
 * Predicted attack = the comment gets a flag from a rule that needs a target
 * (a personal-attack rule such as Rule 3); if no rule needs a target, any
 * flag counts. Rules without a target (civility) flag rudeness, which the
 * "attack" label does not mean.
 *
 * Continuous score (for ROC AUC): per sentence, the highest score among the
 * attack rules' trigger labels, halved when the sentence has no target; the
 * comment's score is the maximum over its own (unquoted) sentences. The sweep
 * sets every attack-rule threshold to t and asks the same question as the
 * rules: does some targeted sentence reach t?
 */
import { flagThread } from '../flag/flagger.js';
import type { Label } from '../flag/labels.js';
import type { RulesFile } from '../flag/rules-schema.js';
import type { Scorer, ScorerInfo } from '../flag/scorer.js';
import { aimsAtParticipant } from '../flag/targeting.js';
import { markQuotes } from '../thread/quotes.js';
import { blankComment, emptyPost, type Thread } from '../thread/schema.js';
import type { LabelledComment } from './dataset.js';
import { confusion, prf, rocAuc, type Confusion } from './metrics.js';
import {
  atPrevalence,
  calibrationTable,
  precisionAtK,
  type AtPrevalence,
  type CalibrationBin,
} from './queue-metrics.js';

/** Weight of an untargeted sentence in the continuous score. */
export const UNTARGETED_WEIGHT = 0.5;
export const SWEEP_THRESHOLDS: readonly number[] = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9];

export interface EvalOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: { done: number; total: number }) => void;
  readonly thresholds?: readonly number[];
  /** Also say what the queue would hold at this rate of attacks (0 < p < 1). */
  readonly prevalence?: number;
}

export interface EvalItem {
  readonly id: string;
  readonly attack: boolean;
  readonly predicted: boolean;
  /** The continuous score used for AUC. */
  readonly score: number;
  /** Strongest targeted trigger score (what the sweep thresholds). */
  readonly targetedScore: number;
  /** Ids of the rules that flagged the comment. */
  readonly rules: readonly string[];
}

export interface SweepPoint {
  readonly threshold: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly flagged: number;
}

export interface EvalReport {
  readonly n: number;
  readonly positives: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly accuracy: number;
  readonly auc: number;
  readonly confusion: Confusion;
  /** Precision among the 10 and 50 comments with the highest scores: the top of the queue. */
  readonly precisionAt10: number;
  readonly precisionAt50: number;
  /** Reliability of the targeted score (what the rules threshold): mean score against the observed share of attacks. */
  readonly calibration: CalibrationBin[];
  /** With `prevalence`: the queue at that rate of attacks. */
  readonly atPrevalence?: AtPrevalence;
  readonly sweep: SweepPoint[];
  /** Rules whose flags count as "attack". */
  readonly attackRules: readonly string[];
  readonly scorer: ScorerInfo;
  readonly items: EvalItem[];
}

export async function evaluate(
  records: readonly LabelledComment[],
  scorer: Scorer,
  rules: RulesFile,
  opts: EvalOptions = {},
): Promise<EvalReport> {
  const targeted = rules.rules.filter((r) => r.requiresTarget);
  const attackRules = targeted.length > 0 ? targeted : rules.rules;
  const attackIds = new Set(attackRules.map((r) => r.id));
  const attackLabels = new Set<Label>(attackRules.flatMap((r) => r.triggers.map((t) => t.label)));
  const needTarget = targeted.length > 0;

  const thread: Thread = markQuotes({
    post: emptyPost(),
    comments: records.map((r) => ({ ...blankComment(r.id, null, [r.id]), body: r.text })),
  });
  const { flags, analyses } = await flagThread(thread, scorer, {
    rules,
    includeMods: true,
    ...(opts.signal ? { signal: opts.signal } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    batchSize: 256,
  });

  const flaggedBy = new Map<string, Set<string>>();
  for (const f of flags) {
    const set = flaggedBy.get(f.commentId) ?? new Set<string>();
    set.add(f.ruleId);
    flaggedBy.set(f.commentId, set);
  }

  const items: EvalItem[] = records.map((r) => {
    let score = 0;
    let targetedScore = 0;
    for (const s of analyses.get(r.id)?.sentences ?? []) {
      if (s.quoted) continue;
      let top = 0;
      for (const label of attackLabels) top = Math.max(top, s.scores[label]);
      const aimed = !needTarget || aimsAtParticipant(s.target);
      score = Math.max(score, aimed ? top : top * UNTARGETED_WEIGHT);
      if (aimed) targetedScore = Math.max(targetedScore, top);
    }
    const ruleIds = [...(flaggedBy.get(r.id) ?? [])];
    return {
      id: r.id,
      attack: r.attack,
      predicted: ruleIds.some((id) => attackIds.has(id)),
      score,
      targetedScore,
      rules: ruleIds,
    };
  });

  const truth = items.map((i) => i.attack);
  const matrix = confusion(
    truth,
    items.map((i) => i.predicted),
  );
  const sweep = (opts.thresholds ?? SWEEP_THRESHOLDS).map((threshold) => {
    const predicted = items.map((i) => i.targetedScore > 0 && i.targetedScore >= threshold);
    return { threshold, ...prf(confusion(truth, predicted)), flagged: predicted.filter(Boolean).length };
  });
  const scores = items.map((i) => i.score);
  return {
    n: items.length,
    positives: truth.filter(Boolean).length,
    ...prf(matrix),
    accuracy: items.length === 0 ? 0 : (matrix.tp + matrix.tn) / items.length,
    auc: rocAuc(truth, scores),
    confusion: matrix,
    precisionAt10: precisionAtK(truth, scores, 10),
    precisionAt50: precisionAtK(truth, scores, 50),
    calibration: calibrationTable(items.map((i) => [i.targetedScore, i.attack] as const)),
    ...(opts.prevalence !== undefined ? { atPrevalence: atPrevalence(matrix, opts.prevalence) } : {}),
    sweep,
    attackRules: attackRules.map((r) => r.id),
    scorer: scorer.info,
    items,
  };
}
