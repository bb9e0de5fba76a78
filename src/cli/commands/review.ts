/**
 * `threadmod review <dump>`: the terminal UI where a moderator walks the
 * flags in context and removes, approves, warns or bans. This file must not
 * import Ink: colour is decided from the environment first, and Ink (with
 * chalk) reads it once, when loaded.
 */
import type { Command } from 'commander';
import { z } from 'zod';
import { UserError } from '../../errors.js';
import { applyColourChoice, colourWanted } from '../colour.js';
import { importWithoutFetch } from '../import-without-fetch.js';
import { DumpFormat } from '../../thread/schema.js';
import { ScorerOptions, addScorerOptions } from '../scorer-options.js';
import { FORMAT_NAMES } from '../../parse/formats.js';

const ReviewOptions = ScorerOptions.extend({
  format: DumpFormat.optional(),
  decisions: z.string().min(1).optional(),
  moderator: z.string().trim().min(1).optional(),
  /** commander turns `--no-color` into `color: false`. */
  color: z.boolean().default(true),
});

export const NOT_A_TERMINAL =
  'review needs an interactive terminal (stdin and stdout must be a TTY); for scripts use `threadmod scan --json`';

export function defaultModerator(env: NodeJS.ProcessEnv): string {
  return env.USER?.trim() || env.USERNAME?.trim() || 'moderator';
}

export function register(program: Command): void {
  addScorerOptions(
    program
      .command('review')
      .description('review the flags in context: remove, approve, warn or ban; decisions are journaled as you go')
      .argument('<dump>', 'the dump to review (page text or Lemmy API JSON)')
      .option('--format <format>', `${FORMAT_NAMES.join(' or ')} (default: detected)`)
      .option('--decisions <file>', 'the decisions journal (default: <dump>.decisions.jsonl); reopening resumes')
      .option('--moderator <name>', 'who decides, recorded in the journal (default: $USER)')
      .option('--no-color', 'no colours (also NO_COLOR, TERM=dumb): evidence is marked »like this«'),
  ).action(async (dump: string, raw: unknown) => {
    const options = ReviewOptions.parse(raw);
    const colour = colourWanted(process.env, options.color);
    applyColourChoice(process.env, colour);
    // React picks its build when first loaded; the development one profiles every commit.
    process.env.NODE_ENV ??= 'production';
    if (!process.stdin.isTTY || !process.stdout.isTTY) throw new UserError(NOT_A_TERMINAL);
    const { runReview } = await importWithoutFetch(() => import('../../review/run.js'));
    await runReview({
      dumpFile: dump,
      format: options.format,
      rules: options.rules,
      scorer: options.scorer,
      backend: options.backend,
      modelDir: options.modelDir,
      trainedModel: options.trainedModel,
      includeMods: options.includeMods,
      decisions: options.decisions,
      moderator: options.moderator ?? defaultModerator(process.env),
      colour,
    });
  });
}
