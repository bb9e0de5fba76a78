/**
 * Writes a file so that a reader (or a crash) sees either the old content or
 * the new, never half of it: `write-file-atomic` writes a temp file in the
 * same directory, fsyncs it and renames it over the target. It does not fsync
 * the directory, so after a power cut the rename itself could be lost; we do
 * that last step here.
 */
import { open } from 'node:fs/promises';
import path from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import { errnoCode } from './errno.js';

export async function writeFileAtomically(file: string, data: string | Buffer): Promise<void> {
  await writeFileAtomic(file, data, { fsync: true });
  await fsyncDirectory(path.dirname(path.resolve(file)));
}

/** Makes a new or renamed directory entry durable. Some platforms (Windows) cannot open a directory: nothing to do there. */
export async function fsyncDirectory(dir: string): Promise<void> {
  let handle;
  try {
    handle = await open(dir, 'r');
  } catch {
    return;
  }
  try {
    await handle.sync();
  } catch (error) {
    const code = errnoCode(error);
    if (code !== 'EINVAL' && code !== 'EPERM' && code !== 'EISDIR') throw error;
  } finally {
    await handle.close();
  }
}
