/**
 * The model folder: `manifest.json` (features, base models with their
 * weight files' sha256, stacker, calibration, threshold, training files and
 * metrics), one `<base>.i16` file of little-endian 16-bit weights per base
 * model, and `manifest.sha256`, the digest of manifest.json's bytes.
 *
 * Loading checks the manifest against its digest and every weight file
 * against the manifest, so a model that was edited, truncated or mixed with
 * another model's files is refused with one line, never silently used.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { UserError } from '../../errors.js';
import { fromInt16, toInt16 } from '../../train/quantise.js';
import type { BaseModel, TrainedModel } from './model.js';

export const MODEL_FORMAT = 'threadmod-attack-model';
export const MODEL_VERSION = 1;
export const MANIFEST = 'manifest.json';
export const MANIFEST_DIGEST = 'manifest.sha256';

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);

export const Manifest = z.object({
  format: z.literal(MODEL_FORMAT),
  version: z.literal(MODEL_VERSION),
  name: z.string().min(1),
  features: z.object({
    kind: z.literal('hashed word 1-2-grams + char n-grams'),
    bits: z.number().int().min(8).max(24),
    charMin: z.number().int().min(1).max(8),
    charMax: z.number().int().min(1).max(8),
    wordMax: z.number().int().min(1).max(2),
    charShare: z.number().min(0).max(1),
  }),
  bases: z
    .array(
      z.object({
        name: z.string().regex(/^[a-z0-9-]+$/),
        file: z.string().regex(/^[a-z0-9-]+\.i16$/),
        sha256: Hex64,
        bias: z.number(),
        scale: z.number().positive(),
        /** Training files of this base (or "frozen from <model>"). */
        trainedOn: z.array(z.string()),
      }),
    )
    .min(1),
  stacker: z.object({ inputs: z.array(z.string()).min(1), weights: z.array(z.number()), bias: z.number() }),
  calibration: z.object({ method: z.literal('platt'), a: z.number(), b: z.number(), comment: z.number().default(0) }),
  /** Recommended threshold on the calibrated probability (best F1 on the calibration split). */
  threshold: z.number().min(0).max(1),
  training: z.object({
    seed: z.number().int(),
    options: z.record(z.string(), z.unknown()),
    files: z.array(
      z.object({ file: z.string(), sha256: Hex64, role: z.string(), examples: z.number().int().nonnegative() }),
    ),
  }),
  /** Figures on the validation split (never used to fit anything). */
  metrics: z.record(z.string(), z.unknown()),
});
export type Manifest = z.infer<typeof Manifest>;

export interface LoadedModel {
  readonly model: TrainedModel;
  readonly manifest: Manifest;
  /** sha256 of manifest.json: the model's identity. */
  readonly digest: string;
  readonly dir: string;
}

