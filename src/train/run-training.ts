/**
 * What `threadmod train` does, without the CLI: reads the inputs, trains,
 * writes the model folder with its manifest.
 */
import path from 'node:path';
import { UserError } from '../errors.js';
import { sha256File } from '../io/sha256.js';
import { readTextFile } from '../io/read-text.js';
import { DEFAULT_FEATURES, type FeatureSpec } from '../flag/trained/features.js';
import { loadModel, writeModel } from '../flag/trained/model-files.js';
import type { BaseModel } from '../flag/trained/model.js';
import type { Scorer } from '../flag/scorer.js';
import { looksLikeDecisions, readDecisionExamples } from './decisions.js';
import { parseExamples, sourceName, type Example } from './examples.js';
import { DEFAULT_TRAIN_OPTIONS, trainModel, type TrainProgress, type TrainReport } from './train.js';

/**
 * The shipped model's data, in ../shared/data/train. OLID and davidson, as
 * auxiliary base models, did not measurably help on held-out data (see
 * models/attack-v1/MODEL_CARD.md), so they are left out; `--aux` adds them.
 */
export const DEFAULT_PRIMARY = ['attacks-train.jsonl', 'toxichat-train.jsonl'];
export const DEFAULT_AUXILIARY: readonly string[] = [];

export interface RunTrainingOptions {
  readonly inputs: readonly string[];
  readonly auxiliary?: readonly string[];
  /** A folder holding the default training files, added to the inputs. */
  readonly baseData?: string | undefined;
  /** A model folder whose base models are used frozen. */
  readonly fromModel?: string | undefined;
  readonly out: string;
  readonly name?: string | undefined;
  readonly seed?: number;
  readonly attackRules?: readonly string[];
  readonly dump?: string | undefined;
  readonly spec?: Partial<FeatureSpec>;
  readonly l2?: number;
  readonly nbAlpha?: number;
  readonly folds?: number;
  readonly maxIterations?: number;
  /** Refit the primary base on every example once measured (default true). */
  readonly refit?: boolean;
  /** The toxicity model, whose scores become stacker inputs (the caller opens and closes it). */
  readonly toxicity?: Scorer | undefined;
  readonly onProgress?: (p: TrainProgress) => void;
  readonly onNote?: (message: string) => void;
}

export interface RunTrainingResult {
  readonly digest: string;
  readonly report: TrainReport;
  readonly threshold: number;
  readonly examples: number;
}

