/** `threadmod fetch <post-url>`: download a post and all its comments from a live Lemmy instance into one JSON dump. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { type Command, Option } from 'commander';
import { z } from 'zod';
import { UserError } from '../../errors.js';
import { fetchDump } from '../../lemmy/fetch-dump.js';
import { fetchCommunity, type CommunityProgress } from '../../lemmy/fetch-community.js';
import { LemmyHttp, type HttpDeps, type RetryNotice } from '../../lemmy/http.js';
import {
  defaultCommunityDumpName,
  isCommunityRef,
  parseCommunityRef,
  defaultDumpName,
  parseInstance,
  parsePostId,
  parsePostUrl,
  type PostLocation,
} from '../../lemmy/instance-url.js';
import type { RetryPolicy } from '../../lemmy/retry-policy.js';
import { readToken, type Secret, TOKEN_ENV } from '../../lemmy/secret.js';
import { stderrProgress, type Progress } from '../progress.js';
import { defaultJournalPath } from '../../decisions/journal.js';
import { exportDecisions } from '../../decisions/export.js';
import { visible } from '../../text/visible.js';
import {
  addConnectionOptions,
  ConnectionOptions,
  refuseCleartextToken,
  refuseTokenArguments,
  retryPolicyFrom,
} from '../connection-options.js';

const FetchOptions = ConnectionOptions.extend({
  instance: z.string().optional(),
  post: z.string().optional(),
  out: z.string().min(1).optional(),
  force: z.boolean().default(false),
  auth: z.boolean().default(false),
  since: z.string().min(1).optional(),
  posts: z.coerce
    .number({ error: '--posts takes a whole number' })
    .int('--posts takes a whole number')
    .min(1, '--posts must be at least 1')
    .max(10_000, '--posts is at most 10000')
    .optional(),
  reports: z.boolean().default(false),
});
type FetchOptions = z.infer<typeof FetchOptions>;

/** Where output goes and what can be swapped in tests. */
export interface FetchIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: NodeJS.WriteStream;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly deps?: Partial<HttpDeps>;
  readonly policy?: Partial<RetryPolicy>;
}

export function register(program: Command): void {
  addConnectionOptions(
    program
      .command('fetch')
      .description(
        "download a post, or a community's recent posts, with all their comments from a Lemmy instance into one JSON dump",
      )
      .argument(
        '[url]',
        'a post link (https://lemmy.world/post/123) or a community (https://lemmy.world/c/name, name@lemmy.world)',
      )
      .option('--instance <url>', 'the instance, with --post, instead of a post link')
      .option('--post <id>', 'the post id on --instance')
      .option('--out <file>', 'where to write the dump (default: <instance-host>-post-<id>.json here)')
      .option('--force', 'replace --out if it exists')
      .option('--since <when>', 'community: only posts from the last 24h, 7d, 90m, or since an ISO date')
      .option('--posts <n>', `community: at most this many posts, newest first (default ${DEFAULT_POSTS})`)
      .option(
        '--reports',
        `also save the open reports and the reported authors' modlog (a moderator's token from ${TOKEN_ENV} or --token-file)`,
      )
      .addOption(
        new Option(
          '--auth',
          `log in while fetching (token from ${TOKEN_ENV} or --token-file), to see what moderators see`,
        ),
      ),
  ).action(async (url: string | undefined, raw: unknown) => {
    await runFetch(url, raw, {
      stdout: process.stdout,
      stderr: process.stderr,
      env: process.env,
      cwd: process.cwd(),
    });
  });
}

