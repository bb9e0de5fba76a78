/**
 * Classifying the lines of page text that open a comment: author lines
 * (`• @name@host` with badge letters run on) and the depth a header's
 * indentation gives. Whether a line reads as a score and an age is
 * relative-time.ts's business; this file decides where such a line sits.
 */
import { InputError } from '../errors.js';
import { isWhiteSpace } from '../text/white-space.js';
import type { Author, Badge } from '../thread/schema.js';

/** Column of a top-level comment's header, and the step per reply level. */
const TOP_COLUMN = 4;
const STEP = 2;
/**
 * Deeper than any Lemmy page nests (lemmy-ui loads 8 levels, then links to
 * "more replies"). The cap keeps one absurdly indented line from making
 * thousands of placeholders, each with its own path: memory stays linear.
 */
const MAX_DEPTH = 100;

const BADGE_LETTERS: ReadonlyArray<readonly [string, Badge]> = [
  ['OP', 'op'],
  ['M', 'moderator'],
  ['A', 'admin'],
  ['B', 'bot'],
];

/**
 * The reply depth (1 = top level) of the header `header` at `column` on line
 * `line`, or of its author line `author` when it has one (the author line
 * then holds the comment's column). 0 for a header flush left, which is
 * article text that happens to read like a time ("2 years ago"). An
 * indentation no comment can have (odd, or under 4) is an InputError at its
 * line, since guessing its depth would silently re-parent the replies below
 * it; so is a depth over MAX_DEPTH.
 */
export function headerDepth(
  header: string,
  column: number,
  line: number,
  author: AuthorLine | null,
  file: string,
): number {
  const depthColumn = author ? author.column : column;
  if (depthColumn === 0) return 0;
  if (depthColumn < TOP_COLUMN || (depthColumn - TOP_COLUMN) % STEP !== 0) {
    throw new InputError(
      `${file}:${author ? author.line : line}`,
      `${author ? 'author line' : 'comment header'} ${JSON.stringify(author ? author.content : header)} is indented ` +
        `${depthColumn} columns; Lemmy page text indents comments by 4 columns plus 2 per reply level (4, 6, 8, …)`,
    );
  }
  const depth = (depthColumn - TOP_COLUMN) / STEP + 1;
  if (depth > MAX_DEPTH) {
    throw new InputError(
      `${file}:${author ? author.line : line}`,
      `comment header ${JSON.stringify(header)} is nested ${depth} levels deep; no Lemmy page nests more than ${MAX_DEPTH}`,
    );
  }
  return depth;
}

/** Whether a header at `column` belongs to the author line just above it: it sits one step further in. */
export function isHeaderOf(author: AuthorLine, column: number): boolean {
  return column === author.column + STEP;
}

export interface AuthorLine {
  readonly content: string;
  readonly column: number;
  readonly line: number;
  readonly author: Author;
  readonly badges: Badge[];
}

/**
 * `• @name` or `• @name@host` with badge letters run on to the end: what
 * `/^•[ \u00A0]*@([^\s@]+)(?:@([^\s@]+))?$/` matches, read without a regular
 * expression (one author line per comment: a match array each was a tenth of
 * what the parser allocated).
 */
export function readAuthorLine(content: string, column: number, line: number): AuthorLine | null {
  const n = content.length;
  if (content.charCodeAt(0) !== 0x2022 /* • */) return null;
  let i = 1;
  for (let c = content.charCodeAt(i); c === 0x20 || c === 0xa0; c = content.charCodeAt(++i));
  if (content.charCodeAt(i) !== 0x40 /* @ */) return null;
  const nameStart = ++i;
  i = nameEnd(content, i);
  if (i === nameStart) return null;
  const name = content.slice(nameStart, i);
  if (i === n) {
    // Without a host, badge letters cannot be told from a name's capitals.
    return { content, column, line, author: { name, instance: null }, badges: [] };
  }
  if (content.charCodeAt(i) !== 0x40) return null;
  const hostStart = ++i;
  i = nameEnd(content, i);
  if (i === hostStart || i !== n) return null;
  const { host, badges } = splitBadges(content.slice(hostStart));
  if (host.length === 0) return null;
  return { content, column, line, author: { name, instance: host }, badges };
}

/** The end of a run of characters that are neither white space nor `@`, from `i`. */
function nameEnd(text: string, i: number): number {
  for (let c = text.charCodeAt(i); i < text.length && c !== 0x40 && !isWhiteSpace(c); c = text.charCodeAt(++i));
  return i;
}

/**
 * Hosts are printed in lower case, so the trailing capitals are badges. Of
 * that run, the longest tail that spells badges is taken; the rest stays in
 * the host (a host printed in capitals keeps them).
 */
export function splitBadges(hostWithBadges: string): { host: string; badges: Badge[] } {
  let runStart = hostWithBadges.length;
  while (runStart > 0 && isUpper(hostWithBadges.charCodeAt(runStart - 1))) runStart--;
  for (let cut = runStart; cut < hostWithBadges.length; cut++) {
    const badges = spellBadges(hostWithBadges.slice(cut));
    if (badges) return { host: hostWithBadges.slice(0, cut), badges };
  }
  return { host: hostWithBadges, badges: [] };
}

function isUpper(c: number): boolean {
  return c >= 0x41 && c <= 0x5a;
}

function spellBadges(letters: string): Badge[] | null {
  const badges: Badge[] = [];
  let i = 0;
  outer: while (i < letters.length) {
    for (const [spelling, badge] of BADGE_LETTERS) {
      if (letters.startsWith(spelling, i)) {
        if (!badges.includes(badge)) badges.push(badge);
        i += spelling.length;
        continue outer;
      }
    }
    return null;
  }
  return badges;
}