export async function runTraining(options: RunTrainingOptions): Promise<RunTrainingResult> {
  const primaryFiles = [...options.inputs];
  const auxFiles = [...(options.auxiliary ?? [])];
  if (options.baseData) {
    primaryFiles.push(...DEFAULT_PRIMARY.map((f) => path.join(options.baseData!, f)));
    auxFiles.push(...DEFAULT_AUXILIARY.map((f) => path.join(options.baseData!, f)));
  }
  if (primaryFiles.length === 0)
    throw new UserError('nothing to train on: give labelled files, decisions files or --base-data');
  const attackRules = new Set(options.attackRules ?? ['rule-3']);
  const files: Array<{ file: string; sha256: string; role: string; examples: number }> = [];
  const primary: Example[] = [];
  const seen = new Set<string>();
  for (const file of primaryFiles) {
    const text = await readTextFile(file);
    let examples: Example[];
    if (looksLikeDecisions(text)) {
      const read = await readDecisionExamples(file, attackRules, options.dump);
      examples = read.examples;
      options.onNote?.(
        `${file}: ${examples.length} decisions used (${examples.filter((e) => e.attack).length} attacks), ${read.ignored} left out; dump ${read.dumpFile}`,
      );
    } else {
      const read = parseExamples(text, file);
      examples = read.examples;
      if (examples.length === 0)
        throw new UserError(`${file}: no attack labels (only offensive/not); pass it with --aux`);
      if (read.unlabelled > 0) options.onNote?.(`${file}: ${read.unlabelled} lines without a label skipped`);
    }
    for (const e of examples) {
      if (seen.has(e.id)) throw new UserError(`${file}: example id '${e.id}' also appears in an earlier input`);
      seen.add(e.id);
    }
    primary.push(...examples);
    files.push({ file: displayPath(file), sha256: await sha256File(file), role: 'primary', examples: examples.length });
  }
  const auxiliary = [];
  for (const file of auxFiles) {
    const read = parseExamples(await readTextFile(file), file);
    // davidson.jsonl has no attack label: its base model learns offensive language instead.
    const examples = read.examples.length > 0 ? read.examples : read.offensive;
    const name = sourceName(file)
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-');
    auxiliary.push({ name, examples });
    files.push({
      file: displayPath(file),
      sha256: await sha256File(file),
      role: `auxiliary base '${name}'`,
      examples: examples.length,
    });
  }
  let frozen: BaseModel[] = [];
  const trainedOn: Record<string, string[]> = {};
  if (options.fromModel) {
    const loaded = await loadModel(options.fromModel);
    frozen = loaded.model.bases.map((b) => ({ ...b, name: `frozen-${b.name}`.slice(0, 60) }));
    for (const b of loaded.manifest.bases)
      trainedOn[`frozen-${b.name}`.slice(0, 60)] = [
        `frozen from ${loaded.manifest.name} (manifest sha256 ${loaded.digest})`,
        ...b.trainedOn,
      ];
  }
  const spec: FeatureSpec = {
    ...DEFAULT_FEATURES,
    ...(options.spec ?? {}),
    ...(frozen[0] ? { bits: Math.log2(frozen[0].weights.length) } : {}),
  };
  const trainOptions = {
    ...DEFAULT_TRAIN_OPTIONS,
    spec,
    seed: options.seed ?? DEFAULT_TRAIN_OPTIONS.seed,
    l2: options.l2 ?? DEFAULT_TRAIN_OPTIONS.l2,
    nbAlpha: options.nbAlpha ?? DEFAULT_TRAIN_OPTIONS.nbAlpha,
    folds: options.folds ?? DEFAULT_TRAIN_OPTIONS.folds,
    maxIterations: options.maxIterations ?? DEFAULT_TRAIN_OPTIONS.maxIterations,
    refit: options.refit ?? true,
    frozen,
    onProgress: options.onProgress,
    ...(options.toxicity ? { toxicity: options.toxicity } : {}),
  };
  let result;
  try {
    result = await trainModel(primary, auxiliary, trainOptions);
  } catch (error) {
    if (error instanceof Error && /too few|only one class/.test(error.message)) throw new UserError(error.message);
    throw error;
  }
  trainedOn.primary = files.filter((f) => f.role === 'primary').map((f) => f.file);
  for (const a of auxiliary)
    trainedOn[a.name] = files.filter((f) => f.role === `auxiliary base '${a.name}'`).map((f) => f.file);
  const { onProgress: _p, frozen: _f, spec: _s, toxicity: _t, ...recorded } = trainOptions;
  const digest = await writeModel(options.out, result.model, {
    name: options.name ?? path.basename(path.resolve(options.out)),
    trainedOn,
    training: {
      seed: recorded.seed,
      options: {
        ...recorded,
        fromModel: options.fromModel ? displayPath(options.fromModel) : null,
        // Which toxicity model's scores the stacker learned to read: the same one must run beside it.
        toxicity: options.toxicity ? (options.toxicity.info.model ?? 'toxicity') : null,
      },
      files,
    },
    metrics: result.report as unknown as Record<string, unknown>,
  });
  return { digest, report: result.report, threshold: result.model.threshold, examples: primary.length };
}

/** Paths in the manifest are relative to the working directory, so a committed manifest names no one's home folder. */
function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), path.resolve(file));
  return rel.split(path.sep).join('/');
}