export async function runFetch(url: string | undefined, raw: unknown, io: FetchIo): Promise<void> {
  refuseTokenArguments(raw);
  const options = FetchOptions.parse(raw);
  if (url !== undefined && isCommunityRef(url)) return runCommunityFetch(url, options, io);
  if (options.since !== undefined || options.posts !== undefined) {
    throw new UserError('--since and --posts are for a community (https://<instance>/c/<name>), not a post');
  }
  const location = locate(url, options);
  const fetchedFrom = url?.trim() ?? `${location.origin}/post/${location.postId}`;
  const token = await tokenFor(location.origin, options, io.env);
  const out = path.resolve(io.cwd, options.out ?? defaultDumpName(location));
  const shown = options.out ?? path.relative(io.cwd, out);
  const progress = stderrProgress('fetching', io.stderr);
  const host = new URL(location.origin).host;
  let label = `${host} post ${location.postId}`;
  const http = openHttp(location.origin, token, options, io, progress);
  let result;
  try {
    result = await fetchDump(http, {
      location,
      fetchedFrom,
      out,
      force: options.force,
      reports: options.reports,
      onDetected: (api) => {
        label = `${host} post ${location.postId} (${api.lemmyVersion ? `Lemmy ${api.lemmyVersion}, ` : ''}API ${api.apiVersion})`;
        progress.status(`${label}: connecting`);
      },
      onProgress: (p) => {
        if (p.phase === 'post') progress.status(`${label}: reading the post`);
        else
          progress.status(
            `${label}: ${p.comments} comments so far${p.expected !== null ? ` of about ${p.expected}` : ''}`,
          );
      },
    });
  } finally {
    progress.done();
  }
  // The server's version string and warnings about its data: shown, never obeyed by the terminal.
  for (const warning of result.warnings) io.stderr.write(`threadmod: warning: ${visible(warning)}\n`);
  await tellJournal(out, io);
  if (io.stderr.isTTY) {
    const listed = result.expected !== null ? ` (the post lists ${result.expected})` : '';
    io.stderr.write(`fetched ${result.comments} comments${listed} in ${result.pages} pages from ${visible(label)}\n`);
    if (options.reports) io.stderr.write(reportsLine(result));
  }
  io.stdout.write(`${visible(shown)}\n`);
}

const DEFAULT_POSTS = 20;

/**
 * `fetch --force` over a dump that has a journal beside it: says what the
 * next review or export does with its decisions (carried over by comment,
 * some dropped as edited or gone) or why it cannot. The journal itself is
 * left as it is until a review opens it.
 */
async function tellJournal(out: string, io: FetchIo): Promise<void> {
  const journal = defaultJournalPath(out);
  if (!existsSync(journal)) return;
  let line: string;
  try {
    const { warnings } = await exportDecisions({ dump: out });
    const carried = warnings.find((w) => w.includes(' changed since the last review; '));
    line = carried
      ? `${carried}; the next review or export carries them over (the journal is unchanged until a review opens it)`
      : `${journal}: its decisions stand, the comments they are on are unchanged`;
  } catch (error) {
    line = `${journal}: ${error instanceof Error ? error.message : String(error)}`;
  }
  io.stderr.write(`threadmod: ${visible(line)}\n`);
}

/**
 * The token is sent only when asked (`--auth`, or `--reports`, which only a
 * moderator may read): a link can point at any server, and a moderator's
 * login must not travel to every instance they read.
 */
async function tokenFor(origin: string, options: FetchOptions, env: NodeJS.ProcessEnv): Promise<Secret | null> {
  const wanted = options.auth || options.reports;
  if (options.tokenFile !== undefined && !wanted) {
    throw new UserError('--token-file is only read with --auth or --reports (fetching needs no login)');
  }
  if (!wanted) return null;
  // Refused before the token is even read: it must not travel over plain http to another machine.
  refuseCleartextToken(origin, options.allowInsecureHttp);
  const token = await readToken(options.tokenFile, env);
  if (token === null) {
    const flag = options.reports ? "--reports needs a moderator's token" : '--auth needs a token';
    throw new UserError(`${flag}: set ${TOKEN_ENV} or pass --token-file <file>`);
  }
  return token;
}

/** The client both fetches (post and community) talk through: same retries, limits and retry notices. */
function openHttp(
  origin: string,
  token: Secret | null,
  options: FetchOptions,
  io: FetchIo,
  progress: Progress,
): LemmyHttp {
  return new LemmyHttp({
    origin,
    token,
    policy: { ...retryPolicyFrom(options), ...io.policy },
    deps: io.deps,
    onRetry: (notice) => reportRetry(notice, progress, io.stderr),
  });
}

function reportsLine(r: { commentReports: number; postReports: number; modlogEntries: number }): string {
  return `open reports: ${r.commentReports} on comments, ${r.postReports} on posts; ${r.modlogEntries} modlog entries about the reported authors\n`;
}

