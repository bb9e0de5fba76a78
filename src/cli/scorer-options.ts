/** The options every scoring command shares (scan, eval, review), parsed once. */
import type { Command } from 'commander';
import type { Scorer } from '../flag/scorer.js';
import { SCORER_CHOICES, scorerChoicesHelp } from '../flag/scorers.js';
import { warn, type Progress } from './progress.js';
import { z } from 'zod';

export const ScorerOptions = z.object({
  scorer: z.enum(SCORER_CHOICES).default('auto'),
  backend: z.enum(['tensorflow', 'wasm', 'cpu']).optional(),
  modelDir: z.string().min(1).optional(),
  trainedModel: z.string().min(1).optional(),
  rules: z.string().min(1).optional(),
  includeMods: z.boolean().default(false),
});
export type ScorerOptions = z.infer<typeof ScorerOptions>;

export function addScorerOptions(command: Command): Command {
  return command
    .option('--scorer <name>', scorerChoicesHelp(), 'auto')
    .option(
      '--backend <name>',
      'TF.js backend for the model: tensorflow, wasm or cpu (default: tensorflow if installed, else wasm)',
    )
    .option('--model-dir <dir>', 'use the toxicity model in this folder (also THREADMOD_MODEL_DIR)')
    .option('--trained-model <dir>', 'use the trained attack model in this folder (also THREADMOD_TRAINED_MODEL)')
    .option('--rules <file>', 'community rules (JSON, see schema/rules.schema.json); default: the built-in rules')
    .option('--include-mods', "also flag moderators', admins' and distinguished comments");
}

/**
 * Opens the scorer the options ask for, reporting model loading on
 * `progress` and fallbacks as warnings. Imported on demand: TF.js takes about
 * a second to load and commands that never score should not pay for it.
 */
export async function openScorer(options: ScorerOptions, progress: Progress): Promise<Scorer> {
  const { createScorer } = await import('../flag/scorers.js');
  return createScorer({
    scorer: options.scorer,
    backend: options.backend,
    modelDir: options.modelDir,
    trainedModel: options.trainedModel,
    onStatus: (m) => progress.status(m),
    onWarning: warn,
  });
}
