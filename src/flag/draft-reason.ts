/**
 * Drafted reasons, as a moderator writes them: the rule cited once, by number
 * and meaning, and one short piece of the comment quoted, cut at a word:
 * `Removed under Rule 3 (no personal attacks): "Shut up, you ignorant idiot."`
 *
 * The caller picks the sentence (the flag's strongest); the piece is the
 * part around its heaviest matched word, so a long sentence is quoted where
 * it insults, not at its harmless start.
 */
import type { Evidence } from './flag-schema.js';
import type { Rule } from './rules-schema.js';

/** Longest quoted piece, in characters: a reason is read in a removal notice, not a transcript. */
export const REASON_QUOTE_CHARS = 80;

/** The part of a comment a reason quotes: a sentence, and where its words matched (offsets into the body). */
export type QuotedEvidence = Pick<Evidence, 'text'> & Partial<Pick<Evidence, 'start' | 'terms'>>;

/**
 * `Rule 3 (no personal attacks)`: from a title `Rule 3: no personal attacks`, or
 * from a citation `Rule 3.` and a title `No personal attacks`; else the title.
 */
export function ruleName(rule: Pick<Rule, 'title' | 'citation'>): string {
  const title = rule.title.trim();
  const colon = title.indexOf(':');
  const head = colon > 0 ? title.slice(0, colon).trim() : '';
  const tail = colon > 0 ? title.slice(colon + 1).trim() : '';
  if (head && tail) return `${head} (${tail})`;
  const numbered = /^(rule\s*[\p{L}\p{N}.-]*?)\.?$/iu.exec(rule.citation.trim());
  return numbered ? `${numbered[1]} (${title})` : title;
}

/** `Removed under Rule 3 (no personal attacks): "…"`, quoting the given sentence; the rule alone without one. */
export function draftReason(rule: Pick<Rule, 'title' | 'citation'>, evidence: QuotedEvidence | null): string {
  const cited = `Removed under ${ruleName(rule)}`;
  return evidence ? `${cited}: "${quotePiece(evidence)}"` : `${cited}.`;
}

/**
 * At most `REASON_QUOTE_CHARS` of the sentence on one line, centred on its
 * heaviest matched word, cut at word boundaries with `…` where text is left
 * out. Double quotes become single ones so the quote stays one quote.
 */
export function quotePiece(evidence: QuotedEvidence, max = REASON_QUOTE_CHARS): string {
  const text = evidence.text.replace(/\s+/g, ' ').replaceAll('"', "'").trim();
  if (text.length <= max) return text;
  const focus = focusOf(evidence);
  // A window of `max` characters around the focus, then shrunk to whole words.
  let from = Math.max(0, Math.min(focus - Math.floor(max / 3), text.length - max));
  let to = Math.min(text.length, from + max);
  if (from > 0) {
    const space = text.indexOf(' ', from);
    from = space >= 0 && space < focus ? space + 1 : from;
  }
  if (to < text.length) {
    const space = text.lastIndexOf(' ', to);
    to = space > from ? space : to;
  }
  const piece = text.slice(from, to).replace(/[\s,;:–—-]+$/u, '');
  return `${from > 0 ? '…' : ''}${piece}${to < text.length ? '…' : ''}`;
}

/** Where the heaviest matched word starts in the one-line text (0 without terms). */
function focusOf(evidence: QuotedEvidence): number {
  let best: { start: number; weight: number } | null = null;
  for (const t of evidence.terms ?? []) if (!best || t.weight > best.weight) best = t;
  if (!best || evidence.start === undefined) return 0;
  // Term offsets are into the body; the one-line text collapsed whitespace, so flatten the part before it the same way.
  const before = evidence.text.slice(0, Math.max(0, best.start - evidence.start));
  return before.replace(/\s+/g, ' ').trimStart().length;
}