async function runCommunityFetch(url: string, options: FetchOptions, io: FetchIo): Promise<void> {
  if (options.instance !== undefined || options.post !== undefined) {
    throw new UserError('give either a community or --instance with --post, not both');
  }
  const location = parseCommunityRef(url);
  const now = new Date();
  const since = options.since === undefined ? null : { text: options.since, at: parseSince(options.since, now) };
  const token = await tokenFor(location.origin, options, io.env);
  const out = path.resolve(io.cwd, options.out ?? defaultCommunityDumpName(location));
  const shown = options.out ?? path.relative(io.cwd, out);
  const progress = stderrProgress('fetching', io.stderr);
  const host = new URL(location.origin).host;
  let label = `${host} community ${location.name}`;
  const http = openHttp(location.origin, token, options, io, progress);
  let result;
  try {
    result = await fetchCommunity(http, {
      location,
      fetchedFrom: url.trim(),
      out,
      force: options.force,
      since,
      maxPosts: options.posts ?? DEFAULT_POSTS,
      reports: options.reports,
      now: () => now,
      onDetected: (api) => {
        label = `${host} community ${location.name} (${api.lemmyVersion ? `Lemmy ${api.lemmyVersion}, ` : ''}API ${api.apiVersion})`;
        progress.status(`${label}: connecting`);
      },
      onProgress: (p) => progress.status(`${label}: ${communityProgressText(p)}`),
    });
  } finally {
    progress.done();
  }
  for (const warning of result.warnings) io.stderr.write(`threadmod: warning: ${visible(warning)}\n`);
  await tellJournal(out, io);
  if (io.stderr.isTTY) {
    const resumed = result.resumedPosts > 0 ? ` (${result.resumedPosts} posts from the interrupted run)` : '';
    io.stderr.write(`fetched ${result.posts} posts and ${result.comments} comments${resumed} from ${visible(label)}\n`);
    if (options.reports) io.stderr.write(reportsLine(result));
  }
  io.stdout.write(`${visible(shown)}\n`);
}

/** `[#####-----] posts 5/10 · 812 comments`. */
export function communityProgressText(p: CommunityProgress): string {
  switch (p.phase) {
    case 'community':
      return 'looking up the community';
    case 'posts':
      return 'listing posts';
    case 'reports':
      return `reading open reports (${p.reports} so far)`;
    case 'modlog':
      return "reading the reported authors' modlog";
    case 'comments': {
      const width = 20;
      const filled = p.postsTotal === 0 ? width : Math.round((p.postsDone / p.postsTotal) * width);
      return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] posts ${p.postsDone}/${p.postsTotal} · ${p.comments} comments`;
    }
  }
}

const SINCE_UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `24h`, `7d`, `90m`, `2w` before `now`, or an ISO 8601 date/time; ms since the epoch. */
export function parseSince(text: string, now: Date): number {
  const relative = /^(\d{1,6})\s*([mhdw])$/i.exec(text.trim());
  if (relative) return now.getTime() - Number(relative[1]) * SINCE_UNITS[relative[2]!.toLowerCase()]!;
  const iso = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(text.trim());
  const at = iso ? Date.parse(text.trim()) : Number.NaN;
  if (Number.isNaN(at)) {
    throw new UserError(`--since ${JSON.stringify(text)}: expected 24h, 7d, 90m, 2w or an ISO date like 2026-06-01`);
  }
  return at;
}

function locate(url: string | undefined, options: FetchOptions): PostLocation {
  if (url !== undefined) {
    if (options.instance !== undefined || options.post !== undefined) {
      throw new UserError('give either a post URL or --instance with --post, not both');
    }
    return parsePostUrl(url);
  }
  if (options.instance === undefined || options.post === undefined) {
    throw new UserError('give a post URL (https://<instance>/post/<id>), or --instance <url> with --post <id>');
  }
  return { origin: parseInstance(options.instance), postId: parsePostId(options.post) };
}

function reportRetry(notice: RetryNotice, progress: Progress, stderr: NodeJS.WriteStream): void {
  const wait = `${Math.ceil(notice.delayMs / 1000)} s`;
  const why = notice.serverAsked ? `${notice.reason}, the server asks to wait` : notice.reason;
  // Long waits are worth a line even in a log; short ones only on a terminal.
  if (notice.delayMs >= 5000 && !stderr.isTTY) stderr.write(`threadmod: ${visible(why)}; retrying in ${wait}\n`);
  else progress.status(`${why}; retrying in ${wait} (retry ${notice.retry})`);
}
