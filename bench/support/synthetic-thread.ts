/**
 * Deterministic synthetic threads for benchmarks: realistic shape (most
 * replies shallow, a few long chains), realistic sentence lengths, and the
 * same output for the same seed so runs are comparable.
 */
import { blankComment, type Comment, type Post } from '../../src/thread/schema.js';
import { prng } from '../../test/support/prng.js';
import type { RenderComment, RenderPerson, RenderPost } from '../../test/support/render-lemmy-json.js';

/**
 * A vocabulary with English-like frequencies: a few function words make up
 * about half of the running text, the rest comes from a few thousand content
 * words drawn with a Zipf-like skew. A tiny vocabulary would make every
 * reply look like a copy of its ancestors, which no real thread does.
 */
const FUNCTION_WORDS =
  'the a to of and is that it you in for not this but are be on with have was they I your what if so'.split(' ');
const SYLLABLES = 'ba ko ri te na lo pu mi sa de vo gu ra ne ti ma lu po ke si'.split(' ');
const CONTENT_WORDS: string[] = [];
for (const a of SYLLABLES)
  for (const b of SYLLABLES)
    for (const c of ['', 'n', 'st', 'r', 'l', 'ck', 'tion', 'ing']) CONTENT_WORDS.push(`${a}${b}${c}`);

function word(rand: () => number): string {
  if (rand() < 0.5) return FUNCTION_WORDS[Math.floor(rand() * FUNCTION_WORDS.length)]!;
  // rand()^3 skews towards the front of the list, as word frequencies do.
  return CONTENT_WORDS[Math.floor(rand() ** 3 * CONTENT_WORDS.length)]!;
}

export function sentence(rand: () => number, words = 8 + Math.floor(rand() * 20)): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(word(rand));
  const text = out.join(' ');
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

/** Tree shape only: for each comment, its depth (1 = top level), in reading order. */
export function depths(count: number, rand: () => number): number[] {
  const out: number[] = [];
  let depth = 0;
  for (let i = 0; i < count; i++) {
    const r = rand();
    // Go deeper 45% of the time (up to 12), stay 30%, climb back otherwise.
    if (depth === 0 || (r < 0.45 && depth < 12)) depth += 1;
    else if (r >= 0.75) depth = 1 + Math.floor(rand() * depth);
    out.push(depth);
  }
  return out;
}

/** Comments in the thread model, ready for `renderLemmyText`. */
export function syntheticComments(
  count: number,
  seed = 1,
): { post: Pick<Post, 'title' | 'body'>; comments: Comment[] } {
  const rand = prng(seed);
  const stack: string[] = [];
  const comments: Comment[] = [];
  for (const [i, depth] of depths(count, rand).entries()) {
    stack.length = depth - 1;
    const id = `c${i}`;
    const comment = blankComment(id, stack.at(-1) ?? null, [...stack, id]);
    comment.author = rand() < 0.8 ? { name: `user${Math.floor(rand() * 5000)}`, instance: 'lemmy.world' } : null;
    comment.score = rand() < 0.3 ? null : Math.floor(rand() * 400) - 20;
    comment.age = '3 hours ago';
    const paragraphs = 1 + Math.floor(rand() * 3);
    comment.body = Array.from({ length: paragraphs }, () => `${sentence(rand)} ${sentence(rand)}`).join('\n\n');
    comments.push(comment);
    stack.push(id);
  }
  return { post: { title: 'A synthetic thread', body: sentence(rand) }, comments };
}

/** The same kind of thread as API comment views, ready for `renderCommentList`. */
export function syntheticApiComments(count: number, seed = 1): RenderComment[] {
  const rand = prng(seed);
  const person = (id: number): RenderPerson => ({
    id,
    name: `user${id}`,
    displayName: null,
    instance: 'lemmy.world',
    bot: false,
  });
  const post: RenderPost = {
    id: 7,
    title: 'A synthetic thread',
    body: null,
    url: null,
    creator: person(1),
    community: { id: 3, name: 'news', instance: 'lemmy.world' },
    published: '2026-01-01T00:00:00.000000Z',
  };
  const stack: number[] = [];
  const out: RenderComment[] = [];
  for (const [i, depth] of depths(count, rand).entries()) {
    stack.length = depth - 1;
    const id = 1000 + i;
    out.push({
      id,
      path: [...stack, id],
      post,
      creator: person(2 + Math.floor(rand() * 5000)),
      content: `${sentence(rand)} ${sentence(rand)}`,
      score: Math.floor(rand() * 400) - 20,
      published: new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
      removed: rand() < 0.01,
      deleted: rand() < 0.01,
      distinguished: false,
      creatorIsModerator: false,
      creatorIsAdmin: false,
    });
    stack.push(id);
  }
  return out;
}
