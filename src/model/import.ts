/**
 * `threadmod model import <dir>`: installs a model folder copied by hand (the
 * offline route). Files are checked before and after copying.
 */
import { copyFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../errors.js';
import { installAtomically } from './install.js';
import { PINNED_FILES, type PinnedFile } from './pinned.js';
import { checkModelDir, summariseProblems, type ModelCheck } from './verify.js';

export interface ImportOptions {
  /** Where to install (normally `installedModelDir()`). */
  readonly targetDir: string;
  /** Install files whose checksums differ from the pinned ones (never missing or wrong-size files). */
  readonly force?: boolean;
  /** Expected files; the real pins unless a test pins a stand-in. */
  readonly pinned?: readonly PinnedFile[];
}

/** Copies the pinned files from `sourceDir` into `targetDir` atomically; returns the installed copy's check. */
export async function importModel(sourceDir: string, options: ImportOptions): Promise<ModelCheck> {
  const pinned = options.pinned ?? PINNED_FILES;
  const source = path.resolve(sourceDir);
  const target = path.resolve(options.targetDir);
  await requireFolder(source);
  if (source === target) throw new UserError(`${source}: is already the install location`);

  const check = await checkModelDir(source, pinned);
  const fatal = fatalProblems(check);
  if (fatal) throw new UserError(`refusing to import ${source}: ${fatal}`);
  if (!check.ok && !options.force) {
    throw new UserError(`refusing to import ${source}: ${summariseProblems(check)} (--force installs it unverified)`);
  }

  let installed: ModelCheck | undefined;
  await installAtomically(target, async (tmp) => {
    for (const f of pinned) await copyFile(path.join(source, f.name), path.join(tmp, f.name));
    installed = await checkModelDir(tmp, pinned);
    if (installed.identity !== check.identity) {
      throw new UserError(`refusing to import ${source}: files changed while being copied`);
    }
  });
  return { ...(installed as ModelCheck), dir: target };
}

/**
 * Every missing file and every file of the wrong size (no --force installs those), in one line:
 * `missing vocab.json, model.json; group1-shard4of7: expected 4194304 bytes, got 2097152`.
 * Someone copying a folder by hand fixes them all in one go, not one per run.
 */
function fatalProblems(check: ModelCheck): string | null {
  const missing = check.files.filter((f) => f.bytes === null).map((f) => f.pinned.name);
  const wrongSize = check.files.flatMap((f) => (f.bytes !== null && f.bytes !== f.pinned.bytes ? [f.problem] : []));
  const parts = [...(missing.length > 0 ? [`missing ${missing.join(', ')}`] : []), ...wrongSize];
  return parts.length > 0 ? parts.join('; ') : null;
}

async function requireFolder(dir: string): Promise<void> {
  let isDir: boolean;
  try {
    isDir = (await stat(dir)).isDirectory();
  } catch {
    throw new UserError(`${dir}: no such folder`);
  }
  if (!isDir) throw new UserError(`${dir}: is not a folder`);
}
