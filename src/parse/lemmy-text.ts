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
 *
 * The work is split by what it knows: text-lines.ts walks the lines,
 * relative-time.ts and text-headers.ts decide which lines open a comment and
 * at what depth, and text-tree.ts builds the tree and the bodies.
 */
import type { BodySink } from './quote-offload.js';
import type { Dump } from '../thread/schema.js';
import { splitTrimmedHeader } from './relative-time.js';
import { headerDepth, isHeaderOf, readAuthorLine, type AuthorLine } from './text-headers.js';
import { LineScanner } from './text-lines.js';
import { TextTreeBuilder } from './text-tree.js';

/**
 * Parses page text into a dump holding exactly one post. `file` only locates
 * errors. `sink`, if given, gets the post and each comment's body as soon as
 * they are read (see TextTreeBuilder).
 */
export function parseLemmyText(text: string, file: string, sink: BodySink | null = null): Dump {
  const lines = new LineScanner(text);
  const tree = new TextTreeBuilder(sink);
  let pendingAuthor: AuthorLine | null = null;
  while (lines.next()) {
    const { lineNo, column } = lines;
    // An author line counts only when the header follows on the very next line.
    const author: AuthorLine | null = pendingAuthor;
    pendingAuthor = null;

    if (lines.end === lines.start) {
      if (author) tree.addLine(author.content);
      tree.addBlank();
      continue;
    }
    const content = lines.content();

    const readings = splitTrimmedHeader(content);
    if (readings) {
      const byAuthor = author !== null && isHeaderOf(author, column);
      if (author && !byAuthor) tree.addLine(author.content);
      const depth = headerDepth(content, column, lineNo, byAuthor ? author : null, file);
      if (depth === 0) {
        // Flush left is article text that happens to read like a time ("2 years ago").
        if (byAuthor) tree.addLine(author.content);
        tree.addLine(content);
        continue;
      }
      tree.addComment(lineNo, depth, readings, byAuthor ? author : null);
      continue;
    }

    if (author) tree.addLine(author.content);
    if (content.charCodeAt(0) === 0x2022 /* • */) {
      pendingAuthor = readAuthorLine(content, column, lineNo);
      if (pendingAuthor) continue;
    }
    tree.addLine(content);
  }
  if (pendingAuthor) tree.addLine(pendingAuthor.content);
  return { format: 'lemmy-text', posts: [tree.finish()] };
}
