/**
 * Empty comments and posts to fill in. Kept apart from schema.ts so that the
 * parsers of page text, and with them `threadmod tree`, load no zod (about
 * as long to load as Node takes to start).
 */
import type { Comment, Post } from './schema.js';

export function blankComment(id: string, parentId: string | null, path: string[]): Comment {
  return {
    id,
    parentId,
    path,
    depth: path.length,
    author: null,
    badges: [],
    score: null,
    scoreUncertain: false,
    age: null,
    published: null,
    body: '',
    quotes: [],
    removed: false,
    deleted: false,
    distinguished: false,
    placeholder: false,
    lemmy: null,
    line: null,
  };
}

export function emptyPost(): Post {
  return { title: null, body: '', url: null, community: null, author: null, lemmyPostId: null, apId: null };
}
