/**
 * Carries out exported decisions on a Lemmy instance, one request at a time,
 * in the file's order. Each accepted request is written to the
 * applied-record before the next is sent, and requests already recorded are
 * not sent again, so the loop can be stopped anywhere and simply re-run.
 *
 * A decision whose request Lemmy refuses (a comment gone, a bad id) is
 * reported and the run goes on. A failed login, an unreachable instance or
 * an answer that is not Lemmy's stops the run: every later request would
 * fail the same way.
 */
import type { DecisionsFile, ExportedDecision } from '../decisions/schema.js';
import { isReportResolution, type LemmyRequest } from '../lemmy-api/requests.js';
import type { ApiVersion } from '../lemmy-api/schema.js';
import type { AppliedLine, AppliedRecord } from './applied-record.js';
import { forApi, isRepeatable, requestKey, type OutgoingRequest } from '../lemmy-api/outgoing.js';
import { LemmyRequestError } from './errors.js';
import type { LemmyHttp } from './http.js';

export type DecisionStatus = 'applied' | 'skipped' | 'failed' | 'not-attempted';

export interface DecisionReport {
  readonly commentId: string;
  readonly action: ExportedDecision['action'];
  readonly status: DecisionStatus;
  /** Why it was skipped or failed; empty when applied. */
  readonly detail: string;
  /** Requests sent in this run (in a dry run: that would be sent). */
  readonly sent: number;
  /** Requests found in the applied-record and not sent again. */
  readonly alreadyApplied: number;
}

export interface PlannedRequest {
  readonly commentId: string;
  readonly action: ExportedDecision['action'];
  /** Full URL. */
  readonly url: string;
  readonly request: OutgoingRequest;
  readonly alreadyApplied: boolean;
}

export interface ApplyOptions {
  readonly decisions: DecisionsFile;
  readonly http: LemmyHttp;
  readonly apiVersion: ApiVersion;
  readonly record: AppliedRecord;
  /** Send nothing, record nothing: report what would be sent. */
  readonly dryRun: boolean;
  /** Also post the warning replies of `warn` decisions (they cannot be undone by sending them again). */
  readonly sendWarnings: boolean;
  /** Stops the run before the next request (and aborts the one in flight). */
  readonly signal?: AbortSignal;
  readonly now?: () => Date;
  readonly onDecision?: (report: DecisionReport) => void;
  readonly onPlanned?: (planned: PlannedRequest) => void;
  /** After each line reaches the applied-record. */
  readonly onApplied?: (line: AppliedLine) => void;
}

export interface ApplySummary {
  readonly reports: readonly DecisionReport[];
  readonly count: Readonly<Record<DecisionStatus, number>>;
  /** Of the skipped: how many because everything was already applied. */
  readonly skippedAsApplied: number;
  readonly requestsSent: number;
  /** Report resolutions sent in this run (in a dry run: that would be sent). */
  readonly reportsResolved: number;
  /** Report resolutions found in the applied-record and not sent again. */
  readonly reportsAlreadyResolved: number;
  /** The error that ended the run early, or null. */
  readonly stoppedBy: LemmyRequestError | null;
  /** True when `signal` ended the run early. */
  readonly aborted: boolean;
}

export const ALREADY_APPLIED = 'already applied';

