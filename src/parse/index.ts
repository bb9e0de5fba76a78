/**
 * The one entry point for turning a dump into threads: reads the file,
 * detects (or takes) the format, parses, and marks quoted text.
 */
import type { Dump, DumpFormat } from '../thread/schema.js';
import { markQuotesInPlace } from '../thread/quotes.js';
import { detectFormat, type Parse, type ParsedDump } from './formats.js';
import { readLemmyJson } from './lemmy-json.js';
import { parseLemmyText } from './lemmy-text.js';

export { detectFormat } from './formats.js';
export type { ParsedDump } from './formats.js';

/** Every parser loaded up front, for the synchronous `parseDump` (tests, benches); commands use `loadDump`. */
const PARSERS: Readonly<Record<DumpFormat, Parse>> = {
  'lemmy-text': (text, file) => ({ dump: parseLemmyText(text, file), fetchedFrom: null }),
  'lemmy-json': readLemmyJson,
};

/** Parses dump text; `file` is only used to locate errors. */
export function parseDump(text: string, file: string, format?: DumpFormat): Dump {
  return readDump(text, file, format).dump;
}

/** Like `parseDump`, with what the dump says about where it came from. */
export function readDump(text: string, file: string, format?: DumpFormat): ParsedDump {
  const parsed = PARSERS[format ?? detectFormat(text)](text, file);
  // The parser's comments are fresh objects nobody else holds: quotes are
  // filled in on them rather than on a copy of every comment.
  for (const thread of parsed.dump.posts) markQuotesInPlace(thread);
  return parsed;
}

export { loadDump } from './load-dump.js';
