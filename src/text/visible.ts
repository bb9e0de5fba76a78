/**
 * The one function that makes untrusted text safe to put on a terminal.
 *
 * Comment bodies, author names, rule text and server messages are written by
 * people threadmod does not trust. A terminal obeys what it is sent: an ESC
 * sequence can retitle the window (OSC 0), write the clipboard (OSC 52), hide
 * text (CSI), a backspace or lone carriage return can overwrite the evidence
 * with a friendlier sentence, and a bidi override can reorder what is shown.
 * So every sink that writes such text to a terminal passes it through
 * `visible`, which shows those characters instead of obeying them:
 * C0 controls become their Control Pictures (`␛`, `␈`, `␍`, `␇`), DEL
 * becomes `␡`, and C1 controls, bidi controls and line/paragraph separators
 * become `\u202e`-style escapes. JSON output never goes through here: it
 * keeps the text exactly as received.
 *
 * This module imports nothing, so any layer (CLI, review UI) can use it.
 */

export interface VisibleOptions {
  /** Keep `\n` (and CRLF, as `\n`) as line breaks; otherwise they show as `␊`. */
  readonly newlines?: boolean;
}

// C0, DEL, C1, ALM, LRM/RLM, LS/PS, LRE..RLO, LRI..PDI; with the u flag a surrogate matches only when lone.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ud800-\udfff]/u;
const UNSAFE_ALL = new RegExp(UNSAFE.source, 'gu');

/** Whether `text` holds a character a terminal would act on or reorder. */
export function hasUnsafe(text: string): boolean {
  return UNSAFE.test(text);
}

/** `text` with every control, C1 and bidi character shown instead of obeyed. */
export function visible(text: string, options: VisibleOptions = {}): string {
  if (!UNSAFE.test(text)) return text;
  const source = options.newlines ? text.replace(/\r\n/g, '\n') : text;
  return source.replace(UNSAFE_ALL, (ch) => (options.newlines && ch === '\n' ? ch : showChar(ch)));
}

/** What one unsafe character is shown as; every replacement is one column per character. */
export function showChar(ch: string): string {
  const code = ch.charCodeAt(0);
  if (ch === '\t') return ' ';
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  if (code >= 0xd800 && code <= 0xdfff) return '\ufffd';
  return `\\u${code.toString(16).padStart(4, '0')}`;
}
