/**
 * Reading what the user typed: a post link (`https://lemmy.world/post/123`)
 * or an instance plus a post id. Everything is checked here, before any
 * request leaves the machine, so a typo costs no traffic.
 */
import { UserError } from '../errors.js';

/** Where a post lives: the instance's origin (`https://host[:port]`) and the post id there. */
export interface PostLocation {
  readonly origin: string;
  readonly postId: number;
}

const POST_PATH = /^\/post\/(\d+)(?:\/\d+)?\/?$/;

/**
 * Parses a post link as lemmy-ui shows it: `/post/<id>`, optionally with a
 * comment id after it (`/post/<id>/<comment>`, a permalink inside the post).
 */
export function parsePostUrl(text: string): PostLocation {
  const url = parseHttpUrl(text, 'post URL');
  const match = POST_PATH.exec(url.pathname);
  if (!match) {
    if (/^\/comment\/\d+\/?$/.test(url.pathname)) {
      throw new UserError(`${text} is a link to a comment; give the post's link (https://<instance>/post/<id>)`);
    }
    throw new UserError(`not a Lemmy post URL: ${text} (expected https://<instance>/post/<id>)`);
  }
  return { origin: url.origin, postId: parsePostId(match[1]!) };
}

/** Parses `--instance`: a URL or a bare host name (https is assumed). Any path is ignored. */
export function parseInstance(text: string): string {
  const trimmed = text.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  return parseHttpUrl(withScheme, 'instance URL', text).origin;
}

export function parsePostId(text: string): number {
  const id = /^\d+$/.test(text.trim()) ? Number(text.trim()) : Number.NaN;
  // Lemmy ids are Postgres int4.
  if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) {
    throw new UserError(`not a Lemmy post id: ${JSON.stringify(text)} (expected a positive whole number)`);
  }
  return id;
}

/** `lemmy.world-post-123.json`: the host only, since `:` does not belong in file names everywhere. */
export function defaultDumpName(location: PostLocation): string {
  return `${new URL(location.origin).hostname}-post-${location.postId}.json`;
}

/** A community on an instance: `name` is the community's name there (`name@remote` for a federated one). */
export interface CommunityLocation {
  readonly origin: string;
  readonly name: string;
}

const COMMUNITY_NAME = /^[A-Za-z0-9_]{1,100}(?:@[A-Za-z0-9.-]{1,253}(?::\d{1,5})?)?$/;
const COMMUNITY_PATH = /^\/c\/([^/]+)\/?$/;
const COMMUNITY_HANDLE = /^!?([A-Za-z0-9_]{1,100})@([A-Za-z0-9.-]{1,253}(?::\d{1,5})?)$/;

/** True when `text` names a community (`https://host/c/name`, `name@host`, `!name@host`) rather than a post. */
export function isCommunityRef(text: string): boolean {
  const trimmed = text.trim();
  if (COMMUNITY_HANDLE.test(trimmed)) return true;
  try {
    return COMMUNITY_PATH.test(new URL(trimmed).pathname);
  } catch {
    return false;
  }
}

/**
 * `https://lemmy.world/c/memes` (a community as lemmy-ui links it, also
 * `/c/memes@lemmy.ml` for a federated one seen from lemmy.world), or the
 * handle `memes@lemmy.world` / `!memes@lemmy.world` (asked of https://lemmy.world).
 */
export function parseCommunityRef(text: string): CommunityLocation {
  const trimmed = text.trim();
  const handle = COMMUNITY_HANDLE.exec(trimmed);
  if (handle)
    return { origin: parseHttpUrl(`https://${handle[2]!}`, 'community handle', text).origin, name: handle[1]! };
  const url = parseHttpUrl(trimmed, 'community URL');
  const match = COMMUNITY_PATH.exec(url.pathname);
  const name = match ? decodeURIComponent(match[1]!) : '';
  if (!COMMUNITY_NAME.test(name)) {
    throw new UserError(`not a Lemmy community: ${text} (expected https://<instance>/c/<name> or <name>@<instance>)`);
  }
  return { origin: url.origin, name };
}

/** `lemmy.world-c-memes.json`. */
export function defaultCommunityDumpName(location: CommunityLocation): string {
  return `${new URL(location.origin).hostname}-c-${location.name.replace(/[^A-Za-z0-9_.-]/g, '_')}.json`;
}

function parseHttpUrl(text: string, what: string, shown: string = text): URL {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new UserError(`not a valid ${what}: ${JSON.stringify(shown)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new UserError(`not a valid ${what}: ${JSON.stringify(shown)} (only http and https are supported)`);
  }
  // Credentials in a URL end up in logs and shell history; the token has its own channels.
  if (url.username !== '' || url.password !== '') {
    throw new UserError(`the ${what} must not contain a user name or password; use LEMMY_JWT or --token-file`);
  }
  return url;
}
