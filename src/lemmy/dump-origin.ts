/**
 * Where the decisions' comment ids come from. Lemmy ids are local to an
 * instance: comment 1001 on lemmy.world and comment 1001 on lemmy.ml are
 * different comments. When the decisions were made on a `threadmod fetch`
 * dump that can still be read, its `fetchedFrom` names the one instance
 * the ids are valid on.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DumpRef } from '../decisions/schema.js';
import { parsePostUrl } from './instance-url.js';

/** The origin the source dump was fetched from, or null when that cannot be known (page text, dump moved or not fetched). */
export async function dumpOrigin(decisionsFile: string, source: DumpRef): Promise<string | null> {
  if (source.format !== 'lemmy-json') return null;
  const candidates = new Set([path.resolve(source.file), path.resolve(path.dirname(decisionsFile), source.file)]);
  for (const file of candidates) {
    let data: unknown;
    try {
      data = JSON.parse(await readFile(file, 'utf8'));
    } catch {
      continue;
    }
    const header = (data as { threadmod?: { fetchedFrom?: unknown; origin?: unknown } } | null)?.threadmod;
    // Community dumps name their origin: `name@host` says little about the scheme and port.
    if (typeof header?.origin === 'string') return header.origin;
    const fetchedFrom = header?.fetchedFrom;
    if (typeof fetchedFrom !== 'string') return null;
    try {
      return parsePostUrl(fetchedFrom).origin;
    } catch {
      return null;
    }
  }
  return null;
}
