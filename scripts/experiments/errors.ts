/** Lists the shipped model's misses on its validation split (attacks-train rows), to read failure modes. */
import { readExamples } from '../../src/train/examples.js';
import { splitOf } from '../../src/train/train.js';
import { loadModel } from '../../src/flag/trained/model-files.js';
import { createTrainedScorer } from '../../src/flag/trained/scorer.js';
import { evaluate } from '../../src/eval/evaluate.js';
import { DEFAULT_RULES } from '../../src/flag/rules.js';
import { rulesWithThreshold } from '../../src/train/train.js';
const { model } = await loadModel('models/attack-v1');
const ex = (await readExamples('../shared/data/train/attacks-train.jsonl')).examples.filter(
  (e) => splitOf(e.id, 1) === 'validation',
);
const r = await evaluate(
  ex,
  createTrainedScorer(model, { label: 'x' }),
  rulesWithThreshold(DEFAULT_RULES, model.threshold),
);
const byId = new Map(ex.map((e) => [e.id, e]));
const fn = r.items.filter((i) => i.attack && !i.predicted);
const fp = r.items.filter((i) => !i.attack && i.predicted);
console.log('FN', fn.length, 'FP', fp.length);
for (const i of fn.slice(0, 40))
  console.log('FN', i.score.toFixed(2), i.targetedScore.toFixed(2), JSON.stringify(byId.get(i.id)!.text.slice(0, 160)));
for (const i of fp.slice(0, 25))
  console.log('FP', i.score.toFixed(2), JSON.stringify(byId.get(i.id)!.text.slice(0, 160)));
