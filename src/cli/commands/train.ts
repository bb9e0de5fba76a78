/**
 * `threadmod train <labelled...> --out <dir>`: trains a personal-attack model
 * on labelled comments and a community's exported decisions.
 */
import type { Command } from 'commander';
import { z } from 'zod';
import { runTraining } from '../../train/run-training.js';
import { warn } from '../progress.js';

const TrainOptions = z.object({
  out: z.string().min(1),
  aux: z.array(z.string().min(1)).default([]),
  baseData: z.string().min(1).optional(),
  fromModel: z.string().min(1).optional(),
  name: z.string().min(1).optional(),
  seed: z.coerce.number().int().default(1),
  attackRules: z.string().min(1).default('rule-3'),
  dump: z.string().min(1).optional(),
  json: z.boolean().default(false),
  refit: z.boolean().default(true),
  toxicity: z.boolean().default(false),
  modelDir: z.string().min(1).optional(),
  backend: z.enum(['tensorflow', 'wasm', 'cpu']).optional(),
});

export function register(program: Command): void {
  program
    .command('train')
    .description('train a personal-attack model on labelled comments and exported decisions')
    .argument(
      '[inputs...]',
      'labelled JSON Lines ({"text","attack"} per line), ToxiChat-style thread lines, or decisions files from `threadmod export`',
    )
    .requiredOption('--out <dir>', 'write the model folder here')
    .option(
      '--aux <file>',
      'labelled data with a related label, trained as its own base model (repeatable)',
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .option(
      '--base-data <dir>',
      "also train on the shipped model's data in this folder (attacks-train, toxichat-train)",
    )
    .option(
      '--from-model <dir>',
      "use this model's base models, frozen, as inputs (e.g. the shipped model, for a few hundred decisions)",
    )
    .option('--name <name>', 'model name in the manifest (default: the folder name)')
    .option('--seed <n>', 'seed of the data split (same inputs and seed give the same weights)', '1')
    .option('--attack-rules <ids>', 'rule ids whose removals count as attacks, comma separated', 'rule-3')
    .option('--dump <file>', 'the dump of the decisions file, when it is not where the file says')
    .option(
      '--no-refit',
      'keep the base model measured on the validation split instead of refitting it on every example',
    )
    .option(
      '--toxicity',
      "also learn from the toxicity model's scores of every sentence (run it with --scorer combined); needs the model installed",
    )
    .option('--model-dir <dir>', 'with --toxicity: the toxicity model in this folder (also THREADMOD_MODEL_DIR)')
    .option('--backend <name>', 'with --toxicity: TF.js backend, tensorflow, wasm or cpu')
    .option('--json', 'print the training report as JSON')
    .action(async (inputs: string[], raw: unknown) => {
      const options = TrainOptions.parse(raw);
      const bar = progressBar(process.stderr);
      const toxicity = options.toxicity
        ? await (
            await import('../../flag/scorers.js')
          ).loadToxicity({
            modelDir: options.modelDir,
            backend: options.backend,
            onStatus: (m) => bar.update(0, 1, m),
            onWarning: warn,
          })
        : undefined;
      let result;
      try {
        result = await runTraining({
          inputs,
          auxiliary: options.aux,
          baseData: options.baseData,
          fromModel: options.fromModel,
          out: options.out,
          name: options.name,
          seed: options.seed,
          attackRules: options.attackRules
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
          dump: options.dump,
          refit: options.refit,
          toxicity,
          onProgress: (p) => bar.update(p.done, p.total, p.phase),
          onNote: (m) => {
            bar.clear();
            process.stderr.write(`threadmod: ${m}\n`);
          },
        });
      } finally {
        bar.clear();
        await toxicity?.close();
      }
      if (options.json) {
        process.stdout.write(
          `${JSON.stringify({ out: options.out, sha256: result.digest, ...result.report }, null, 2)}\n`,
        );
        return;
      }
      const v = result.report.validation;
      const f = (x: number) => x.toFixed(3);
      process.stdout.write(
        [
          `wrote ${options.out} (manifest sha256 ${result.digest.slice(0, 16)}…), ${result.examples} primary examples`,
          `split: ${result.report.counts.train} train (cross-fitted), ${result.report.counts.validation} validation${result.report.refit ? '; then refitted on all of them' : ''}`,
          `validation (${v.n} comments, ${v.positives} attacks) at threshold ${result.threshold}: precision ${f(v.precision)}  recall ${f(v.recall)}  F1 ${f(v.f1)}  ROC AUC ${f(v.auc)}`,
          `use it: threadmod scan <dump> --scorer ${toxicity ? 'combined' : 'trained'} --trained-model ${options.out}   (insult threshold ${result.threshold} in your rules)`,
          '',
        ].join('\n'),
      );
    });
}

/** A one-line bar on a terminal; nothing when stderr is piped. */
function progressBar(stream: NodeJS.WriteStream): {
  update(done: number, total: number, phase: string): void;
  clear(): void;
} {
  if (!stream.isTTY) return { update() {}, clear() {} };
  let last = 0;
  let shown = false;
  return {
    update(done, total, phase) {
      const now = Date.now();
      if (now - last < 100 && done < total) return;
      last = now;
      const width = 30;
      const filled = total === 0 ? width : Math.round((done / total) * width);
      stream.write(
        `\r\x1b[2Ktraining [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.floor((done / Math.max(1, total)) * 100)}% ${phase}`,
      );
      shown = true;
    },
    clear() {
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
    },
  };
}
