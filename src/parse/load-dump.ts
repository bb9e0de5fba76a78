/**
 * Reading a dump from a file, for the commands. Like parseDump, but the JSON
 * parser (and with it zod and the wire schemas) is imported only for a JSON
 * dump, so `threadmod tree` on page text starts in about the time Node does.
 */
import type { Dump, DumpFormat } from '../thread/schema.js';
import { markQuotesInPlace } from '../thread/quotes.js';
import { readTextFile } from '../io/read-text.js';
import { detectFormat } from './detect.js';
import { parseLemmyText } from './lemmy-text.js';

export async function loadDump(file: string, format?: DumpFormat): Promise<{ dump: Dump; text: string }> {
  const text = await readTextFile(file);
  const chosen = format ?? detectFormat(text);
  const dump =
    chosen === 'lemmy-json' ? (await import('./lemmy-json.js')).parseLemmyJson(text, file) : parseLemmyText(text, file);
  // The parser's comments are fresh objects nobody else holds: quotes are filled in on them, not on copies.
  for (const thread of dump.posts) markQuotesInPlace(thread);
  return { dump, text };
}
