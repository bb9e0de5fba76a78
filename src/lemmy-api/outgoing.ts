/**
 * Turning a decision's Lemmy request (written for API v3 by
 * `./requests.ts`) into what is sent, and naming it by a
 * stable key for the applied-record.
 *
 * v4 (Lemmy 1.0) keeps the moderation routes and bodies threadmod uses under
 * the same names: `comment/remove` {comment_id, removed, reason},
 * `community/ban_user` {community_id, person_id, ban, reason, expires?},
 * `comment` {content, post_id, parent_id}; only the prefix changes. The one
 * renamed field, `remove_data` -> `remove_or_restore_data`, is never in an
 * exported request. `reason`, required by 1.0 on remove and ban, is always
 * present in exported requests. `PUT comment/report/resolve` {report_id,
 * resolved} is the same in both (lemmy-js-client `resolveCommentReport`).
 */
import { createHash } from 'node:crypto';
import type { ApiVersion } from './schema.js';
import { withBanExpiry, type LemmyRequest } from './requests.js';

export interface OutgoingRequest {
  readonly method: 'POST' | 'PUT';
  readonly path: string;
  readonly body: Readonly<Record<string, unknown>>;
}

/** What is sent for `request` on `api` at `now` (a ban's `expires` counts from `now`). */
export function forApi(request: LemmyRequest, api: ApiVersion, now: Date): OutgoingRequest {
  const body: Record<string, unknown> = { ...withBanExpiry(request, now) };
  if (api === 'v3') return { method: request.method, path: request.path, body };
  if ('remove_data' in body) {
    body.remove_or_restore_data = body.remove_data;
    delete body.remove_data;
  }
  return { method: request.method, path: request.path.replace(/^\/api\/v3\//, '/api/v4/'), body };
}

/**
 * SHA-256 of method, path, body and ban length as written in the decisions
 * file (the v3 form, whatever the instance speaks; never the `expires`
 * computed when sending), with object keys sorted: the same request always
 * gets the same key, on any machine, in any run.
 */
export function requestKey(request: LemmyRequest): string {
  const banDays = 'banDays' in request ? request.banDays : undefined;
  return createHash('sha256')
    .update(canonicalJson({ method: request.method, path: request.path, body: request.body, banDays }))
    .digest('hex');
}

/** Creating a comment twice posts it twice; removing or banning twice changes nothing. */
export function isRepeatable(request: LemmyRequest): boolean {
  return request.path !== '/api/v3/comment';
}

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
