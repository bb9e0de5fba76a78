/**
 * How long to wait before trying a request again: exponential backoff with
 * jitter for failures, the server's own `Retry-After` for 429 and 503.
 * Pure functions; the clock and the dice are passed in so tests need no waiting.
 */

export interface RetryPolicy {
  /** Per attempt, headers and body together. */
  readonly timeoutMs: number;
  /** Attempts per request, the first included. */
  readonly attempts: number;
  /** Backoff before the first retry; doubles with each further retry. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** A server asking for a longer pause gets this much, then the request is tried again. */
  readonly maxRetryAfterMs: number;
  /**
   * Least time between the starts of two requests. Lemmy's default rate
   * limit for API calls is 180 a minute per IP; 350 ms keeps a long fetch
   * under it instead of running into 429s.
   */
  readonly minIntervalMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  timeoutMs: 30_000,
  attempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 120_000,
  minIntervalMs: 350,
};

/**
 * Lemmy's rate limiter answers 429 without a Retry-After; its windows last a
 * minute, so such a 429 backs off from ten times the usual step.
 */
export const RATE_LIMIT_BACKOFF_FACTOR = 10;

/**
 * Delay before retry number `retry` (1 for the first retry): half of the
 * exponential step fixed, half random ("equal jitter"), so that clients that
 * failed together do not come back together, yet each waits a sure minimum.
 */
export function backoffDelay(retry: number, policy: RetryPolicy, random: () => number): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

/**
 * `Retry-After` in milliseconds from `now`: delta-seconds or an HTTP date
 * (RFC 9110 section 10.2.3). Null when absent or unreadable; never negative.
 */
export function parseRetryAfter(header: string | null, now: number): number | null {
  if (header === null) return null;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  // An HTTP date always names a weekday and a month; Date.parse alone would take "2024" or "-1".
  if (!/[A-Za-z]{3}/.test(value)) return null;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
