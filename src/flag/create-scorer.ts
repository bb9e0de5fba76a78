/**
 * Picks the scorer a command runs with. `auto` uses the toxicity model when
 * it is installed, else the trained attack model (shipped in the package),
 * else the built-in lexicon, saying so, because a moderator must know which
 * one produced the flags.
 */
import { UserError } from '../errors.js';
import { createLexiconScorer } from './lexicon/index.js';
import type { Scorer, SentenceScore } from './scorer.js';

export type ScorerChoice = 'toxicity' | 'lexicon' | 'trained' | 'auto';
export type BackendChoice = 'tensorflow' | 'wasm' | 'cpu';

export interface CreateScorerOptions {
  readonly scorer: ScorerChoice;
  readonly modelDir?: string | undefined;
  /** The trained model's folder (else THREADMOD_TRAINED_MODEL, else the shipped one). */
  readonly trainedModel?: string | undefined;
  readonly backend?: BackendChoice | undefined;
  readonly cacheDir?: string | null | undefined;
  /** Status while the model loads ("loading model…"), for spinners and stderr. */
  readonly onStatus?: ((message: string) => void) | undefined;
  /** Things the user must know but that do not stop the run (fallback, unverified model). */
  readonly onWarning?: ((message: string) => void) | undefined;
}

export async function createScorer(options: CreateScorerOptions): Promise<Scorer> {
  if (options.scorer === 'lexicon') return createLexiconScorer();
  if (options.scorer === 'trained') return openTrained(options);
  try {
    // Loaded on demand: TF.js takes about a second to import, and `tree`,
    // `export` or a lexicon-only run should not pay for it.
    const { loadToxicityScorer } = await import('./toxicity/index.js');
    const model = await loadToxicityScorer({
      modelDir: options.modelDir,
      backend: options.backend,
      cacheDir: options.cacheDir,
      onStatus: options.onStatus,
      onWarning: options.onWarning,
    });
    return withLexiconEvidence(model, createLexiconScorer());
  } catch (error) {
    if (options.scorer === 'toxicity' || !(error instanceof UserError)) throw error;
    try {
      return await openTrained(options);
    } catch (trainedError) {
      if (!(trainedError instanceof UserError)) throw trainedError;
      options.onWarning?.(`${error.message}, and ${trainedError.message}; using the built-in lexicon scorer instead`);
      return createLexiconScorer();
    }
  }
}

async function openTrained(options: CreateScorerOptions): Promise<Scorer> {
  const { loadTrainedScorer } = await import('./trained/index.js');
  return loadTrainedScorer({ dir: options.trainedModel });
}

/**
 * The model gives probabilities but cannot say which words drove them; the
 * lexicon can. Pairing them lets a flag raised by the model still show the
 * matched terms a moderator would quote.
 */
export function withLexiconEvidence(model: Scorer, lexicon: Scorer): Scorer {
  return {
    info: model.info,
    async score(sentences, onProgress): Promise<SentenceScore[]> {
      const [scores, terms] = await Promise.all([model.score(sentences, onProgress), lexicon.score(sentences)]);
      return scores.map((s, i) => ({ scores: s.scores, terms: terms[i]?.terms ?? [] }));
    },
    async close() {
      await Promise.all([model.close(), lexicon.close()]);
    },
  };
}
