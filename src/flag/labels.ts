import { z } from 'zod';

/** The seven labels of the TF.js toxicity model; the lexicon scorer emits the same. */
export const LABELS = [
  'identity_attack',
  'insult',
  'obscene',
  'severe_toxicity',
  'sexual_explicit',
  'threat',
  'toxicity',
] as const;

export const Label = z.enum(LABELS);
export type Label = z.infer<typeof Label>;

/** Probability per label, each in [0, 1]. */
export type LabelScores = Record<Label, number>;

export function zeroScores(): LabelScores {
  return {
    identity_attack: 0,
    insult: 0,
    obscene: 0,
    severe_toxicity: 0,
    sexual_explicit: 0,
    threat: 0,
    toxicity: 0,
  };
}
