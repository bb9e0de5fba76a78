/** Evaluation of the flagger on labelled comments (used by `threadmod eval`). */
export {
  evaluate,
  SWEEP_THRESHOLDS,
  UNTARGETED_WEIGHT,
  type EvalItem,
  type EvalOptions,
  type EvalReport,
  type SweepPoint,
} from './evaluate.js';
export { parseLabelled, readLabelled, splitHalves, type LabelledComment } from './dataset.js';
export { confusion, prf, rocAuc, type Confusion, type Prf } from './metrics.js';
export {
  atPrevalence,
  calibrationTable,
  precisionAtK,
  type AtPrevalence,
  type CalibrationBin,
} from './queue-metrics.js';
