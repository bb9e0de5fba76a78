/**
 * Reading a dump from a file, for the commands: the format's parser (see
 * formats.ts) is imported only when a dump of that format is read, so
 * `threadmod tree` on page text starts in about the time Node does.
 */
import type { DumpFormat } from '../thread/schema.js';
import { markQuotesInPlace } from '../thread/quotes.js';
import { readTextFile } from '../io/read-text.js';
import { FORMATS, detectFormat, type ParsedDump } from './formats.js';

export async function loadDump(file: string, format?: DumpFormat): Promise<ParsedDump & { text: string }> {
  const text = await readTextFile(file);
  const parse = await FORMATS[format ?? detectFormat(text)].load();
  return { ...withQuotesMarked(parse(text, file)), text };
}

/**
 * Marks quoted text in a freshly parsed dump, in place: its comments are new
 * objects nobody else holds, and no two share an id (the page-text parser
 * numbers them by line; the JSON parser's tree assembly refuses repeats).
 */
export function withQuotesMarked(parsed: ParsedDump): ParsedDump {
  if (parsed.quotesMarked === true) return parsed;
  for (const thread of parsed.dump.posts) markQuotesInPlace(thread, { uniqueIds: true });
  return parsed;
}
