/**
 * Which comment a decision is about, in a way that survives a new dump of
 * the same thread. A dump's comment ids do not: page text numbers comments
 * by line (`L59`), so one new comment above shifts every id below it, and a
 * re-fetched API dump has new bytes even where no comment changed.
 *
 * - API dumps: the comment's ActivityPub id (`ap_id`), the same on every
 *   fetch and every instance.
 * - Page text: a fingerprint of the author, the parent (its author and text)
 *   and the comment's own text, plus which copy it is when the same author
 *   wrote the same words under the same parent more than once. New comments
 *   elsewhere leave it unchanged; an edit changes it, and `carry-over.ts`
 *   then finds the comment by author and parent and reports the edit.
 *
 * With the key, each decision records a hash of the text decided on, so a
 * decision is never applied silently to words that changed since.
 */
import { sha256Text } from '../io/sha256.js';
import type { Comment, Dump, Post } from '../thread/schema.js';
import type { CommentStamp } from './schema.js';

export type { CommentStamp } from './schema.js';

export interface IdentityIndex {
  /** Comment id in this dump -> its stamp (placeholders have none: nobody decides on them). */
  readonly byId: ReadonlyMap<string, CommentStamp>;
  /** Stamp key -> comment id in this dump. */
  readonly byKey: ReadonlyMap<string, string>;
  /** Comments shown removed or deleted: their text may be hidden rather than edited. */
  readonly hidden: ReadonlySet<string>;
  /** Short hashes of every key (what a journal keeps to tell new comments later). */
  readonly shortKeys: readonly string[];
  /** Short hashes of the dump's posts (what tells a later dump of the same thread from another thread). */
  readonly posts: readonly string[];
}

const HASH_CHARS = 16;
/** 48 bits: a thread of 100,000 comments has about one chance in 50,000 of two colliding. */
const SHORT_CHARS = 12;

/** NFC, runs of white space as one space, no space at either end: copying a page again changes none of it. */
export function normalisedText(text: string): string {
  return text.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

export function textHash(text: string): string {
  return sha256Text(normalisedText(text)).slice(0, HASH_CHARS);
}

/** The short form of a key kept in a journal's list of a dump's comments. */
export function shortKey(key: string): string {
  return sha256Text(key).slice(0, SHORT_CHARS);
}

function authorOf(comment: Comment): string | null {
  const author = comment.author;
  if (author === null) return null;
  return author.instance ? `${author.name}@${author.instance}` : author.name;
}

function postKey(post: Post): string {
  if (post.apId) return shortKey(`ap:${post.apId}`);
  return shortKey(`text:${normalisedText(`${post.title ?? ''}\n${post.body}`)}`);
}

/** The identities of every comment of a dump. */
export function identify(dump: Dump): IdentityIndex {
  const byId = new Map<string, CommentStamp>();
  const byKey = new Map<string, string>();
  const hidden = new Set<string>();
  const copies = new Map<string, number>();
  for (const thread of dump.posts) {
    const byCommentId = new Map(thread.comments.map((c) => [c.id, c]));
    for (const comment of thread.comments) {
      if (comment.placeholder) continue;
      const parentComment = comment.parentId === null ? undefined : byCommentId.get(comment.parentId);
      const parent =
        parentComment === undefined
          ? 'post'
          : sha256Text(`${authorOf(parentComment) ?? ''}\u0000${textHash(parentComment.body)}`).slice(0, HASH_CHARS);
      const text = textHash(comment.body);
      const author = authorOf(comment);
      let key: string;
      if (comment.lemmy) key = `ap:${comment.lemmy.apId}`;
      else {
        const print = sha256Text(`${author ?? ''}\u0000${parent}\u0000${text}`).slice(0, HASH_CHARS);
        const copy = copies.get(print) ?? 0;
        copies.set(print, copy + 1);
        key = copy === 0 ? `text:${print}` : `text:${print}~${copy}`;
      }
      const stamp = { key, text, author, parent };
      byId.set(comment.id, stamp);
      byKey.set(key, comment.id);
      if (comment.removed || comment.deleted) hidden.add(comment.id);
    }
  }
  return {
    byId,
    byKey,
    hidden,
    shortKeys: [...byKey.keys()].map(shortKey),
    posts: dump.posts.map((t) => postKey(t.post)),
  };
}
