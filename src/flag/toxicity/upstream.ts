/**
 * Upstream `@tensorflow-models/toxicity` ToxicityClassifier, pointed at a
 * local model folder instead of TF Hub. Only the benchmark (baseline) and the
 * equivalence test use it; the scorer runs the graph through ToxicityEngine.
 */
import { createRequire } from 'node:module';
import type * as TF from '@tensorflow/tfjs';
import type * as Toxicity from '@tensorflow-models/toxicity';
import type * as Use from '@tensorflow-models/universal-sentence-encoder';
import { fileIOHandler, readVocabulary } from './artifacts.js';

const require = createRequire(import.meta.url);

/** Loads upstream's classifier from `dir` on the current TF.js backend. Note: its classify() leaks 7 tensors per call. */
export async function loadUpstreamClassifier(dir: string, threshold = 0.85): Promise<Toxicity.ToxicityClassifier> {
  const tf = require('@tensorflow/tfjs') as typeof TF;
  const { ToxicityClassifier } = require('@tensorflow-models/toxicity') as typeof Toxicity;
  const { Tokenizer } = require('@tensorflow-models/universal-sentence-encoder') as typeof Use;
  class LocalClassifier extends ToxicityClassifier {
    override async loadModel() {
      return tf.loadGraphModel(fileIOHandler(dir));
    }
    override async loadTokenizer() {
      return new Tokenizer(readVocabulary(dir));
    }
  }
  const classifier = new LocalClassifier(threshold);
  await classifier.load();
  return classifier;
}
