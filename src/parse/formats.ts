/**
 * The input formats, one row each: how to recognise a dump and how to parse
 * it. Detection and `loadDump` come from this table, and the `--format`
 * choices from `DumpFormat`, whose names the table's type requires. A new
 * format is its parser file, a row here and its name in `DumpFormat`
 * (src/thread/schema.ts); the compiler points at a missing row. Parsers are
 * imported when a dump of their format is read: the JSON parser brings zod
 * and the wire schemas, which `tree` on page text should not pay for.
 */
import type { Dump, DumpFormat } from '../thread/schema.js';

export interface ParsedDump {
  readonly dump: Dump;
  /** Where the dump was fetched from (a post URL), when the dump says. */
  readonly fetchedFrom: string | null;
  /** The parser marked the quotes itself (on a worker, while it read). */
  readonly quotesMarked?: boolean;
}

export type Parse = (text: string, file: string) => ParsedDump;

export interface InputFormat {
  /** True when `text` looks like this format; the formats' tests exclude each other. */
  sniff(text: string): boolean;
  /** The parser (whole dump; `file` only locates errors), imported on first use. */
  load(): Promise<Parse>;
}

/** The first character that is not white space (or a BOM). */
const firstChar = (text: string): string | undefined => /\S/.exec(text.replace(/^\uFEFF/, ''))?.[0];
const looksLikeJson = (text: string): boolean => {
  const first = firstChar(text);
  return first === '{' || first === '[';
};

export const FORMATS: Readonly<Record<DumpFormat, InputFormat>> = {
  // Page text copied from a browser never starts with `{` or `[`.
  'lemmy-text': {
    sniff: (text) => !looksLikeJson(text),
    load: async () => (await import('./lemmy-text-quoted.js')).readLemmyText,
  },
  'lemmy-json': { sniff: looksLikeJson, load: async () => (await import('./lemmy-json.js')).readLemmyJson },
};

export const FORMAT_NAMES = Object.keys(FORMATS) as DumpFormat[];

/** The format whose sniff accepts `text`. */
export function detectFormat(text: string): DumpFormat {
  return FORMAT_NAMES.find((name) => FORMATS[name].sniff(text)) ?? FORMAT_NAMES[0]!;
}
