/**
 * The one entry point for turning a dump into threads: reads the file,
 * detects (or takes) the format, parses, and marks quoted text.
 */
import type { Dump, DumpFormat } from '../thread/schema.js';
import { markQuotesInPlace } from '../thread/quotes.js';
import { detectFormat, type Parse } from './formats.js';
import { parseLemmyJson } from './lemmy-json.js';
import { parseLemmyText } from './lemmy-text.js';

export { detectFormat } from './formats.js';

/** Every parser loaded up front, for the synchronous `parseDump` (tests, benches); commands use `loadDump`. */
const PARSERS: Readonly<Record<DumpFormat, Parse>> = { 'lemmy-text': parseLemmyText, 'lemmy-json': parseLemmyJson };

/** Parses dump text; `file` is only used to locate errors. */
export function parseDump(text: string, file: string, format?: DumpFormat): Dump {
  const dump = PARSERS[format ?? detectFormat(text)](text, file);
  // The parser's comments are fresh objects nobody else holds: quotes are
  // filled in on them rather than on a copy of every comment.
  for (const thread of dump.posts) markQuotesInPlace(thread);
  return dump;
}

export { loadDump } from './load-dump.js';
