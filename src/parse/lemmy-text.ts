/**
 * Parser for a comment thread copied as text from a Lemmy web page.
 *
 * The page text has no markup left, so the tree is rebuilt from layout:
 *
 *     • @name@instance.tldM        optional author line, badges run on
 *       176 months ago            header: score 17 run into the age
 *
 *       Body paragraph, at the header's indentation.
 *
 *         6 months ago            a reply: 2 columns deeper
 *
 * A header sits at column 4 for a top-level comment and 2 columns deeper per
 * level; when an author line precedes it, the author line holds that column
 * and the header sits 2 further in. Everything before the first header is the
 * post. One pass over the lines builds the tree; a second, over the comments
 * only, settles headers whose score and age split two ways.
 *
 * Text with no headers is a post without comments. A header flush left is
 * text (an article may hold a line like "2 years ago"); an indented header at
 * a column no comment can have (odd, or under 4) is an InputError at its line,
 * since guessing its depth would silently re-parent the replies below it.
 */
import { InputError } from '../errors.js';
import { blankComment, emptyPost } from '../thread/blank.js';
import type { Author, Badge, Comment, Dump, Post } from '../thread/schema.js';
import { pickReading, splitTrimmedHeader, type HeaderReading } from './relative-time.js';

/**
 * Tabs in indentation advance to the next multiple of 8 columns, as `expand`,
 * terminals and browsers' plain-text copies do. A tab is never 4 columns here:
 * Lemmy indents by 2, and 8-column stops are what tools that turn leading
 * spaces into tabs (`unexpand`, editors on default settings) assume.
 */
const TAB_STOP = 8;
/** Column of a top-level comment's header, and the step per reply level. */
const TOP_COLUMN = 4;
const STEP = 2;
/**
 * Deeper than any Lemmy page nests (lemmy-ui loads 8 levels, then links to
 * "more replies"). The cap keeps one absurdly indented line from making
 * thousands of placeholders, each with its own path: memory stays linear.
 */
const MAX_DEPTH = 100;
/** A first line longer than this is a paragraph, not a headline. */
const MAX_TITLE_LENGTH = 200;

/** `• @name` or `• @name@host` with badge letters run onto the end. */
const AUTHOR_LINE = /^•[ \u00A0]*@([^\s@]+)(?:@([^\s@]+))?$/;
const BADGE_LETTERS: ReadonlyArray<readonly [string, Badge]> = [
  ['OP', 'op'],
  ['M', 'moderator'],
  ['A', 'admin'],
  ['B', 'bot'],
];

