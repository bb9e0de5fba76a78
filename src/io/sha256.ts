/** SHA-256 of a file's bytes: ties a journal and an export to the exact dump they were made on. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** Lower-case hex digest; streams, so a large dump is never held twice in memory. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export function sha256Text(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}
