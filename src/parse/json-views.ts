/**
 * Reading a Lemmy JSON dump's comment views one at a time instead of parsing
 * the whole document at once.
 *
 * Why: `JSON.parse` of a 200,000-comment list builds every field of every
 * view (each repeats its post, community and creator in full), all alive at
 * once, which is most of a 3 GB heap and keeps V8's young-generation
 * collector copying; threadmod reads a dozen fields per view. Here the
 * views array is found in the text, each view is parsed on its own and
 * only the fields threadmod reads are kept, so the rest dies young.
 *
 * This is only a fast path. It answers null for any document it does not
 * fully understand or that has any problem (invalid JSON, a view that fails
 * the check), and the caller then parses the whole document as before, which
 * also reports the error exactly as before. When it answers, the result is
 * what the whole-document parse would give: `splitViews` hands back the
 * document with the views array emptied (the "skeleton", parsed as usual) and
 * the trimmed views, in order.
 *
 * Bounded work on any input: every scan moves forward; a view is parsed at
 * most MAX_TRIES times before its end is found by a linear scan; nothing
 * recurses.
 */
import { randomUUID } from 'node:crypto';
import { isLemmyCommentView, type LemmyCommentView } from '../lemmy-api/schema.js';

/** Where the views array sat: under a top-level key, or the whole document. */
export interface SplitViews {
  /** The document with the views array replaced by `[]`. */
  readonly skeleton: string;
  /** The top-level key of the array, or null when the document is the array. */
  readonly key: 'comments' | 'items' | null;
  /** Every view, checked (`isLemmyCommentView`) and trimmed to the fields threadmod reads. */
  readonly views: LemmyCommentView[];
}

/** Failed attempts at a view's end (a `}` followed by `,{` or `]`) before a linear scan finds it. */
const MAX_TRIES = 4;

/**
 * The views array of `body` (the document without a BOM), parsed view by
 * view; null when the document has no top-level `comments`/`items` array or
 * is not a top-level array, or when anything is wrong with the array.
 */
export function splitViews(body: string): SplitViews | null {
  const found = findViewsArray(body);
  if (found === null) return null;
  const read = readViewArray(body, found.start);
  if (read === null) return null;
  const skeleton = `${body.slice(0, found.start)}[]${body.slice(read.end)}`;
  return { skeleton, key: found.key, views: read.views };
}

interface Found {
  /** Offset of the array's `[`. */
  readonly start: number;
  readonly key: 'comments' | 'items' | null;
}

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

function skipSpace(text: string, i: number): number {
  while (isSpace(text.charCodeAt(i))) i++;
  return i;
}

/** Just after the string whose opening quote is at `i`, or -1 if it does not end. */
function skipString(text: string, i: number): number {
  for (let j = i + 1; ;) {
    const q = text.indexOf('"', j);
    if (q === -1) return -1;
    // An even run of backslashes before the quote leaves it unescaped.
    let k = q - 1;
    while (text.charCodeAt(k) === 0x5c) k--;
    if ((q - 1 - k) % 2 === 0) return q + 1;
    j = q + 1;
  }
}

/**
 * Just after the JSON value starting at `i`, by counting brackets outside
 * strings (the kinds are not matched: whoever parses the text checks that),
 * or -1 at the end of the text. Linear, no recursion.
 */
function skipValue(text: string, i: number): number {
  let depth = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      i = skipString(text, i);
      if (i === -1) return -1;
      if (depth === 0) return i;
      continue;
    }
    if (c === 0x7b || c === 0x5b) depth++;
    else if (c === 0x7d || c === 0x5d) {
      // A close at depth 0 ends a number or literal (`1}`); any other ends its bracket.
      if (depth === 0) return i;
      depth--;
      if (depth === 0) return i + 1;
    } else if (depth === 0 && (c === 0x2c || isSpace(c))) return i;
    i++;
  }
  return depth === 0 ? n : -1;
}

/** The views array: the document itself, or the value of the first top-level `comments` or `items` key. */
function findViewsArray(text: string): Found | null {
  let i = skipSpace(text, 0);
  const first = text.charCodeAt(i);
  if (first === 0x5b) return { start: i, key: null };
  if (first !== 0x7b) return null;
  i = skipSpace(text, i + 1);
  while (text.charCodeAt(i) === 0x22) {
    const keyEnd = skipString(text, i);
    if (keyEnd === -1) return null;
    const key = text.slice(i + 1, keyEnd - 1);
    i = skipSpace(text, keyEnd);
    if (text.charCodeAt(i) !== 0x3a) return null;
    i = skipSpace(text, i + 1);
    if ((key === 'comments' || key === 'items') && text.charCodeAt(i) === 0x5b) return { start: i, key };
    const end = skipValue(text, i);
    if (end === -1) return null;
    i = skipSpace(text, end);
    if (text.charCodeAt(i) !== 0x2c) return null;
    i = skipSpace(text, i + 1);
  }
  return null;
}