export async function applyDecisions(options: ApplyOptions): Promise<ApplySummary> {
  const { decisions, http, apiVersion, record, dryRun, signal } = options;
  const reports: DecisionReport[] = [];
  const plannedKeys = new Set<string>();
  let stoppedBy: LemmyRequestError | null = null;
  let aborted = false;
  let requestsSent = 0;
  let reportsResolved = 0;
  let reportsAlreadyResolved = 0;

  const report = (decision: ExportedDecision, status: DecisionStatus, detail: string, sent = 0, alreadyApplied = 0) => {
    const entry = { commentId: decision.commentId, action: decision.action, status, detail, sent, alreadyApplied };
    reports.push(entry);
    options.onDecision?.(entry);
  };

  for (const decision of decisions.decisions) {
    if (!dryRun && signal?.aborted) aborted = true;
    if (stoppedBy !== null || aborted) {
      report(decision, 'not-attempted', 'the run stopped before this decision');
      continue;
    }
    const skip = reasonToSkip(decision, options.sendWarnings);
    if (skip !== null) {
      report(decision, 'skipped', skip);
      continue;
    }
    const requests = decision.lemmy!.filter((r) => options.sendWarnings || isRepeatable(r));
    let sent = 0;
    let already = 0;
    let failure: string | null = null;
    for (const request of requests) {
      const key = requestKey(request);
      const outgoing = forApi(request, apiVersion);
      if (record.has(key) || (dryRun && plannedKeys.has(key))) {
        already++;
        if (isReportResolution(request)) reportsAlreadyResolved++;
        if (dryRun) options.onPlanned?.(plan(decision, http, outgoing, true));
        continue;
      }
      if (dryRun) {
        plannedKeys.add(key);
        options.onPlanned?.(plan(decision, http, outgoing, false));
        sent++;
        if (isReportResolution(request)) reportsResolved++;
        continue;
      }
      if (signal?.aborted) {
        aborted = true;
        break;
      }
      let status: number;
      try {
        ({ status } = await http.request({ ...outgoing, repeatable: isRepeatable(request) }));
      } catch (error) {
        if (signal?.aborted) {
          aborted = true;
          break;
        }
        if (!(error instanceof LemmyRequestError)) throw error;
        failure = error.message;
        if (stopsTheRun(error)) stoppedBy = error;
        break;
      }
      const line: AppliedLine = {
        key,
        at: (options.now?.() ?? new Date()).toISOString(),
        instance: http.origin,
        commentId: decision.commentId,
        method: outgoing.method,
        path: outgoing.path,
        status,
      };
      await record.append(line);
      options.onApplied?.(line);
      sent++;
      requestsSent++;
      if (isReportResolution(request)) reportsResolved++;
    }
    if (failure !== null) report(decision, 'failed', failure, sent, already);
    else if (aborted && sent + already < requests.length) {
      report(decision, 'not-attempted', 'the run was interrupted', sent, already);
    } else if (sent === 0) report(decision, 'skipped', ALREADY_APPLIED, 0, already);
    else report(decision, 'applied', '', sent, already);
  }

  const count: Record<DecisionStatus, number> = { applied: 0, skipped: 0, failed: 0, 'not-attempted': 0 };
  for (const r of reports) count[r.status]++;
  const skippedAsApplied = reports.filter((r) => r.status === 'skipped' && r.detail === ALREADY_APPLIED).length;
  return {
    reports,
    count,
    skippedAsApplied,
    requestsSent,
    reportsResolved,
    reportsAlreadyResolved,
    stoppedBy,
    aborted,
  };
}

/** Why a decision sends nothing, or null when it has requests to send. */
function reasonToSkip(decision: ExportedDecision, sendWarnings: boolean): string | null {
  const requests: readonly LemmyRequest[] | undefined = decision.lemmy;
  if (requests === undefined) {
    return decision.lemmyCommentId === null
      ? 'nothing to send: the comment has no Lemmy id (page-text dump)'
      : 'nothing to send: the file has no Lemmy requests (export with --lemmy)';
  }
  if (requests.length === 0) return 'nothing to send';
  if (!sendWarnings && requests.every((r) => !isRepeatable(r))) {
    return 'nothing sent: the warning reply is posted only with --send-warnings';
  }
  return null;
}

function stopsTheRun(error: LemmyRequestError): boolean {
  return error.failure === 'auth' || error.failure === 'unreachable' || error.failure === 'bad-response';
}

function plan(
  decision: ExportedDecision,
  http: LemmyHttp,
  request: OutgoingRequest,
  alreadyApplied: boolean,
): PlannedRequest {
  return {
    commentId: decision.commentId,
    action: decision.action,
    url: http.url(request.path),
    request,
    alreadyApplied,
  };
}
