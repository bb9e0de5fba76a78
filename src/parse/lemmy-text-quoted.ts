/**
 * Page text parsed with its quotes marked: on a large dump, by the quote
 * worker while the parser reads (quote-offload.ts); on a small
 * one, or if no worker starts, not at all here, and `withQuotesMarked` marks
 * them in-thread after the parse.
 */
import { QuoteOffload, type OffloadOptions } from './quote-offload.js';
import type { ParsedDump } from './formats.js';
import { parseLemmyText } from './lemmy-text.js';

/** `options` are for tests (a smaller size from which the worker is used, a machine said idle). */
export function readLemmyText(text: string, file: string, options: OffloadOptions = {}): ParsedDump {
  const offload = QuoteOffload.start(text.length, options);
  if (offload === null) return { dump: parseLemmyText(text, file), fetchedFrom: null };
  let dump;
  try {
    dump = parseLemmyText(text, file, offload);
  } catch (error) {
    offload.abort();
    throw error;
  }
  // The parser makes exactly one post, whose comments the sink was given.
  offload.finishInto(dump.posts[0]!);
  return { dump, fetchedFrom: null, quotesMarked: true };
}