/** Parses page text into a dump holding exactly one post. `file` only locates errors. */
export function parseLemmyText(text: string, file: string): Dump {
  const source = normalizeBreaks(text);
  const postLines: string[] = [];
  const comments: Comment[] = [];
  const ages = new ThreadAges();
  /** comments[open[d - 1]] is the latest comment at depth d. */
  const open: number[] = [];
  const body = new BodyBuilder();
  /** The comment whose body is being read; null while still in the post. */
  let current: Comment | null = null;
  let pendingAuthor: AuthorLine | null = null;
  const addLine = (line: string) => (current ? body.addLine(line) : postLines.push(line));
  const addBlank = () => (current ? body.addBlank() : postLines.push(''));
  /** Appends a comment under comments[parent] (-1: top level) and opens it at its depth. */
  const addComment = (id: string, parent: number): Comment => {
    let comment: Comment;
    if (parent < 0) comment = blankComment(id, null, [id]);
    else {
      const above = comments[parent]!;
      const path = above.path.slice();
      path.push(id);
      comment = blankComment(id, above.id, path);
    }
    open.push(comments.length);
    comments.push(comment);
    return comment;
  };

  // Lines are walked in place rather than split: a 200,000-comment dump has
  // over a million lines, and only non-blank ones need a string of their own.
  const length = source.length;
  let pos = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (let lineNo = 1; pos <= length; lineNo++) {
    let next = source.indexOf('\n', pos);
    if (next === -1) next = length;
    let column = 0;
    let start = pos;
    for (; start < next; start++) {
      const c = source.charCodeAt(start);
      if (c === 0x20 || c === 0xa0) column++;
      else if (c === 0x09) column += TAB_STOP - (column % TAB_STOP);
      else break;
    }
    let end = next;
    while (end > start && isSpace(source.charCodeAt(end - 1))) end--;
    pos = next + 1;

    // An author line counts only when the header follows on the very next line.
    const author: AuthorLine | null = pendingAuthor;
    pendingAuthor = null;

    if (end === start) {
      if (author) addLine(author.content);
      addBlank();
      continue;
    }
    const content = source.slice(start, end);

    const readings = splitTrimmedHeader(content);
    if (readings) {
      const byAuthor = author !== null && column === author.column + STEP;
      if (author && !byAuthor) addLine(author.content);
      const depthColumn = byAuthor ? author.column : column;
      const depthLine = byAuthor ? author.line : lineNo;
      if (depthColumn === 0) {
        // Flush left is article text that happens to read like a time ("2 years ago").
        if (byAuthor) addLine(author.content);
        addLine(content);
        continue;
      }
      if (depthColumn < TOP_COLUMN || (depthColumn - TOP_COLUMN) % STEP !== 0) {
        throw new InputError(
          `${file}:${depthLine}`,
          `${byAuthor ? 'author line' : 'comment header'} ${JSON.stringify(byAuthor ? author.content : content)} is indented ` +
            `${depthColumn} columns; Lemmy page text indents comments by 4 columns plus 2 per reply level (4, 6, 8, …)`,
        );
      }
      const depth = (depthColumn - TOP_COLUMN) / STEP + 1;
      if (depth > MAX_DEPTH) {
        throw new InputError(
          `${file}:${depthLine}`,
          `comment header ${JSON.stringify(content)} is nested ${depth} levels deep; no Lemmy page nests more than ${MAX_DEPTH}`,
        );
      }
      const id = `L${lineNo}`;
      if (current) current.body = body.take();
      // Ancestors the copy left out: placeholders keep the reply at its depth.
      if (open.length > depth - 1) open.length = depth - 1;
      while (open.length < depth - 1) {
        const parent = open.length === 0 ? -1 : open[open.length - 1]!;
        ages.add(parent, null);
        addComment(`${id}~${open.length + 1}`, parent).placeholder = true;
      }
      const parent = depth === 1 ? -1 : open[depth - 2]!;
      ages.add(parent, readings);
      current = addComment(id, parent);
      current.line = lineNo;
      if (byAuthor) {
        current.author = author.author;
        current.badges = author.badges;
      }
      if (readings.length === 1) {
        current.score = readings[0]!.score;
        current.age = readings[0]!.age;
      } else current.scoreUncertain = true;
      continue;
    }

    if (author) addLine(author.content);
    if (content.charCodeAt(0) === 0x2022 /* • */) {
      pendingAuthor = readAuthorLine(content, column, lineNo);
      if (pendingAuthor) continue;
    }
    addLine(content);
  }
  if (pendingAuthor) addLine(pendingAuthor.content);
  if (current) current.body = body.take();

  ages.settle((i, reading) => {
    comments[i]!.score = reading.score;
    comments[i]!.age = reading.age;
  });
  return { format: 'lemmy-text', posts: [{ post: buildPost(postLines), comments }] };
}

/** Line breaks become `\n`; only old Mac files (lone CR) need a copy for that. */
function normalizeBreaks(text: string): string {
  const cr = text.indexOf('\r');
  if (cr === -1 || !/\r(?!\n)/.test(text)) return text;
  return text.replace(/\r\n?/g, '\n');
}

