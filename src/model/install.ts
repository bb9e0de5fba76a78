/**
 * Installs a model folder all at once: files are written into a temporary
 * folder beside the target, flushed to disk, and the folder is renamed into
 * place. A crash or a failed download never leaves a half-written model where
 * the scorer would pick it up.
 */
import { mkdir, mkdtemp, open, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * Runs `fill(tmpDir)`, then replaces `target` with what it wrote. On any
 * error the temporary folder is removed and an existing `target` is kept.
 */
export async function installAtomically(target: string, fill: (tmpDir: string) => Promise<void>): Promise<void> {
  const parent = path.dirname(target);
  await mkdir(parent, { recursive: true });
  const tmp = await mkdtemp(path.join(parent, `.${path.basename(target)}.partial-`));
  try {
    await fill(tmp);
    for (const name of await readdir(tmp)) await fsyncPath(path.join(tmp, name));
    await fsyncPath(tmp);
    await swapInto(tmp, target);
    await fsyncPath(parent);
  } catch (error) {
    await rm(tmp, { recursive: true, force: true });
    throw error;
  }
}

async function swapInto(tmp: string, target: string): Promise<void> {
  // rename() cannot replace a non-empty folder, so move the old one aside first.
  const old = (await exists(target)) ? `${tmp}.old` : null;
  if (old) await rename(target, old);
  try {
    await rename(tmp, target);
  } catch (error) {
    if (old) await rename(old, target);
    throw error;
  }
  if (old) await rm(old, { recursive: true, force: true });
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

async function fsyncPath(p: string): Promise<void> {
  const handle = await open(p, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
