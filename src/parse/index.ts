/**
 * Parsing dump text synchronously, for tests and benches: every format's
 * parser is loaded up front from the FORMATS table (so a new format needs no
 * change here). Commands read dumps with `loadDump`, which imports only the
 * parser the dump needs.
 */
import type { Dump, DumpFormat } from '../thread/schema.js';
import { FORMATS, FORMAT_NAMES, detectFormat, type Parse, type ParsedDump } from './formats.js';
import { withQuotesMarked } from './load-dump.js';

export { detectFormat } from './formats.js';
export type { ParsedDump } from './formats.js';
export { loadDump } from './load-dump.js';

const PARSERS = Object.fromEntries(
  await Promise.all(FORMAT_NAMES.map(async (name) => [name, await FORMATS[name].load()] as const)),
) as Readonly<Record<DumpFormat, Parse>>;

/** Parses dump text; `file` is only used to locate errors. */
export function parseDump(text: string, file: string, format?: DumpFormat): Dump {
  return readDump(text, file, format).dump;
}

/** Like `parseDump`, with what the dump says about where it came from. */
export function readDump(text: string, file: string, format?: DumpFormat): ParsedDump {
  return withQuotesMarked(PARSERS[format ?? detectFormat(text)](text, file));
}
