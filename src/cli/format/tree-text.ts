/**
 * Renders threads as the indented outline `threadmod tree` prints: one line
 * per comment, deep enough to see the shape, short enough to scan.
 */
import { visible } from '../../text/visible.js';
import type { Comment, Dump, Thread } from '../../thread/schema.js';

const BADGE_MARK: Record<string, string> = { moderator: 'M', admin: 'A', op: 'OP', bot: 'B' };

export interface TreeTextOptions {
  /** Total line width to fit; the body preview is cut to it. */
  readonly width: number;
}

export function renderDump(dump: Dump, options: TreeTextOptions): string {
  return dump.posts.map((thread) => renderThread(thread, options)).join('\n');
}

export function renderThread(thread: Thread, { width }: TreeTextOptions): string {
  const { post } = thread;
  const real = thread.comments.filter((c) => !c.placeholder).length;
  const missing = thread.comments.length - real;
  const title = post.title ?? firstWords(post.body, 60) ?? '(untitled post)';
  const where = post.community
    ? ` in ${post.community.name}${post.community.instance ? `@${post.community.instance}` : ''}`
    : '';
  const header = `${title}${where}: ${real} comment${real === 1 ? '' : 's'}${missing ? `, ${missing} missing ancestor${missing === 1 ? '' : 's'}` : ''}`;
  // Every line shows text from the dump: it goes through `visible` before it is cut to the width.
  const lines = [visible(header)];
  for (const comment of thread.comments) lines.push(fit(visible(renderComment(comment)), width));
  return `${lines.join('\n')}\n`;
}

export function renderComment(comment: Comment): string {
  const indent = '  '.repeat(comment.depth - 1);
  if (comment.placeholder) return `${indent}└ [missing comment ${comment.id}: not in the dump]`;
  const who = comment.author
    ? `@${comment.author.name}${comment.author.instance ? `@${comment.author.instance}` : ''}`
    : '(unknown author)';
  const badges = comment.badges.map((b) => BADGE_MARK[b] ?? b).join(',');
  const score =
    comment.score === null
      ? ''
      : ` ${comment.score >= 0 ? '+' : ''}${comment.score}${comment.scoreUncertain ? '?' : ''}`;
  const marks = [
    comment.removed ? 'REMOVED' : '',
    comment.deleted ? 'DELETED' : '',
    comment.distinguished ? 'PINNED' : '',
  ]
    .filter(Boolean)
    .map((m) => ` [${m}]`)
    .join('');
  const preview = comment.body.replace(/\s+/g, ' ').trim();
  return `${indent}└ ${who}${badges ? ` [${badges}]` : ''}${score}${marks} ${comment.id}: ${preview}`;
}

function fit(line: string, width: number): string {
  const chars = Array.from(line);
  return chars.length <= width ? line : `${chars.slice(0, Math.max(1, width - 1)).join('')}…`;
}

function firstWords(text: string, max: number): string | null {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (!flat) return null;
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
