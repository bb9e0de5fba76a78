/** How model results are laid out, shared by the engine (in workers) and the scorer (main thread, no TF.js). */
import { LABELS } from '../labels.js';

/** Numbers per sentence in a result: for each label in LABELS order, the softmax pair [p(false), p(true)]. */
export const PAIRS_PER_SENTENCE = LABELS.length * 2;

/** The graph's output nodes, in LABELS order. */
export const OUTPUT_NAMES = LABELS.map((label) => `${label}/predictions/probabilities`);