/**
 * The views of the array whose `[` is at `start`, and the offset just after
 * its `]`; null if it is not an array of views the check accepts.
 */
function readViewArray(text: string, start: number): { views: LemmyCommentView[]; end: number } | null {
  const views: LemmyCommentView[] = [];
  const posts = new Map<number, SharedPost>();
  const repeats: Repeats = { post: null, community: null, misses: 0 };
  let i = skipSpace(text, start + 1);
  if (text.charCodeAt(i) === 0x5d) return { views, end: i + 1 };
  for (;;) {
    if (text.charCodeAt(i) !== 0x7b) return null;
    const view = readView(text, i, repeats);
    if (view === null) return null;
    if (!isLemmyCommentView(view.value)) return null;
    views.push(trim(view.value, posts));
    i = skipSpace(text, view.end);
    const c = text.charCodeAt(i);
    if (c === 0x5d) return { views, end: i + 1 };
    if (c !== 0x2c) return null;
    i = skipSpace(text, i + 1);
  }
}

/**
 * The object starting at `start` (a `{`), parsed, and the offset just after
 * it. Its end is the first `}` that parses: any `}` before the true end
 * leaves an unclosed string or bracket, which JSON.parse refuses, and only
 * a `}` followed by `,{` or `]` (the views array going on or ending) is tried.
 */
function readView(text: string, start: number, repeats: Repeats): { value: unknown; end: number } | null {
  let from = start + 1;
  for (let tries = 0; tries < MAX_TRIES;) {
    const close = text.indexOf('}', from);
    if (close === -1) return null;
    from = close + 1;
    const next = skipSpace(text, close + 1);
    const c = text.charCodeAt(next);
    if (!(c === 0x5d || (c === 0x2c && text.charCodeAt(skipSpace(text, next + 1)) === 0x7b))) continue;
    tries++;
    try {
      return { value: parseView(text.slice(start, close + 1), repeats), end: close + 1 };
    } catch {
      // Not the end after all (a `},{` inside a string or an inner array): look further.
    }
  }
  const end = skipValue(text, start);
  if (end === -1) return null;
  try {
    return { value: JSON.parse(text.slice(start, end)), end };
  } catch {
    return null;
  }
}

/**
 * Every view repeats its post and community in full, about half its text.
 * Once one view has been read, the text of its post and community values is
 * known, and a later view holding the very same text under the same key is
 * parsed with that value cut out: the value parsed once stands in for it.
 */
interface Repeats {
  post: Repeated | null;
  community: Repeated | null;
  /**
   * Views in a row that repeated neither. A view is learnt from at the 1st,
   * 2nd, 4th, 8th... such view, so a list whose posts keep changing (views of
   * many posts, interleaved) is not read twice over.
   */
  misses: number;
}

interface Repeated {
  /** The value's text as it appears in the dump. */
  readonly text: string;
  /** That text, parsed. */
  readonly value: unknown;
}

/**
 * What a cut-out value is replaced by: a string no dump can hold (it is new
 * in every process), so finding it under `post` in the parsed view proves
 * that the cut-out text was the view's own `post` value and not one nested
 * deeper or overridden by a repeated key.
 */
const STAND_IN = `\u0000threadmod ${randomUUID()}`;
const STAND_IN_JSON = JSON.stringify(STAND_IN);

/** A view's text, parsed; throws as JSON.parse does. */
function parseView(view: string, repeats: Repeats): unknown {
  const post = locate(view, 'post', repeats.post);
  const community = locate(view, 'community', repeats.community);
  if (post === -1 && community === -1) {
    const value = JSON.parse(view) as unknown;
    const misses = ++repeats.misses;
    if ((misses & (misses - 1)) === 0) learn(view, repeats);
    return value;
  }
  repeats.misses = 0;
  // The one or two cuts in text order, written out: this runs once per view.
  const postEnd = post === -1 ? -1 : post + repeats.post!.text.length;
  const communityEnd = community === -1 ? -1 : community + repeats.community!.text.length;
  let reduced: string;
  if (community === -1) reduced = cutOut(view, post, postEnd);
  else if (post === -1) reduced = cutOut(view, community, communityEnd);
  else if (post < community) {
    if (postEnd > community) return JSON.parse(view);
    reduced = `${cutOut(view.slice(0, community), post, postEnd)}${STAND_IN_JSON}${view.slice(communityEnd)}`;
  } else {
    if (communityEnd > post) return JSON.parse(view);
    reduced = `${cutOut(view.slice(0, post), community, communityEnd)}${STAND_IN_JSON}${view.slice(postEnd)}`;
  }
  const value = JSON.parse(reduced) as Record<string, unknown>;
  if ((post !== -1 && value.post !== STAND_IN) || (community !== -1 && value.community !== STAND_IN))
    return JSON.parse(view);
  if (post !== -1) value.post = repeats.post!.value;
  if (community !== -1) value.community = repeats.community!.value;
  return value;
}

