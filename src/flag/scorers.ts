/**
 * The scorers, one row each: how to load one and how to name it to the
 * moderator. The `--scorer` choices and help, the review's status bar and
 * `scan`'s header come from this table; a new scorer is its own file plus a
 * row here. Rows load their code on demand: TF.js takes about a second to
 * import, and `tree`, `export` or a lexicon-only run should not pay for it.
 *
 * `auto` is not a row: it uses the trained model and the toxicity model
 * together when the trained model was trained on the toxicity model's scores
 * (`combined`); else the toxicity model when it is installed, else the
 * trained attack model (shipped in the package), else the built-in lexicon,
 * saying so, because a moderator must know which one produced the flags.
 */
import { UserError } from '../errors.js';
import type { Scorer, ScorerInfo, SentenceScore } from './scorer.js';

export type BackendChoice = 'tensorflow' | 'wasm' | 'cpu';

export interface LoadOptions {
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

/** How a running scorer is named: `scan`'s header line and the review's status bar. */
export interface ScorerDescription {
  readonly header: string;
  readonly status: string;
  /** The status is a warning (the lexicon standing in for a model that was not found). */
  readonly warning: boolean;
}

export interface ScorerKind {
  /** For `--scorer` help. */
  readonly help: string;
  load(options: LoadOptions): Promise<Scorer>;
  /** `requested` is the `--scorer` choice, which may be `auto`. */
  describe(info: ScorerInfo, requested: string): ScorerDescription;
}

const loadLexicon = async (): Promise<Scorer> => (await import('./lexicon/index.js')).createLexiconScorer();

/** The toxicity model alone, without the lexicon's evidence (training reads only its scores). */
export async function loadToxicity(options: LoadOptions): Promise<Scorer> {
  const { loadToxicityScorer } = await import('./toxicity/index.js');
  const { modelDir, backend, cacheDir, onStatus, onWarning } = options;
  return loadToxicityScorer({ modelDir, backend, cacheDir, onStatus, onWarning });
}

const modelDescription = (info: ScorerInfo): ScorerDescription => ({
  header: `${info.name}${info.backend === null ? '' : ` on ${info.backend}`}${info.model ? `, model ${info.model}` : ''}`,
  status: `scorer: ${info.name}${info.backend ? ` on ${info.backend}` : ''}`,
  warning: false,
});

export const SCORERS = {
  toxicity: {
    help: 'the toxicity model',
    async load(options) {
      return withLexiconEvidence(await loadToxicity(options), await loadLexicon());
    },
    describe: modelDescription,
  },
  trained: {
    help: 'the trained personal-attack model (shipped)',
    async load(options) {
      const { loadTrainedScorer } = await import('./trained/index.js');
      return loadTrainedScorer({ dir: options.trainedModel });
    },
    describe: modelDescription,
  },
  combined: {
    help: 'a trained model that reads the toxicity model (threadmod train --toxicity), with the toxicity model',
    async load(options) {
      const { loadModel, needsToxicity, scorerOf, trainedModelDir } = await import('./trained/index.js');
      const loaded = await loadModel(trainedModelDir(options.trainedModel));
      if (!needsToxicity(loaded))
        throw new UserError(
          `${loaded.dir}: this model does not read the toxicity model (train one with threadmod train --toxicity), so there is nothing to combine; use --scorer trained or toxicity`,
        );
      const toxicity = await loadToxicity(options);
      return scorerOf(loaded, toxicity);
    },
    describe: modelDescription,
  },
  lexicon: {
    help: 'the built-in lexicon',
    load: loadLexicon,
    describe: (_info, requested) => ({
      // No claim of better recall for the toxicity model: nobody has measured it on this community's comments.
      header: 'lexicon (built in; other scorers: --scorer trained, or the toxicity model after threadmod model fetch)',
      status: requested === 'lexicon' ? 'scorer: lexicon' : '⚠ scorer: lexicon fallback (no model)',
      warning: requested !== 'lexicon',
    }),
  },
} as const satisfies Record<string, ScorerKind>;

export type ScorerName = keyof typeof SCORERS;
export type ScorerChoice = ScorerName | 'auto';

/** `--scorer` values: every row, then `auto`. */
export const SCORER_CHOICES = (Object.keys(SCORERS) as ScorerChoice[]).concat('auto') as [
  ScorerChoice,
  ...ScorerChoice[],
];

/** `toxicity, lexicon or auto (model if installed, else lexicon)`. */
export const scorerChoicesHelp = (): string =>
  `${Object.keys(SCORERS).join(', ')} or auto (combined when the trained model reads the toxicity model, else the toxicity model if installed, else the trained model)`;

/** The description of a running scorer; a scorer with no row is named plainly. */
export function describeScorer(info: ScorerInfo, requested: string): ScorerDescription {
  const kind: ScorerKind | undefined = Object.hasOwn(SCORERS, info.name) ? SCORERS[info.name as ScorerName] : undefined;
  return kind ? kind.describe(info, requested) : modelDescription(info);
}

export interface CreateScorerOptions extends LoadOptions {
  readonly scorer: ScorerChoice;
}

export async function createScorer(options: CreateScorerOptions): Promise<Scorer> {
  if (options.scorer !== 'auto') return SCORERS[options.scorer].load(options);
  if (await trainedReadsToxicity(options)) {
    try {
      return await SCORERS.combined.load(options);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      options.onWarning?.(`${error.message}; the trained model needs it, so using the built-in lexicon scorer instead`);
      return SCORERS.lexicon.load();
    }
  }
  try {
    return await SCORERS.toxicity.load(options);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    try {
      return await SCORERS.trained.load(options);
    } catch (trainedError) {
      if (!(trainedError instanceof UserError)) throw trainedError;
      options.onWarning?.(`${error.message}, and ${trainedError.message}; using the built-in lexicon scorer instead`);
      return SCORERS.lexicon.load();
    }
  }
}

/**
 * The model gives probabilities but cannot say which words drove them; the
 * lexicon can. Pairing them lets a flag raised by the model still show the
 * matched terms a moderator would quote.
 */
export function withLexiconEvidence(model: Scorer, lexicon: Scorer): Scorer {
  return {
    info: model.info,
    async score(sentences, onProgress, context): Promise<SentenceScore[]> {
      const [scores, terms] = await Promise.all([
        model.score(sentences, onProgress, context),
        lexicon.score(sentences),
      ]);
      return scores.map((s, i) => ({ scores: s.scores, terms: terms[i]?.terms ?? [] }));
    },
    async close() {
      await Promise.all([model.close(), lexicon.close()]);
    },
  };
}

/** Whether `auto`'s trained model was trained on the toxicity model's scores (then the two run together). */
async function trainedReadsToxicity(options: LoadOptions): Promise<boolean> {
  const { loadModel, needsToxicity, trainedModelDir } = await import('./trained/index.js');
  try {
    return needsToxicity(await loadModel(trainedModelDir(options.trainedModel)));
  } catch (error) {
    if (error instanceof UserError) return false;
    throw error;
  }
}
