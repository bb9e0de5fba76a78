/**
 * Reads a dump file as text, refusing what is not text with a one-line,
 * located error: a directory, binary data, invalid UTF-8.
 */
import { open, stat } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { errnoCode } from './errno.js';

/**
 * Largest input file read. JSON.parse of a 335 MB dump of 200,000 comments
 * takes a few GB; beyond this a dump is refused in one line instead of
 * exhausting memory (V8 strings stop at 512 MB anyway).
 */
export const MAX_INPUT_BYTES = 400 * 1024 * 1024;

export async function readTextFile(file: string, maxBytes = MAX_INPUT_BYTES): Promise<string> {
  return decodeText(await readRegularFile(file, maxBytes), file);
}

/**
 * Reads a whole regular file of at most `maxBytes`, checked on the open file
 * (fstat), so a device (/dev/zero), a pipe or a file swapped in meanwhile is
 * refused in one line before anything is read, and a file still growing is
 * read no further than the limit.
 */
export async function readRegularFile(file: string, maxBytes: number): Promise<Buffer> {
  let handle;
  try {
    // stat first: opening a pipe would wait for a writer forever.
    const before = await stat(file);
    if (!before.isFile() && !before.isDirectory()) throw new InputError(file, NOT_REGULAR);
    handle = await open(file, 'r');
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = errnoCode(error);
    if (code === 'ENOENT') throw new InputError(file, 'no such file');
    if (code === 'EACCES' || code === 'EPERM') throw new InputError(file, 'permission denied');
    if (code === 'EISDIR') throw new InputError(file, 'is a directory, not a dump file');
    throw error;
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw new InputError(file, 'is a directory, not a dump file');
    if (!info.isFile()) throw new InputError(file, NOT_REGULAR);
    if (info.size > maxBytes)
      throw new InputError(file, `is ${megabytes(info.size)}; threadmod reads files up to ${megabytes(maxBytes)}`);
    const buffer = Buffer.alloc(info.size + 1);
    let length = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
      if (length > info.size) throw new InputError(file, 'grew while being read; read it again once it is complete');
    }
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
}

const NOT_REGULAR = 'is not a regular file (a device, pipe or socket); save it to a file first';

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`;
}

/** Decodes UTF-8 strictly; the error names the line of the first bad byte. */
export function decodeText(bytes: Uint8Array, file: string): string {
  const nul = bytes.indexOf(0);
  if (nul !== -1)
    throw new InputError(`${file}:${lineAt(bytes, nul)}`, 'binary data (NUL byte), not a text or JSON dump');
  try {
    const text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    return text;
  } catch {
    const bad = firstInvalidUtf8(bytes);
    throw new InputError(`${file}:${lineAt(bytes, bad)}`, 'invalid UTF-8; save the dump as UTF-8 text');
  }
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  // Binary search on prefix validity would miss sequences cut at the end; a
  // linear walk is simple and runs only on the error path.
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len === 0) return i;
    try {
      decoder.decode(bytes.subarray(i, i + len));
    } catch {
      return i;
    }
    i += len;
  }
  return bytes.length;
}
