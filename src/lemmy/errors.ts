/**
 * Why a request to a Lemmy instance failed, sorted by what the caller should
 * do next: stop (auth), report and go on (api, not-found), or give up for now
 * (unreachable). Each is a one-line UserError for the CLI.
 */
import { UserError } from '../errors.js';

export type LemmyFailure =
  /** 401/403 or a Lemmy login error: no later request can succeed either. */
  | 'auth'
  /** 404, or Lemmy's `couldnt_find_*` / `not_found`. */
  | 'not-found'
  /** Any other refusal by Lemmy (4xx with an error code). */
  | 'api'
  /** Timeouts, refused or dropped connections and 5xx, after every retry. */
  | 'unreachable'
  /** An answer that is not Lemmy's: a redirect, HTML, a body of the wrong shape. */
  | 'bad-response';

/** Lemmy error codes that mean the login is missing, wrong or not allowed to moderate. */
const AUTH_CODES = new Set([
  'not_logged_in',
  'incorrect_login',
  'not_a_moderator',
  'not_a_mod_or_admin',
  'not_an_admin',
  'site_ban',
]);

export function failureFor(status: number, lemmyError: string | null): LemmyFailure {
  if (status === 401 || status === 403 || (lemmyError !== null && AUTH_CODES.has(lemmyError))) return 'auth';
  if (status === 404 || (lemmyError !== null && /^(couldnt_find_|not_found$)/.test(lemmyError))) return 'not-found';
  if (status >= 500) return 'unreachable';
  return lemmyError !== null ? 'api' : 'bad-response';
}

export class LemmyRequestError extends UserError {
  override readonly name = 'LemmyRequestError';
  constructor(
    /** `GET https://host/api/v3/post?id=1` */
    readonly request: string,
    /** What went wrong, without the request: `HTTP 404 (couldnt_find_post)`. */
    readonly detail: string,
    readonly failure: LemmyFailure,
    /** HTTP status, or null when no answer came. */
    readonly status: number | null = null,
    /** Lemmy's `error` code from the body, e.g. `couldnt_find_post`. */
    readonly lemmyError: string | null = null,
  ) {
    super(`${request}: ${detail}`);
  }
}
