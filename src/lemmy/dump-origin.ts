/**
 * Where the decisions' comment ids come from. Lemmy ids are local to an
 * instance: comment 1001 on lemmy.world and comment 1001 on lemmy.ml are
 * different comments. When the decisions were made on a `threadmod fetch`
 * dump that can still be read, its `threadmod` header names the one instance
 * the ids are valid on and the API version the instance spoke.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DumpRef } from '../decisions/schema.js';
import { ApiVersion } from '../lemmy-api/schema.js';
import { parsePostUrl } from './instance-url.js';

export interface DumpProvenance {
  /** The instance origin, or null when the dump does not say. */
  readonly origin: string | null;
  /** The API version the dump was fetched with, or null when it does not say. */
  readonly apiVersion: ApiVersion | null;
}

const UNKNOWN: DumpProvenance = { origin: null, apiVersion: null };

/** What the source dump's header says (nothing for page text, or a dump moved or not fetched). Reads only the file. */
export async function dumpProvenance(decisionsFile: string, source: DumpRef): Promise<DumpProvenance> {
  if (source.format !== 'lemmy-json') return UNKNOWN;
  const candidates = new Set([path.resolve(source.file), path.resolve(path.dirname(decisionsFile), source.file)]);
  for (const file of candidates) {
    let data: unknown;
    try {
      data = JSON.parse(await readFile(file, 'utf8'));
    } catch {
      continue;
    }
    const header = (data as { threadmod?: { fetchedFrom?: unknown; origin?: unknown; apiVersion?: unknown } } | null)
      ?.threadmod;
    const api = ApiVersion.safeParse(header?.apiVersion);
    return { origin: originOf(header), apiVersion: api.success ? api.data : null };
  }
  return UNKNOWN;
}

/** The origin the source dump was fetched from, or null when that cannot be known. */
export async function dumpOrigin(decisionsFile: string, source: DumpRef): Promise<string | null> {
  return (await dumpProvenance(decisionsFile, source)).origin;
}

function originOf(header: { fetchedFrom?: unknown; origin?: unknown } | undefined): string | null {
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