/** `text` with [at, end) replaced by the stand-in. */
function cutOut(text: string, at: number, end: number): string {
  return `${text.slice(0, at)}${STAND_IN_JSON}${text.slice(end)}`;
}

/** Where `repeated`'s text sits in `view` as the value of `key` (as far as the text before it shows), or -1. */
function locate(view: string, key: string, repeated: Repeated | null): number {
  if (repeated === null) return -1;
  const at = view.indexOf(repeated.text);
  if (at === -1) return -1;
  let i = at - 1;
  while (isSpace(view.charCodeAt(i))) i--;
  if (view.charCodeAt(i) !== 0x3a) return -1;
  i--;
  while (isSpace(view.charCodeAt(i))) i--;
  const quoted = `"${key}"`;
  return view.startsWith(quoted, i - quoted.length + 1) ? at : -1;
}

/** Notes the text of the view's `post` and `community` values for the views that follow. */
function learn(view: string, repeats: Repeats): void {
  let i = skipSpace(view, 1);
  while (view.charCodeAt(i) === 0x22) {
    const keyEnd = skipString(view, i);
    if (keyEnd === -1) return;
    const key = view.slice(i + 1, keyEnd - 1);
    i = skipSpace(view, keyEnd);
    if (view.charCodeAt(i) !== 0x3a) return;
    i = skipSpace(view, i + 1);
    const end = skipValue(view, i);
    if (end === -1) return;
    if ((key === 'post' || key === 'community') && view.charCodeAt(i) === 0x7b) {
      const text = view.slice(i, end);
      try {
        repeats[key] = { text, value: JSON.parse(text) as unknown };
      } catch {
        return;
      }
    }
    i = skipSpace(view, end);
    if (view.charCodeAt(i) !== 0x2c) return;
    i = skipSpace(view, i + 1);
  }
}

interface SharedPost {
  readonly post: LemmyCommentView['post'];
  readonly community: LemmyCommentView['community'];
}

/**
 * The fields of a checked view that lemmy-json.ts reads, in a new small
 * object (the comment object is kept as parsed). Every view repeats its post: the first view's post (and its
 * community, when the ids agree) stands for the rest, as the whole-document
 * parser also takes a post from the first view that names it.
 */
function trim(view: LemmyCommentView, posts: Map<number, SharedPost>): LemmyCommentView {
  const { comment: c, creator: p, counts } = view;
  let shared = posts.get(view.post.id);
  if (shared === undefined) {
    shared = { post: trimPost(view.post), community: trimCommunity(view.community) };
    posts.set(view.post.id, shared);
  }
  return {
    // The parsed comment as it is: it holds little beyond the fields read
    // (no nested objects), and a copy costs more than the copying collector
    // spends on its few extra fields.
    comment: c,
    creator: {
      id: p.id,
      name: p.name,
      display_name: p.display_name,
      actor_id: p.actor_id,
      ap_id: p.ap_id,
      bot_account: p.bot_account,
    },
    // The post's own id is the key, so the shared post has it; its other fields are the first view's.
    post: shared.post,
    community: view.community.id === shared.community.id ? shared.community : trimCommunity(view.community),
    counts: counts === undefined ? undefined : { score: counts.score },
    creator_is_moderator: view.creator_is_moderator,
    creator_is_admin: view.creator_is_admin,
  };
}

function trimPost(post: LemmyCommentView['post']): LemmyCommentView['post'] {
  return {
    id: post.id,
    name: post.name,
    body: post.body,
    url: post.url,
    creator_id: post.creator_id,
    community_id: post.community_id,
    ap_id: post.ap_id,
  };
}

function trimCommunity(community: LemmyCommentView['community']): LemmyCommentView['community'] {
  return { id: community.id, name: community.name, actor_id: community.actor_id, ap_id: community.ap_id };
}
