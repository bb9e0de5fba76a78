/**
 * The toxicity model's scores as stacker inputs, for a model trained with
 * `threadmod train --toxicity`: the combination of the two models is then
 * learned like every other input (a weight per label, fitted on out-of-fold
 * data), not guessed. Inputs are named `tox:<label>` and read as logits, the
 * scale the stacker adds up on; a probability of exactly 0 or 1 is held at
 * +-LOGIT_LIMIT so one saturated head cannot swamp the rest.
 */
import { LABELS, type Label, type LabelScores } from '../labels.js';
import type { ScoreProgress, Scorer } from '../scorer.js';

export const TOXICITY_PREFIX = 'tox:';
export const TOXICITY_INPUTS: readonly string[] = LABELS.map((l) => `${TOXICITY_PREFIX}${l}`);
const LOGIT_LIMIT = 8;

/** One text's toxicity scores as inputs, in LABELS order. */
export type ToxicityInputs = Float64Array;

export function toxicityInputs(scores: LabelScores): ToxicityInputs {
  const out = new Float64Array(LABELS.length);
  LABELS.forEach((label, i) => {
    const p = scores[label];
    const z = Math.log(p / (1 - p));
    out[i] = Number.isNaN(z) ? 0 : Math.max(-LOGIT_LIMIT, Math.min(LOGIT_LIMIT, z));
  });
  return out;
}

/** A comment's inputs: per label, its strongest sentence's (as the lexicon's inputs are aggregated). */
export function strongest(list: readonly ToxicityInputs[]): ToxicityInputs {
  const out = new Float64Array(LABELS.length).fill(-LOGIT_LIMIT);
  for (const x of list) for (let i = 0; i < out.length; i++) out[i] = Math.max(out[i]!, x[i]!);
  return out;
}

/** The index into ToxicityInputs of input `name`, or -1 when it is not a toxicity input. */
export function toxicityIndex(name: string): number {
  if (!name.startsWith(TOXICITY_PREFIX)) return -1;
  return LABELS.indexOf(name.slice(TOXICITY_PREFIX.length) as Label);
}

/** Whether a stacker reads the toxicity model. */
export function readsToxicity(inputs: readonly string[]): boolean {
  return inputs.some((name) => name.startsWith(TOXICITY_PREFIX));
}

/**
 * The toxicity scorer's scores for many texts, each distinct text scored
 * once and remembered: training reads the same sentences again for every
 * fold's evaluation, through `scorer()`.
 */
export class ToxicityReader {
  private readonly known = new Map<string, LabelScores>();
  constructor(private readonly model: Scorer) {}

  /** Scores every text not seen before, in one call (the scorer batches by length). */
  async read(texts: readonly string[], onProgress?: (p: ScoreProgress) => void): Promise<void> {
    const fresh = [...new Set(texts.filter((t) => !this.known.has(t)))];
    if (fresh.length === 0) return;
    const scored = await this.model.score(fresh, onProgress);
    fresh.forEach((t, i) => this.known.set(t, scored[i]!.scores));
  }

  /** Inputs of a text passed to `read` before. */
  get(text: string): ToxicityInputs {
    const scores = this.known.get(text);
    if (!scores) throw new Error(`toxicity inputs of a text never read: ${JSON.stringify(text.slice(0, 40))}`);
    return toxicityInputs(scores);
  }

  /** The remembered scores as a Scorer (reading any text not seen yet); closing it leaves the model open. */
  scorer(): Scorer {
    return {
      info: this.model.info,
      score: async (sentences) => {
        await this.read(sentences);
        return sentences.map((t) => ({ scores: this.known.get(t)!, terms: [] }));
      },
      close: async () => {},
    };
  }
}
