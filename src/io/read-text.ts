/**
 * Reads a dump file as text, refusing what is not text with a one-line,
 * located error: a directory, binary data, invalid UTF-8.
 */
import { readFile, stat } from 'node:fs/promises';
import { InputError } from '../errors.js';
import { errnoCode } from './errno.js';

export async function readTextFile(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new InputError(file, 'is a directory, not a dump file');
    bytes = await readFile(file);
  } catch (error) {
    if (error instanceof InputError) throw error;
    const code = errnoCode(error);
    if (code === 'ENOENT') throw new InputError(file, 'no such file');
    if (code === 'EACCES' || code === 'EPERM') throw new InputError(file, 'permission denied');
    throw error;
  }
  return decodeText(bytes, file);
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
