/**
 * Scorer `trained`: the trained model's calibrated probability of a personal
 * attack as the `insult` label, the lexicon's scores for the other labels
 * (civility rules still see profanity), and as terms both the lexicon's
 * matched words and the words that pushed the model's score up.
 */
import { NEGATED } from '../lexicon/analyse.js';
import type { MatchedTerm, ScoreContext, ScoreProgress, Scorer, SentenceScore } from '../scorer.js';
import { combinedWeights, explainedTerms } from './explain.js';
import { withReusedVectors, withoutReusedVectors } from './features.js';
import { sentenceProbabilities, textEvidence, type TextEvidence, type TrainedModel } from './model.js';
import { readsToxicity, toxicityInputs } from './toxicity-inputs.js';

/** Sentences scored between progress reports. */
const PROGRESS_EVERY = 1024;
/** Below this probability a sentence gets no model explanation (it will not be flagged). */
export const EXPLAIN_FROM = 0.2;

/**
 * True when the word that pushed the model most is one the lexicon found
 * negated, denied, reported or said by the writer of themselves ("I'm not
 * saying you are stupid", "If you think I'm an idiot"): the model reads
 * n-grams and cannot see that scope, so the lexicon's rule is applied to its
 * words too, with the lexicon's own discount.
 */
function saidOfNoOne(explained: readonly MatchedTerm[], discounted: ReadonlyArray<readonly [number, number]>): boolean {
  const top = explained[0];
  return top !== undefined && discounted.some(([start, end]) => top.start < end && start < top.end);
}

/**
 * The lexicon's scores (the toxicity model's, when it is an input), with the model's probability as `insult` and as the
 * bound of identity attack and severe toxicity: the training data has plenty
 * of slurs and profanity, and the stacker has already weighed the lexicon's
 * evidence of them into that probability, so a kind's own score may say which
 * kind of attack it is, never outvote the model: P(attack and kind) <=
 * min(P(attack), P(kind)). Left as they were, the lexicon's uncalibrated
 * scores ranked above calibrated probabilities and cost ROC AUC on three
 * validation splits (model card). Threats stay the lexicon's: the data has
 * almost none ("I know where you live"), so the model cannot have learned
 * them, and a threat to a participant is the last attack to miss.
 */
function attackScores(lex: SentenceScore['scores'], p: number): SentenceScore['scores'] {
  return {
    ...lex,
    insult: p,
    identity_attack: Math.min(lex.identity_attack, p),
    severe_toxicity: Math.min(lex.severe_toxicity, p),
  };
}

export interface TrainedScorerOptions {
  /** Shown as the scorer's model: the folder and its digest. */
  readonly label: string;
  /**
   * The toxicity model, for a model trained with it (`threadmod train
   * --toxicity`): its scores are stacker inputs, and its labels stand in for
   * the lexicon's. The scorer is then `combined`, and closing it closes this.
   */
  readonly toxicity?: Scorer;
}

export function createTrainedScorer(model: TrainedModel, options: TrainedScorerOptions): Scorer {
  const { toxicity } = options;
  if (readsToxicity(model.stacker.inputs) && !toxicity)
    throw new Error('this model reads the toxicity model: pass the toxicity scorer');
  let closed = false;
  let combined: Float32Array | null = null;
  return {
    info: toxicity
      ? {
          name: 'combined',
          backend: toxicity.info.backend,
          model: `${options.label} + toxicity ${toxicity.info.model ?? ''}`.trim(),
          thresholds: { insult: model.threshold },
        }
      : { name: 'trained', backend: null, model: options.label, thresholds: { insult: model.threshold } },
    async score(
      sentences: readonly string[],
      onProgress?: (p: ScoreProgress) => void,
      context?: ScoreContext,
    ): Promise<SentenceScore[]> {
      if (closed) throw new Error('trained scorer used after close()');
      // The toxicity model is the slow part (and async): its progress is the scorer's, and it runs first.
      const tox = toxicity ? await toxicity.score(sentences, onProgress) : null;
      // Nothing of the evidence outlives this call: its vectors can reuse the last call's memory.
      return withReusedVectors(() => scoreAll(sentences, tox ? undefined : onProgress, context?.commentOf, tox));
    },
    async close(): Promise<void> {
      closed = true;
      await toxicity?.close();
    },
  };

  function scoreAll(
    sentences: readonly string[],
    onProgress: ((p: ScoreProgress) => void) | undefined,
    commentOf: readonly number[] | undefined,
    tox: readonly SentenceScore[] | null,
  ): SentenceScore[] {
    const out: SentenceScore[] = new Array(sentences.length);
    let evidence: TextEvidence[] = sentences.map((text) => textEvidence(text, model));
    if (tox) evidence = evidence.map((ev, i) => ({ ...ev, toxicity: toxicityInputs(tox[i]!.scores) }));
    const probabilities = sentenceProbabilities(model, sentences, evidence, commentOf);
    for (let i = 0; i < sentences.length; i++) {
      const text = sentences[i]!;
      const ev = evidence[i]!;
      let p = probabilities[i]!;
      let terms = ev.terms;
      if (p >= EXPLAIN_FROM) {
        combined ??= combinedWeights(model);
        const explained = explainedTerms(text, ev, model, combined);
        if (saidOfNoOne(explained, ev.discounted)) p *= NEGATED;
        terms = [...terms, ...explained];
      }
      out[i] = { scores: attackScores(tox ? tox[i]!.scores : ev.lexScores, p), terms };
      if (onProgress && (i + 1) % PROGRESS_EVERY === 0)
        withoutReusedVectors(() => onProgress({ done: i + 1, total: sentences.length }));
    }
    if (onProgress) withoutReusedVectors(() => onProgress({ done: sentences.length, total: sentences.length }));
    return out;
  }
}