function sha256(bytes: Uint8Array | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Little-endian bytes of the quantised weights (the same on any machine). */
function weightBytes(base: BaseModel): Buffer {
  const q = toInt16(base.weights, base.scale);
  const buf = Buffer.alloc(q.length * 2);
  for (let i = 0; i < q.length; i++) buf.writeInt16LE(q[i]!, i * 2);
  return buf;
}

export type ManifestInput = Omit<
  Manifest,
  'format' | 'version' | 'features' | 'bases' | 'stacker' | 'calibration' | 'threshold'
> & {
  readonly trainedOn: Readonly<Record<string, readonly string[]>>;
};

/** Writes the model folder: into a temporary sibling first, renamed into place when complete. */
export async function writeModel(dir: string, model: TrainedModel, info: ManifestInput): Promise<string> {
  const files = model.bases.map((base) => ({ base, file: `${base.name}.i16`, bytes: weightBytes(base) }));
  const manifest: Manifest = {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    name: info.name,
    features: { kind: 'hashed word 1-2-grams + char n-grams', ...model.spec },
    bases: files.map(({ base, file, bytes }) => ({
      name: base.name,
      file,
      sha256: sha256(bytes),
      bias: base.bias,
      scale: base.scale,
      trainedOn: [...(info.trainedOn[base.name] ?? [])],
    })),
    stacker: { inputs: [...model.stacker.inputs], weights: [...model.stacker.weights], bias: model.stacker.bias },
    calibration: { method: 'platt', a: model.platt.a, b: model.platt.b, comment: model.platt.comment },
    threshold: model.threshold,
    training: info.training,
    metrics: info.metrics,
  };
  const text = `${JSON.stringify(manifest, null, 2)}\n`;
  const target = path.resolve(dir);
  const temp = `${target}.tmp-${process.pid}`;
  await rm(temp, { recursive: true, force: true });
  await mkdir(temp, { recursive: true });
  for (const { file, bytes } of files) await writeFile(path.join(temp, file), bytes);
  await writeFile(path.join(temp, MANIFEST), text);
  await writeFile(path.join(temp, MANIFEST_DIGEST), `${sha256(text)}  ${MANIFEST}\n`);
  // Keep anything else the folder holds (a MODEL_CARD.md) by moving our files in one by one.
  await mkdir(target, { recursive: true });
  const stale = await readManifestNames(target);
  for (const file of [...files.map((f) => f.file), MANIFEST, MANIFEST_DIGEST])
    await rename(path.join(temp, file), path.join(target, file));
  for (const file of stale) if (!files.some((f) => f.file === file)) await rm(path.join(target, file), { force: true });
  await rm(temp, { recursive: true, force: true });
  return sha256(text);
}

async function readManifestNames(dir: string): Promise<string[]> {
  try {
    const parsed = Manifest.safeParse(JSON.parse(await readFile(path.join(dir, MANIFEST), 'utf8')));
    return parsed.success ? parsed.data.bases.map((b) => b.file) : [];
  } catch {
    return [];
  }
}

/** Loads and verifies a model folder; every problem is one UserError line naming the file. */
export async function loadModel(dir: string): Promise<LoadedModel> {
  const where = (file: string) => path.join(dir, file);
  const manifestBytes = await readOrFail(where(MANIFEST), dir);
  const digestText = (await readOrFail(where(MANIFEST_DIGEST), dir)).toString('utf8');
  const digest = sha256(manifestBytes);
  const expected = /^([0-9a-f]{64})\b/.exec(digestText.trim())?.[1];
  if (!expected) throw new UserError(`${where(MANIFEST_DIGEST)}: not a sha256 digest line`);
  if (expected !== digest)
    throw new UserError(
      `${where(MANIFEST)}: sha256 ${digest.slice(0, 12)}… does not match ${MANIFEST_DIGEST} (${expected.slice(0, 12)}…); the model was changed or damaged`,
    );
  let data: unknown;
  try {
    data = JSON.parse(manifestBytes.toString('utf8'));
  } catch (error) {
    throw new UserError(`${where(MANIFEST)}: invalid JSON (${(error as Error).message.split('\n')[0]})`);
  }
  const parsed = Manifest.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserError(
      `${where(MANIFEST)}: $.${issue.path.join('.')}: ${issue.message} (not a threadmod attack model, or another version)`,
    );
  }
  const manifest = parsed.data;
  const size = 1 << manifest.features.bits;
  const bases: BaseModel[] = [];
  for (const base of manifest.bases) {
    const bytes = await readOrFail(where(base.file), dir);
    if (sha256(bytes) !== base.sha256)
      throw new UserError(`${where(base.file)}: sha256 does not match the manifest; the model was changed or damaged`);
    if (bytes.length !== size * 2)
      throw new UserError(`${where(base.file)}: ${bytes.length} bytes, expected ${size * 2}`);
    const q = new Int16Array(size);
    for (let i = 0; i < size; i++) q[i] = bytes.readInt16LE(i * 2);
    bases.push({ name: base.name, weights: fromInt16(q, base.scale), scale: base.scale, bias: base.bias });
  }
  const { stacker } = manifest;
  if (stacker.weights.length !== stacker.inputs.length)
    throw new UserError(
      `${where(MANIFEST)}: $.stacker: ${stacker.inputs.length} inputs but ${stacker.weights.length} weights`,
    );
  const { kind: _kind, ...spec } = manifest.features;
  return {
    model: {
      spec,
      bases,
      stacker,
      platt: { a: manifest.calibration.a, b: manifest.calibration.b, comment: manifest.calibration.comment },
      threshold: manifest.threshold,
    },
    manifest,
    digest,
    dir,
  };
}

async function readOrFail(file: string, dir: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(`${file}: missing; ${dir} is not a complete threadmod model folder`);
    if (code === 'EISDIR') throw new UserError(`${file}: is a directory`);
    throw new UserError(`${file}: cannot read (${code ?? (error as Error).message})`);
  }
}
