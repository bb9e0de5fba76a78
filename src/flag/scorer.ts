/**
 * The scorer interface: both the toxicity model and the built-in lexicon
 * implement it, so rules, `scan`, `eval` and the review UI never care which
 * one is running.
 */
import type { Label, LabelScores } from './labels.js';

/** A term the scorer recognised in a sentence: the evidence a moderator can quote. */
export interface MatchedTerm {
  /** The canonical term ("idiot"), not necessarily the spelling used. */
  readonly term: string;
  /** The text as written ("1d10t"). */
  readonly text: string;
  /** UTF-16 offsets into the sentence, end exclusive. */
  readonly start: number;
  readonly end: number;
  readonly label: Label;
  readonly weight: number;
}

export interface SentenceScore {
  /** Probability per label, each in [0, 1]. */
  readonly scores: LabelScores;
  /** Terms that explain the scores; empty for scorers that cannot say. */
  readonly terms: readonly MatchedTerm[];
}

export interface ScorerInfo {
  /** `toxicity` or `lexicon`. */
  readonly name: string;
  /** TF.js backend (`tensorflow`, `wasm`, `cpu`), or null when no model runs. */
  readonly backend: string | null;
  /** Model identity (folder and whether it is verified), or null. */
  readonly model: string | null;
  /**
   * Thresholds the scorer's probabilities are calibrated for, per label: the
   * built-in rules' personal-attack triggers use them (a rules file is used
   * as written). The trained model recommends its own `insult` threshold.
   */
  readonly thresholds?: Partial<Record<Label, number>>;
}

export interface ScoreProgress {
  readonly done: number;
  readonly total: number;
}

/** What the caller knows about the sentences beyond their text. */
export interface ScoreContext {
  /**
   * For each sentence, which comment it belongs to (equal numbers, one
   * comment's unquoted sentences). Without it each sentence stands alone.
   */
  readonly commentOf?: readonly number[];
}

export interface Scorer {
  readonly info: ScorerInfo;
  /**
   * Scores sentences; the result has one entry per input, in input order.
   * `onProgress` is called as batches finish so callers can show a bar.
   * A scorer that can use the comment around a sentence reads `context`.
   */
  score(
    sentences: readonly string[],
    onProgress?: (p: ScoreProgress) => void,
    context?: ScoreContext,
  ): Promise<SentenceScore[]>;
  /** Frees the model, workers and any native memory. */
  close(): Promise<void>;
}
