/**
 * Renders a thread back to the text a browser gives when a Lemmy page is
 * copied, so property tests can check that parsing undoes rendering.
 */
import type { Badge, Comment, Post } from '../../src/thread/schema.js';

/** How the copy was mangled on its way to the file. */
export interface RenderOptions {
  /** Line ending; CRLF as Windows editors save it. */
  readonly eol?: '\n' | '\r\n';
  /** Start with a byte order mark. */
  readonly bom?: boolean;
  /** Leave spaces (and a tab) at the end of lines. */
  readonly trailingSpaces?: boolean;
  /** Turn leading spaces into tabs at 8-column stops, as `unexpand -a` does. */
  readonly tabs?: boolean;
  /** Indent with no-break spaces, as some browsers copy them. */
  readonly nbsp?: boolean;
}

/** The rendered text and the 1-based line of each comment's header, in order. */
export interface Rendered {
  readonly text: string;
  readonly headerLines: readonly number[];
}

const BADGE_LETTERS: Readonly<Record<Badge, string>> = { op: 'OP', moderator: 'M', admin: 'A', bot: 'B' };

/**
 * Placeholders are left out, as on the page: their replies simply sit deeper.
 * Comments need `age` (the header shows it); `score` null prints no score.
 */
export function renderLemmyText(
  thread: { readonly post: Pick<Post, 'title' | 'body'>; readonly comments: readonly Comment[] },
  options: RenderOptions = {},
): Rendered {
  const out: string[] = [];
  const headerLines: number[] = [];
  const push = (indent: number, text: string) => out.push(text === '' ? '' : indentation(indent, options) + text);
  const { title, body } = thread.post;
  if (title !== null) {
    push(0, title);
    push(0, '');
  }
  if (body !== '') {
    for (const line of body.split('\n')) push(0, line);
  }
  for (const comment of thread.comments) {
    if (comment.placeholder) continue;
    if (comment.age === null) throw new Error(`comment ${comment.id} has no age to render`);
    if (out.length > 0 && out[out.length - 1] !== '') push(0, '');
    const column = 4 + 2 * (comment.depth - 1);
    let headerColumn = column;
    if (comment.author) {
      const host = comment.author.instance === null ? '' : `@${comment.author.instance}`;
      const badges = comment.badges.map((b) => BADGE_LETTERS[b]).join('');
      push(column, `• @${comment.author.name}${host}${badges}`);
      headerColumn = column + 2;
    }
    push(headerColumn, `${comment.score ?? ''}${comment.age}`);
    headerLines.push(out.length);
    push(0, '');
    for (const line of comment.body.split('\n')) push(headerColumn, line);
  }
  const eol = options.eol ?? '\n';
  let lines = out;
  if (options.trailingSpaces) lines = lines.map((line, i) => line + (i % 3 === 0 ? '  ' : i % 3 === 1 ? ' \t' : ' '));
  const text = lines.join(eol) + eol;
  return { text: (options.bom ? '\uFEFF' : '') + text, headerLines };
}

function indentation(columns: number, options: RenderOptions): string {
  if (options.tabs) return '\t'.repeat(Math.floor(columns / 8)) + ' '.repeat(columns % 8);
  return (options.nbsp ? '\u00A0' : ' ').repeat(columns);
}
