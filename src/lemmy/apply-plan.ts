/**
 * What `apply` would do with a decisions file, as data: per decision, either
 * why it sends nothing or the requests to send, each marked when the
 * applied-record (or an earlier identical request in the same file) already
 * covers it. The send loop (apply-decisions.ts) and the dry run
 * (apply-dry-run.ts) both start from this plan, so the dry run shows exactly
 * what a real run would send and touches no network.
 */
import type { DecisionsFile, ExportedDecision } from '../decisions/schema.js';
import { isRepeatable, requestKey } from '../lemmy-api/outgoing.js';
import type { LemmyRequest } from '../lemmy-api/requests.js';
import type { LemmyRequestError } from './errors.js';

export interface PlannedStep {
  readonly request: LemmyRequest;
  /** `requestKey(request)`: what the applied-record stores. */
  readonly key: string;
  /** In the applied-record already, or planned earlier in this file. */
  readonly alreadyApplied: boolean;
}

export interface DecisionPlan {
  readonly decision: ExportedDecision;
  /** Why the decision sends nothing, or null. */
  readonly skip: string | null;
  /** The requests in sending order (empty when `skip` is set). */
  readonly steps: readonly PlannedStep[];
}

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

/** The plan for every decision of the file, in its order. `applied` is the applied-record's key test. */
export function planApply(
  decisions: DecisionsFile,
  applied: { has(key: string): boolean },
  sendWarnings: boolean,
): DecisionPlan[] {
  const planned = new Set<string>();
  return decisions.decisions.map((decision) => {
    const skip = reasonToSkip(decision, sendWarnings);
    if (skip !== null) return { decision, skip, steps: [] };
    const steps = decision
      .lemmy!.filter((r) => sendWarnings || isRepeatable(r))
      .map((request) => {
        const key = requestKey(request);
        const alreadyApplied = applied.has(key) || planned.has(key);
        planned.add(key);
        return { request, key, alreadyApplied };
      });
    return { decision, skip: null, steps };
  });
}

/** Why a decision sends nothing, or null when it has requests to send. */
function reasonToSkip(decision: ExportedDecision, sendWarnings: boolean): string | null {
  const requests: readonly LemmyRequest[] | undefined = decision.lemmy;
  if (requests === undefined) {
    return decision.lemmyCommentId === null
      ? 'nothing to send: the comment has no Lemmy id (page-text dump)'
      : 'nothing to send: the file has no Lemmy requests (export it again)';
  }
  if (requests.length === 0) return 'nothing to send';
  if (!sendWarnings && requests.every((r) => !isRepeatable(r))) {
    return 'nothing sent: the warning reply is posted only with --send-warnings';
  }
  return null;
}

/** Adds up per-decision reports (and the counters only a run knows) into the summary. */
export function summarise(
  reports: readonly DecisionReport[],
  run: Omit<ApplySummary, 'reports' | 'count' | 'skippedAsApplied'>,
): ApplySummary {
  const count: Record<DecisionStatus, number> = { applied: 0, skipped: 0, failed: 0, 'not-attempted': 0 };
  for (const r of reports) count[r.status]++;
  const skippedAsApplied = reports.filter((r) => r.status === 'skipped' && r.detail === ALREADY_APPLIED).length;
  return { reports, count, skippedAsApplied, ...run };
}

/** The report of a decision whose steps ran: `sent` of them now, `already` before. */
export function stepsReport(plan: DecisionPlan, sent: number, already: number): DecisionReport {
  const base = { commentId: plan.decision.commentId, action: plan.decision.action, sent, alreadyApplied: already };
  if (sent === 0) return { ...base, status: 'skipped', detail: ALREADY_APPLIED };
  return { ...base, status: 'applied', detail: '' };
}

/** The report of a decision that sent nothing for `detail` (skipped, or not attempted). */
export function plainReport(
  plan: DecisionPlan,
  status: DecisionStatus,
  detail: string,
  sent = 0,
  already = 0,
): DecisionReport {
  return {
    commentId: plan.decision.commentId,
    action: plan.decision.action,
    status,
    detail,
    sent,
    alreadyApplied: already,
  };
}
