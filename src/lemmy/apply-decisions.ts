/**
 * Carries out a plan (apply-plan.ts) on a Lemmy instance, one request at a
 * time, in the file's order. Each accepted request is written to the
 * applied-record before the next is sent, and requests already recorded are
 * not sent again, so the loop can be stopped anywhere and simply re-run.
 *
 * A decision whose request Lemmy refuses (a comment gone, a bad id) is
 * reported and the run goes on. A failed login, an unreachable instance or
 * an answer that is not Lemmy's stops the run: every later request would
 * fail the same way.
 */
import type { DecisionsFile } from '../decisions/schema.js';
import { forApi, isRepeatable } from '../lemmy-api/outgoing.js';
import { isReportResolution } from '../lemmy-api/requests.js';
import type { ApiVersion } from '../lemmy-api/schema.js';
import type { AppliedLine, AppliedRecord } from './applied-record.js';
import {
  planApply,
  plainReport,
  stepsReport,
  summarise,
  type ApplySummary,
  type DecisionReport,
} from './apply-plan.js';
import { LemmyRequestError } from './errors.js';
import type { LemmyHttp } from './http.js';

export type { ApplySummary, DecisionReport, DecisionStatus } from './apply-plan.js';
export { ALREADY_APPLIED } from './apply-plan.js';

export interface ApplyOptions {
  readonly decisions: DecisionsFile;
  readonly http: LemmyHttp;
  readonly apiVersion: ApiVersion;
  readonly record: AppliedRecord;
  /** Also post the warning replies of `warn` decisions (they cannot be undone by sending them again). */
  readonly sendWarnings: boolean;
  /** Stops the run before the next request (and aborts the one in flight). */
  readonly signal?: AbortSignal;
  /** The clock: the time each line is recorded and a ban's end is counted from. */
  readonly now?: () => Date;
  readonly onDecision?: (report: DecisionReport) => void;
  /** After each line reaches the applied-record. */
  readonly onApplied?: (line: AppliedLine) => void;
}

export async function applyDecisions(options: ApplyOptions): Promise<ApplySummary> {
  const { http, apiVersion, record, signal } = options;
  const now = options.now ?? (() => new Date());
  const reports: DecisionReport[] = [];
  let stoppedBy: LemmyRequestError | null = null;
  let aborted = false;
  let requestsSent = 0;
  let reportsResolved = 0;
  let reportsAlreadyResolved = 0;
  const report = (entry: DecisionReport) => {
    reports.push(entry);
    options.onDecision?.(entry);
  };

  for (const plan of planApply(options.decisions, record, options.sendWarnings)) {
    if (signal?.aborted) aborted = true;
    if (stoppedBy !== null || aborted) {
      report(plainReport(plan, 'not-attempted', 'the run stopped before this decision'));
      continue;
    }
    if (plan.skip !== null) {
      report(plainReport(plan, 'skipped', plan.skip));
      continue;
    }
    let sent = 0;
    let already = 0;
    let failure: string | null = null;
    for (const { request, key } of plan.steps) {
      // Checked live, not from the plan: a request planned twice is sent once its first copy went through.
      if (record.has(key)) {
        already++;
        if (isReportResolution(request)) reportsAlreadyResolved++;
        continue;
      }
      if (signal?.aborted) {
        aborted = true;
        break;
      }
      const outgoing = forApi(request, apiVersion, now());
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
        at: now().toISOString(),
        instance: http.origin,
        commentId: plan.decision.commentId,
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
    if (failure !== null) report(plainReport(plan, 'failed', failure, sent, already));
    else if (aborted && sent + already < plan.steps.length) {
      report(plainReport(plan, 'not-attempted', 'the run was interrupted', sent, already));
    } else report(stepsReport(plan, sent, already));
  }
  return summarise(reports, { requestsSent, reportsResolved, reportsAlreadyResolved, stoppedBy, aborted });
}

function stopsTheRun(error: LemmyRequestError): boolean {
  return error.failure === 'auth' || error.failure === 'unreachable' || error.failure === 'bad-response';
}
