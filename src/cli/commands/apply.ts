/** `threadmod apply <decisions.json> --instance URL`: carry out exported decisions through Lemmy's API. */
import type { Command } from 'commander';
import { z } from 'zod';
import { UserError } from '../../errors.js';
import { detectApi } from '../../lemmy/api-version.js';
import { AppliedRecord, appliedRecordPath } from '../../lemmy/applied-record.js';
import { applyDecisions, type ApplySummary, type DecisionReport } from '../../lemmy/apply-decisions.js';
import { dryRunDecisions, type PlannedRequest } from '../../lemmy/apply-dry-run.js';
import {
  addConnectionOptions,
  ConnectionOptions,
  refuseCleartextToken,
  refuseTokenArguments,
  retryPolicyFrom,
} from '../connection-options.js';
import { LemmyHttp, type HttpDeps, type RetryNotice } from '../../lemmy/http.js';
import { dumpProvenance } from '../../lemmy/dump-origin.js';
import { parseInstance } from '../../lemmy/instance-url.js';
import { loadDecisions } from '../../decisions/load.js';
import type { RetryPolicy } from '../../lemmy/retry-policy.js';
import { readToken, TOKEN_ENV } from '../../lemmy/secret.js';
import { ApiVersion } from '../../lemmy-api/schema.js';
import type { DecisionsFile } from '../../decisions/schema.js';
import { visible } from '../../text/visible.js';

const ApplyOptions = ConnectionOptions.extend({
  instance: z.string({ error: 'missing --instance <url>: the instance the decisions were made on' }),
  dryRun: z.boolean().default(false),
  sendWarnings: z.boolean().default(false),
  api: ApiVersion.optional(),
});

export interface ApplyIo {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
  readonly env: NodeJS.ProcessEnv;
  readonly deps?: Partial<HttpDeps>;
  readonly policy?: Partial<RetryPolicy>;
  /** Stops the run between requests (the CLI wires Ctrl-C to it). */
  readonly signal?: AbortSignal;
  /** The clock a ban's end is counted from (tests fix it). */
  readonly now?: () => Date;
}

export function register(program: Command): void {
  addConnectionOptions(
    program
      .command('apply')
      .description('carry out exported decisions (remove, ban, restore) on the Lemmy instance')
      .argument('<decisions>', 'the decisions file from `threadmod export --lemmy`')
      .option('--instance <url>', 'the instance to send the requests to (where the dump was fetched)')
      .option('--dry-run', 'print each request instead of sending it (needs no token and no network)')
      .option('--send-warnings', 'also post the warning replies of warn decisions')
      .option(
        '--api <version>',
        "v3 (Lemmy 0.19) or v4 (Lemmy 1.0); default: asked from the instance (--dry-run: the dump's, else both)",
      ),
  ).action(async (file: string, raw: unknown) => {
    const controller = new AbortController();
    const onInterrupt = () => controller.abort(new UserError('interrupted', 130));
    process.once('SIGINT', onInterrupt);
    try {
      await runApply(file, raw, {
        stdout: process.stdout,
        stderr: process.stderr,
        env: process.env,
        signal: controller.signal,
      });
    } finally {
      process.off('SIGINT', onInterrupt);
    }
  });
}

