/** Labels as the review prints them: short enough for a score bar or a "why" line. */
import type { Label } from '../../flag/labels.js';

export const SHORT_LABELS: Readonly<Record<Label, string>> = {
  identity_attack: 'identity',
  insult: 'insult',
  obscene: 'obscene',
  severe_toxicity: 'severe',
  sexual_explicit: 'sexual',
  threat: 'threat',
  toxicity: 'toxicity',
};
