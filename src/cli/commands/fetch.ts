/** `threadmod fetch <post-url>`: download a post and all its comments from a live Lemmy instance into one JSON dump. */
import path from 'node:path';
import { type Command, Option } from 'commander';
import { z } from 'zod';
import { UserError } from '../../errors.js';
import { fetchDump } from '../../lemmy/fetch-dump.js';
import { LemmyHttp, type HttpDeps, type RetryNotice } from '../../lemmy/http.js';
import {
  defaultDumpName,
  parseInstance,
  parsePostId,
  parsePostUrl,
  type PostLocation,
} from '../../lemmy/instance-url.js';
import type { RetryPolicy } from '../../lemmy/retry-policy.js';
import { readToken, TOKEN_ENV } from '../../lemmy/secret.js';
import { stderrProgress, type Progress } from '../progress.js';
import { visible } from '../../text/visible.js';
import {
  addConnectionOptions,
  ConnectionOptions,
  refuseTokenArguments,
  retryPolicyFrom,
} from '../connection-options.js';

const FetchOptions = ConnectionOptions.extend({
  instance: z.string().optional(),
  post: z.string().optional(),
  out: z.string().min(1).optional(),
  force: z.boolean().default(false),
  auth: z.boolean().default(false),
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
      .description('download a post and all its comments from a Lemmy instance into one JSON dump')
      .argument('[post-url]', 'the post link, e.g. https://lemmy.world/post/123')
      .option('--instance <url>', 'the instance, with --post, instead of a post link')
      .option('--post <id>', 'the post id on --instance')
      .option('--out <file>', 'where to write the dump (default: <instance-host>-post-<id>.json here)')
      .option('--force', 'replace --out if it exists')
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
  const location = locate(url, options);
  const fetchedFrom = url?.trim() ?? `${location.origin}/post/${location.postId}`;
  if (options.tokenFile !== undefined && !options.auth) {
    throw new UserError('--token-file is only read with --auth (fetching needs no login)');
  }
  // The token is sent only when asked: a post link can point at any server,
  // and a moderator's login must not travel to every instance they read.
  const token = options.auth ? await readToken(options.tokenFile, io.env) : null;
  if (options.auth && token === null)
    throw new UserError(`--auth needs a token: set ${TOKEN_ENV} or pass --token-file <file>`);

  const out = path.resolve(io.cwd, options.out ?? defaultDumpName(location));
  const shown = options.out ?? path.relative(io.cwd, out);
  const progress = stderrProgress('fetching', io.stderr);
  const host = new URL(location.origin).host;
  let label = `${host} post ${location.postId}`;
  const http = new LemmyHttp({
    origin: location.origin,
    token,
    policy: { ...retryPolicyFrom(options), ...io.policy },
    deps: io.deps,
    onRetry: (notice) => reportRetry(notice, progress, io.stderr),
  });
  let result;
  try {
    result = await fetchDump(http, {
      location,
      fetchedFrom,
      out,
      force: options.force,
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
  if (io.stderr.isTTY) {
    const listed = result.expected !== null ? ` (the post lists ${result.expected})` : '';
    io.stderr.write(`fetched ${result.comments} comments${listed} in ${result.pages} pages from ${visible(label)}\n`);
  }
  io.stdout.write(`${visible(shown)}\n`);
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
