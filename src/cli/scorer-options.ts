/** The options every scoring command shares (scan, eval, review), parsed once. */
import type { Command } from 'commander';
import { z } from 'zod';

export const ScorerOptions = z.object({
  scorer: z.enum(['toxicity', 'lexicon', 'auto']).default('auto'),
  backend: z.enum(['tensorflow', 'wasm', 'cpu']).optional(),
  modelDir: z.string().min(1).optional(),
  rules: z.string().min(1).optional(),
  includeMods: z.boolean().default(false),
});
export type ScorerOptions = z.infer<typeof ScorerOptions>;

export function addScorerOptions(command: Command): Command {
  return command
    .option('--scorer <name>', 'toxicity, lexicon or auto (model if installed, else lexicon)', 'auto')
    .option('--backend <name>', 'TF.js backend for the model: tensorflow, wasm or cpu (default: tensorflow if installed, else wasm)')
    .option('--model-dir <dir>', 'use the toxicity model in this folder (also THREADMOD_MODEL_DIR)')
    .option('--rules <file>', 'community rules (JSON, see schema/rules.schema.json); default: the built-in rules')
    .option('--include-mods', "also flag moderators', admins' and distinguished comments");
}