export async function runApply(file: string, raw: unknown, bare: ApplyIo): Promise<ApplySummary> {
  // Server messages, reasons and ids end up in these lines: shown, never obeyed by the terminal.
  const io = { ...bare, stdout: visibleWriter(bare.stdout), stderr: visibleWriter(bare.stderr) };
  refuseTokenArguments(raw);
  const options = ApplyOptions.parse(raw);
  const origin = parseInstance(options.instance);
  if (!options.dryRun) refuseCleartextToken(origin, options.allowInsecureHttp);
  const decisions = await loadDecisions(file);
  const actionable = decisions.decisions.filter((d) => d.action !== 'skip' && d.lemmyCommentId !== null);
  if (actionable.length > 0 && actionable.every((d) => d.lemmy === undefined)) {
    throw new UserError(`${file} has no Lemmy requests; export it again with \`threadmod export\``);
  }
  const provenance = await dumpProvenance(file, decisions.source);
  // Files written before the decisions file recorded its instance: look in the source dump, if it is still there.
  const fetchedFrom = decisions.instance !== undefined ? decisions.instance : provenance.origin;
  if (fetchedFrom !== null && fetchedFrom !== origin) {
    throw new UserError(
      `${file} was made on a dump fetched from ${fetchedFrom}, but --instance is ${origin}; Lemmy ids differ between instances`,
    );
  }
  if (fetchedFrom === null) warnForeignApIds(actionable, origin, io.stderr);
  const summary = options.dryRun
    ? await dryRun(file, decisions, origin, options.api ?? provenance.apiVersion, options.sendWarnings, io)
    : await sendAll(file, decisions, origin, options, io);

  io.stdout.write(`${summaryLine(summary, options.dryRun)}\n`);
  if (summary.stoppedBy !== null) {
    const hint =
      summary.stoppedBy.failure === 'auth'
        ? ` (check ${TOKEN_ENV} or --token-file: the login must moderate this community)`
        : '';
    throw new UserError(`stopped: ${summary.stoppedBy.message}${hint}; run apply again to go on`);
  }
  if (summary.aborted) throw new UserError('interrupted; run apply again to go on (nothing is sent twice)', 130);
  if (summary.count.failed > 0) {
    throw new UserError(
      `${summary.count.failed} of ${summary.reports.length} decisions failed; run apply again after fixing the cause`,
      1,
    );
  }
  return summary;
}

/** Prints what a run would send, for the dump's API version or both; reads the applied-record, sends and records nothing. */
async function dryRun(
  file: string,
  decisions: DecisionsFile,
  origin: string,
  api: ApiVersion | null,
  sendWarnings: boolean,
  io: ApplyIo,
): Promise<ApplySummary> {
  const now = (io.now ?? (() => new Date()))();
  io.stdout.write(
    api === null
      ? 'dry run: the API version is not known (the source dump does not say); each request is shown for v3 (Lemmy 0.19) and v4 (Lemmy 1.0)\n'
      : `dry run: API ${api}, as the source dump was fetched; ban ends are counted from now (${now.toISOString()}), a real run counts from when it sends\n`,
  );
  const record = await AppliedRecord.load(appliedRecordPath(file));
  return dryRunDecisions({
    decisions,
    origin,
    apiVersions: api === null ? ['v3', 'v4'] : [api],
    applied: record,
    sendWarnings,
    now: () => now,
    onPlanned: (p) => io.stdout.write(plannedLine(p, api === null)),
    // The requests themselves are shown; of the decisions, only those that send nothing.
    onDecision: (r) => {
      if (r.status !== 'applied') io.stdout.write(decisionLine(r));
    },
  });
}

async function sendAll(
  file: string,
  decisions: DecisionsFile,
  origin: string,
  options: z.infer<typeof ApplyOptions>,
  io: ApplyIo,
): Promise<ApplySummary> {
  const token = await readToken(options.tokenFile, io.env);
  if (token === null) {
    throw new UserError(`no login token: set ${TOKEN_ENV} or pass --token-file <file> (or use --dry-run)`);
  }
  const connection = {
    origin,
    policy: { ...retryPolicyFrom(options), ...io.policy },
    deps: io.deps,
    signal: io.signal,
    onRetry: (notice: RetryNotice) =>
      io.stderr.write(`threadmod: ${notice.reason}; retrying in ${Math.ceil(notice.delayMs / 1000)} s\n`),
  };
  // The version question needs no login: the token goes only with the requests that need it.
  const apiVersion = options.api ?? (await detectApi(new LemmyHttp(connection))).apiVersion;
  const http = new LemmyHttp({ ...connection, token });
  // One writer: a second apply on the same file is refused before it sends anything.
  const record = await AppliedRecord.openForWriting(appliedRecordPath(file));
  return applyDecisions({
    decisions,
    http,
    apiVersion,
    record,
    sendWarnings: options.sendWarnings,
    signal: io.signal,
    now: io.now,
    onDecision: (r) => io.stdout.write(decisionLine(r)),
  }).finally(() => record.close());
}

