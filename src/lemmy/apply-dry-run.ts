/**
 * `apply --dry-run`: the plan (apply-plan.ts) printed as the requests a real
 * run would send, for one API version or for both when it is not known.
 * Nothing here talks to the network: no version question, no token.
 */
import type { DecisionsFile } from '../decisions/schema.js';
import { forApi, type OutgoingRequest } from '../lemmy-api/outgoing.js';
import { isReportResolution } from '../lemmy-api/requests.js';
import type { ApiVersion } from '../lemmy-api/schema.js';
import {
  planApply,
  plainReport,
  stepsReport,
  summarise,
  type ApplySummary,
  type DecisionReport,
} from './apply-plan.js';

export interface PlannedRequest {
  readonly commentId: string;
  readonly action: DecisionsFile['decisions'][number]['action'];
  readonly api: ApiVersion;
  /** Full URL. */
  readonly url: string;
  readonly request: OutgoingRequest;
  readonly alreadyApplied: boolean;
  /** For a ban with a length: the days its end (`expires`) was counted from now. */
  readonly banDays: number | null;
}

export interface DryRunOptions {
  readonly decisions: DecisionsFile;
  /** The instance origin the URLs are shown on. */
  readonly origin: string;
  /** The versions to show each request for: the dump's, or both when unknown. */
  readonly apiVersions: readonly ApiVersion[];
  readonly applied: { has(key: string): boolean };
  readonly sendWarnings: boolean;
  /** The time a ban's end is counted from (a real run counts from when it sends). */
  readonly now?: () => Date;
  readonly onPlanned?: (planned: PlannedRequest) => void;
  readonly onDecision?: (report: DecisionReport) => void;
}

export function dryRunDecisions(options: DryRunOptions): ApplySummary {
  const now = (options.now ?? (() => new Date()))();
  const reports: DecisionReport[] = [];
  let requestsSent = 0;
  let reportsResolved = 0;
  let reportsAlreadyResolved = 0;
  for (const plan of planApply(options.decisions, options.applied, options.sendWarnings)) {
    let sent = 0;
    let already = 0;
    for (const { request, alreadyApplied } of plan.steps) {
      for (const api of options.apiVersions) {
        const outgoing = forApi(request, api, now);
        options.onPlanned?.({
          commentId: plan.decision.commentId,
          action: plan.decision.action,
          api,
          url: new URL(outgoing.path, options.origin).href,
          request: outgoing,
          alreadyApplied,
          banDays: 'banDays' in request ? (request.banDays ?? null) : null,
        });
      }
      if (alreadyApplied) already++;
      else sent++;
      if (isReportResolution(request)) {
        if (alreadyApplied) reportsAlreadyResolved++;
        else reportsResolved++;
      }
    }
    requestsSent += sent;
    const entry = plan.skip !== null ? plainReport(plan, 'skipped', plan.skip) : stepsReport(plan, sent, already);
    reports.push(entry);
    options.onDecision?.(entry);
  }
  return summarise(reports, {
    requestsSent,
    reportsResolved,
    reportsAlreadyResolved,
    stoppedBy: null,
    aborted: false,
  });
}
