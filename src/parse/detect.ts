import type { DumpFormat } from '../thread/schema.js';

/**
 * Tells API JSON from page text by the first character that is not
 * white space: page text copied from a browser never starts with `{` or `[`.
 */
export function detectFormat(text: string): DumpFormat {
  const first = /\S/.exec(text.replace(/^\uFEFF/, ''))?.[0];
  return first === '{' || first === '[' ? 'lemmy-json' : 'lemmy-text';
}