function visibleWriter(stream: { write(text: string): unknown }): { write(text: string): unknown } {
  return { write: (text: string) => stream.write(visible(text, { newlines: true })) };
}

function plannedLine(p: PlannedRequest, showApi: boolean): string {
  const verb = p.alreadyApplied ? 'already applied, would skip' : 'would send';
  const api = showApi ? ` (${p.api})` : '';
  const ends = p.banDays === null ? '' : `, ends ${p.banDays} day${p.banDays === 1 ? '' : 's'} after sending`;
  return `${verb}${api}: ${p.request.method} ${p.url} ${JSON.stringify(p.request.body)}  (comment ${p.commentId}, ${p.action}${ends})\n`;
}

function decisionLine(r: DecisionReport): string {
  const status = r.status.padEnd(13);
  const what = `comment ${r.commentId} ${r.action}`;
  if (r.status === 'applied') {
    const plus = r.alreadyApplied > 0 ? `, ${r.alreadyApplied} already applied` : '';
    return `${status} ${what} (${r.sent} request${r.sent === 1 ? '' : 's'}${plus})\n`;
  }
  return `${status} ${what}: ${r.detail}\n`;
}

function summaryLine(s: ApplySummary, dryRun: boolean): string {
  const nothing = s.count.skipped - s.skippedAsApplied;
  const skipped = `${s.count.skipped} skipped (${s.skippedAsApplied} already applied, ${nothing} nothing to send)`;
  const reports = reportsPart(s, dryRun);
  if (dryRun) return `dry run: ${s.count.applied} decisions would be applied, ${skipped}${reports}; nothing was sent`;
  const parts = [`${s.count.applied} applied`, skipped, `${s.count.failed} failed`];
  if (s.count['not-attempted'] > 0) parts.push(`${s.count['not-attempted']} not attempted`);
  return `${parts.join(', ')}; ${s.requestsSent} requests sent${reports}`;
}

/** Only when the decisions resolve reports at all, so the summary of a dump without reports reads as before. */
function reportsPart(s: ApplySummary, dryRun: boolean): string {
  if (s.reportsResolved + s.reportsAlreadyResolved === 0) return '';
  const already = s.reportsAlreadyResolved > 0 ? ` (${s.reportsAlreadyResolved} already resolved)` : '';
  const n = s.reportsResolved;
  return `; ${n} report${n === 1 ? '' : 's'} ${dryRun ? 'would be ' : ''}resolved${already}`;
}

/**
 * A decisions file that does not say where its dump came from (a hand-made
 * dump) gets one check: when none of its comments' ActivityPub ids is on the
 * --instance host, the Lemmy ids in it most likely belong to another
 * instance, and every request would hit the wrong comment or none. Comments
 * federated from elsewhere carry foreign ap_ids too, so this warns instead of
 * refusing.
 */
function warnForeignApIds(
  decisions: readonly { apId: string | null }[],
  origin: string,
  stderr: { write(text: string): unknown },
): void {
  const host = new URL(origin).host;
  const hosts = new Set<string>();
  for (const { apId } of decisions) {
    if (apId === null) continue;
    try {
      hosts.add(new URL(apId).host);
    } catch {
      // not a URL: nothing to compare
    }
  }
  if (hosts.size === 0 || hosts.has(host)) return;
  const seen = [...hosts].slice(0, 3).join(', ');
  stderr.write(
    `threadmod: warning: the decisions file does not say which instance its dump came from, and none of its comments' ap_ids is on ${host} (they are on ${seen}); Lemmy ids differ between instances\n`,
  );
}
