/**
 * Checks a model folder against the pinned sizes and checksums. The result
 * also yields the folder's identity (a hash over what is actually there), so
 * cached scores from one set of weights are never served for another.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { PINNED_FILES, type DigestAlgorithm, type PinnedFile } from './pinned.js';
import { isMissing } from '../io/errno.js';

export interface FileCheck {
  readonly pinned: PinnedFile;
  /** Size on disk, or null when the file is missing. */
  readonly bytes: number | null;
  /** Digest with the pinned algorithm, or null when the file is missing. */
  readonly digest: string | null;
  readonly ok: boolean;
  /** One-line reason when not ok: `group1-shard3of7: missing`, `...: sha256 expected X, got Y`. */
  readonly problem: string | null;
}

export interface ModelCheck {
  readonly dir: string;
  readonly files: readonly FileCheck[];
  /** Every file present with the pinned size and digest. */
  readonly ok: boolean;
  /** Every file present (whatever its content). */
  readonly complete: boolean;
  /** sha256 over each file's name, size and digest; stable for identical folders. */
  readonly identity: string;
}

/** Hashes one file with the given algorithm, streaming so large files stay out of memory. */
export async function digestFile(file: string, algorithm: DigestAlgorithm): Promise<{ bytes: number; digest: string }> {
  const { size } = await stat(file);
  const hash = algorithm === 'sha256' ? createHash('sha256') : createHash('sha1').update(`blob ${size}\0`);
  let bytes = 0;
  for await (const chunk of createReadStream(file)) {
    bytes += (chunk as Buffer).length;
    hash.update(chunk as Buffer);
  }
  // A file that changed size while we read it cannot be trusted either way.
  if (bytes !== size) throw new Error(`${file} changed while being read`);
  return { bytes, digest: hash.digest('hex') };
}

/** Compares one file against its pinned values. */
export async function checkFile(file: string, pinned: PinnedFile): Promise<FileCheck> {
  let found: { bytes: number; digest: string };
  try {
    found = await digestFile(file, pinned.algorithm);
  } catch (error) {
    if (isMissing(error)) {
      return { pinned, bytes: null, digest: null, ok: false, problem: `${pinned.name}: missing` };
    }
    throw error;
  }
  return { pinned, ...found, ...judge(pinned, found.bytes, found.digest) };
}

/** The verdict for a file of `bytes` bytes with `digest`. */
export function judge(pinned: PinnedFile, bytes: number, digest: string): { ok: boolean; problem: string | null } {
  if (bytes !== pinned.bytes) {
    return { ok: false, problem: `${pinned.name}: expected ${pinned.bytes} bytes, got ${bytes}` };
  }
  if (digest !== pinned.digest) {
    return { ok: false, problem: `${pinned.name}: ${pinned.algorithm} expected ${pinned.digest}, got ${digest}` };
  }
  return { ok: true, problem: null };
}

/** Checks every pinned file in `dir`. `pinned` is injectable so tests can pin a stand-in. */
export async function checkModelDir(dir: string, pinned: readonly PinnedFile[] = PINNED_FILES): Promise<ModelCheck> {
  const files = await Promise.all(pinned.map((p) => checkFile(path.join(dir, p.name), p)));
  const identity = createHash('sha256');
  for (const f of files)
    identity.update(`${f.pinned.name}\t${f.bytes ?? '-'}\t${f.pinned.algorithm}:${f.digest ?? '-'}\n`);
  return {
    dir,
    files,
    ok: files.every((f) => f.ok),
    complete: files.every((f) => f.bytes !== null),
    identity: identity.digest('hex'),
  };
}

/** The first problem, plus how many more: fits on one line. */
export function summariseProblems(check: ModelCheck): string {
  const problems = check.files.flatMap((f) => (f.problem ? [f.problem] : []));
  if (problems.length === 0) return 'all files match';
  const more = problems.length - 1;
  return more > 0 ? `${problems[0]} (and ${more} more)` : (problems[0] as string);
}
