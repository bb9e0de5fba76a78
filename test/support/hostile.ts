/**
 * Hostile text for the terminal tests: what a comment author or a server can
 * put in a field to take over the moderator's terminal, and the check that
 * none of it reached the bytes a terminal would receive.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  renderCommentList,
  renderPostResponse,
  type RenderComment,
  type RenderPerson,
  type RenderPost,
} from './render-lemmy-json.js';

/** Each kind of control a terminal obeys, as an attacker would write it. */
export const HOSTILE = {
  csi: '\x1b[2J\x1b[H',
  sgr: '\x1b[8m',
  oscTitle: '\x1b]0;owned\x07',
  oscClipboard: '\x1b]52;c;cm0gLXJmIH4=\x07',
  oscLink: '\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\',
  oscUnterminated: '\x1b]0;no end',
  c1: '\u009b31m\u0085\u009d0;t\u009c',
  bel: '\x07',
  backspace: '\b\b\b',
  carriageReturn: 'a\rb',
  del: '\x7f',
  bidi: '\u202e\u202a\u202b\u202c\u202d\u2066\u2067\u2068\u2069',
} as const;

/** Every hostile sample in one string, wrapped in plain words. */
export const ALL_HOSTILE = `start ${Object.values(HOSTILE).join(' ')} end`;

/** The comment from the issue: the insult, 28 backspaces, then a nice sentence drawn over it. */
export const HIDDEN_INSULT = `You are an idiot and a liar.${'\b'.repeat(28)}Thanks for the nice post!`;

const FORBIDDEN = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/u;

/**
 * The control characters in `bytes` that the program did not put there
 * itself. `allowed` lists the exact sequences the renderer writes on purpose
 * (Ink's SGR styling, the progress line's `\r\x1b[2K`); they are removed
 * before looking. Line feeds are allowed.
 */
export function strayControls(bytes: string, allowed: readonly RegExp[] = []): string[] {
  let rest = bytes;
  for (const pattern of allowed) rest = rest.replace(new RegExp(pattern.source, 'gu'), '');
  const out: string[] = [];
  for (const ch of rest) if (FORBIDDEN.test(ch)) out.push(`U+${ch.codePointAt(0)!.toString(16).padStart(4, '0')}`);
  return out;
}

/** Ink's own styling: SGR sequences only (colour, bold, inverse, reset). */
export const SGR = /\x1b\[[0-9;]*m/;

const person = (id: number, name: string, instance: string): RenderPerson => ({
  id,
  name,
  displayName: null,
  instance,
  bot: false,
});

/**
 * A Lemmy API dump (v3 bundle of post and comments) whose every shown field
 * carries `hostile`: post title, community, author names and hosts, bodies.
 * Comment 2 is the hidden insult.
 */
export function writeHostileDump(dir: string, hostile = ALL_HOSTILE): string {
  const creator = person(1, `op${hostile}`, 'lemmy.world');
  const post: RenderPost = {
    id: 7,
    title: `Title ${hostile}`,
    body: `Post body ${hostile}`,
    url: null,
    creator,
    community: { id: 3, name: `news${hostile}`, instance: 'lemmy.world' },
    published: '2026-06-12T22:09:11.363420Z',
  };
  const base = {
    post,
    score: 3,
    published: '2026-06-12T23:00:00.000000Z',
    removed: false,
    deleted: false,
    distinguished: false,
    creatorIsModerator: false,
    creatorIsAdmin: false,
  };
  const comments: RenderComment[] = [
    {
      ...base,
      id: 1,
      path: [1],
      creator: person(2, `alice${hostile}`, 'lemmy.world'),
      content: `I disagree with this. ${hostile}`,
    },
    { ...base, id: 2, path: [1, 2], creator: person(3, 'mallory', 'evil.example'), content: HIDDEN_INSULT },
    {
      ...base,
      id: 3,
      path: [1, 2, 3],
      creator: person(4, `bob${hostile}`, 'lemmy.world'),
      content: `You are a moron ${hostile} and a clown.`,
    },
  ];
  const file = path.join(dir, 'hostile.json');
  writeFileSync(
    file,
    JSON.stringify({ post: renderPostResponse(post, 'v3'), comments: renderCommentList(comments, 'v3') }),
  );
  return file;
}