/** What `String.prototype.trim` strips, but line breaks, which never reach here. */
function isSpace(c: number): boolean {
  return (
    c === 0x20 ||
    c === 0x09 ||
    c === 0x0d ||
    c === 0xa0 ||
    c === 0x0b ||
    c === 0x0c ||
    c === 0xfeff ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

interface AuthorLine {
  readonly content: string;
  readonly column: number;
  readonly line: number;
  readonly author: Author;
  readonly badges: Badge[];
}

function readAuthorLine(content: string, column: number, line: number): AuthorLine | null {
  const m = AUTHOR_LINE.exec(content);
  if (!m) return null;
  const name = m[1]!;
  if (m[2] === undefined) {
    // Without a host, badge letters cannot be told from a name's capitals.
    return { content, column, line, author: { name, instance: null }, badges: [] };
  }
  const { host, badges } = splitBadges(m[2]);
  if (host.length === 0) return null;
  return { content, column, line, author: { name, instance: host }, badges };
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

/**
 * Collects trimmed lines into paragraphs: lines of a paragraph joined with
 * "\n", paragraphs with "\n\n". Comments are read one after another, so one
 * builder serves them all.
 */
class BodyBuilder {
  // Most paragraphs are one line and most bodies one or two paragraphs, so
  // arrays are made only for a second line or paragraph.
  private line: string | null = null;
  private lines: string[] | null = null;
  private paragraph: string | null = null;
  private paragraphs: string[] | null = null;

  addLine(line: string): void {
    if (this.line === null) this.line = line;
    else if (this.lines === null) this.lines = [this.line, line];
    else this.lines.push(line);
  }

  addBlank(): void {
    if (this.line === null) return;
    const paragraph = this.lines === null ? this.line : this.lines.join('\n');
    this.line = null;
    this.lines = null;
    if (this.paragraph === null) this.paragraph = paragraph;
    else if (this.paragraphs === null) this.paragraphs = [this.paragraph, paragraph];
    else this.paragraphs.push(paragraph);
  }

  /** The text so far; the builder starts over empty. */
  take(): string {
    this.addBlank();
    const text = this.paragraphs !== null ? this.paragraphs.join('\n\n') : (this.paragraph ?? '');
    this.paragraph = null;
    this.paragraphs = null;
    return text;
  }
}

/**
 * Title: the first line when it reads like a headline (short, no final
 * period, a blank line after it). The rest is the body, by paragraph.
 */
function buildPost(lines: readonly string[]): Post {
  let first = 0;
  while (first < lines.length && lines[first] === '') first++;
  let title: string | null = null;
  let from = first;
  const candidate = lines[first];
  if (
    candidate !== undefined &&
    candidate.length <= MAX_TITLE_LENGTH &&
    !candidate.endsWith('.') &&
    lines[first + 1] === ''
  ) {
    title = candidate;
    from = first + 1;
  }
  const body = new BodyBuilder();
  for (let i = from; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') body.addBlank();
    else body.addLine(line);
  }
  return { ...emptyPost(), title, body: body.take() };
}

/**
 * Settles headers whose score and age split two ways. Bounds come from the
 * tree and hold whatever the other headers turn out to be: a comment is at
 * least as old as the youngest reading of any reply, and at most as old as the
 * oldest reading of any ancestor. The usual age is the commonest among headers
 * with one reading. Kept in flat arrays: it sees every comment of the dump.
 */
class ThreadAges {
  private readonly parents: number[] = [];
  /** Youngest and oldest reading per comment, in seconds (placeholders: unbounded). */
  private readonly youngest: number[] = [];
  private readonly oldest: number[] = [];
  private readonly open = new Map<number, readonly HeaderReading[]>();

  /** Records the next comment in reading order; `readings` null for a placeholder. */
  add(parent: number, readings: readonly HeaderReading[] | null): void {
    const index = this.parents.length;
    this.parents.push(parent);
    if (readings === null) {
      this.youngest.push(-Infinity);
      this.oldest.push(Infinity);
      return;
    }
    let min = Infinity;
    let max = -Infinity;
    for (const r of readings) {
      if (r.seconds < min) min = r.seconds;
      if (r.seconds > max) max = r.seconds;
    }
    this.youngest.push(min);
    this.oldest.push(max);
    if (readings.length > 1) this.open.set(index, readings);
  }

  /** Calls `choose` once per comment that had several readings, with the one to keep. */
  settle(choose: (index: number, reading: HeaderReading) => void): void {
    if (this.open.size === 0) return;
    const { parents, youngest, oldest } = this;
    const n = parents.length;
    const counts = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      // One reading: the youngest is the oldest. Placeholders span everything.
      if (youngest[i] === oldest[i]) counts.set(youngest[i]!, (counts.get(youngest[i]!) ?? 0) + 1);
    }
    if (counts.size === 0) {
      for (const readings of this.open.values())
        for (const r of readings) counts.set(r.seconds, (counts.get(r.seconds) ?? 0) + 1);
    }
    let usual: number | null = null;
    let most = 0;
    for (const [seconds, count] of counts) {
      if (count > most) {
        usual = seconds;
        most = count;
      }
    }
    // Replies follow their parent in reading order, so one backward pass
    // gathers what the replies imply and one forward pass what the ancestors do.
    const atLeast = new Float64Array(n).fill(-Infinity);
    for (let i = n - 1; i >= 0; i--) {
      const parent = parents[i]!;
      if (parent < 0) continue;
      const implied = Math.max(atLeast[i]!, youngest[i]!);
      if (implied > atLeast[parent]!) atLeast[parent] = implied;
    }
    const atMost = new Float64Array(n).fill(Infinity);
    for (let i = 0; i < n; i++) {
      const parent = parents[i]!;
      if (parent >= 0) atMost[i] = Math.min(atMost[parent]!, oldest[parent]!);
    }
    for (const [i, readings] of this.open)
      choose(i, pickReading(readings, { atLeast: atLeast[i]!, atMost: atMost[i]!, usual }));
  }
}
