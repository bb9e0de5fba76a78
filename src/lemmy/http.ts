/**
 * JSON over HTTP to one Lemmy instance, politely and robustly: a timeout per
 * attempt, bounded retries with backoff and jitter on network errors and 5xx,
 * `Retry-After` honoured on 429/503, a User-Agent naming threadmod, and every
 * answer checked by a zod schema. The token goes only into the Authorization
 * header and is scrubbed from every message this module produces.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type { z } from 'zod';
import { jsonPath } from '../errors.js';
import { VERSION } from '../version.js';
import { LemmyRequestError, failureFor, type LemmyFailure } from './errors.js';
import {
  DEFAULT_RETRY_POLICY,
  RATE_LIMIT_BACKOFF_FACTOR,
  backoffDelay,
  parseRetryAfter,
  type RetryPolicy,
} from './retry-policy.js';
import type { Secret } from './secret.js';

/** What the client needs from the outside world; tests replace the clock and the waiting. */
export interface HttpDeps {
  readonly fetch: typeof globalThis.fetch;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  readonly random: () => number;
  readonly now: () => number;
}

export const DEFAULT_HTTP_DEPS: HttpDeps = {
  fetch: (input, init) => globalThis.fetch(input, init),
  sleep: (ms, signal) => delay(ms, undefined, { signal }),
  random: Math.random,
  now: Date.now,
};

/**
 * Largest answer read from a server. A page of 50 comment views is about
 * 100 KB; an answer that goes on past this is not Lemmy's, and reading it
 * whole would exhaust memory.
 */
export const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

export const USER_AGENT = `threadmod/${VERSION} (Lemmy thread moderation CLI)`;

/** Told before each wait, so the CLI can say why it is quiet. */
export interface RetryNotice {
  /** `GET https://host/api/v3/post?id=1` */
  readonly request: string;
  /** 1 for the first retry. */
  readonly retry: number;
  readonly delayMs: number;
  readonly reason: string;
  /** True when the wait is what the server asked for (Retry-After). */
  readonly serverAsked: boolean;
}

export interface LemmyHttpOptions {
  /** `https://host[:port]`, as from `parseInstance`. */
  readonly origin: string;
  /** Sent as `Authorization: Bearer`; redirects are then refused rather than followed. */
  readonly token?: Secret | null;
  readonly policy?: Partial<RetryPolicy>;
  readonly deps?: Partial<HttpDeps>;
  readonly userAgent?: string;
  readonly onRetry?: (notice: RetryNotice) => void;
  /** Aborts the request in flight and any wait (Ctrl-C, tests). */
  readonly signal?: AbortSignal;
}

export interface RequestSpec<T> {
  readonly method: 'GET' | 'POST' | 'PUT';
  /** `/api/v3/post` */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | undefined>>;
  readonly body?: unknown;
  /** Checks the JSON answer; without one any 2xx is success and the body is not read as JSON. */
  readonly schema?: z.ZodType<T>;
  /**
   * False for requests that must not run twice (creating a comment): those are
   * retried only when the server certainly did not act on them.
   */
  readonly repeatable?: boolean;
}

export interface JsonAnswer<T> {
  readonly status: number;
  /** The value the schema returned. */
  readonly data: T;
  /** The JSON exactly as received (all fields, in the server's order). */
  readonly raw: unknown;
}

type Attempt<T> =
  | { readonly done: JsonAnswer<T> }
  | {
      readonly done?: undefined;
      readonly reason: string;
      readonly failure: LemmyFailure;
      readonly status: number | null;
      readonly lemmyError: string | null;
      readonly retryable: boolean;
      /** The server cannot have acted on the request (refused connection, 429). */
      readonly notSent: boolean;
      readonly retryAfterMs: number | null;
    };

export class LemmyHttp {
  readonly origin: string;
  readonly #token: Secret | null;
  readonly #policy: RetryPolicy;
  readonly #deps: HttpDeps;
  readonly #userAgent: string;
  readonly #onRetry: ((notice: RetryNotice) => void) | undefined;
  readonly #signal: AbortSignal | undefined;
  /** When the last attempt started, for pacing; null before the first. */
  #lastStart: number | null = null;

  constructor(options: LemmyHttpOptions) {
    this.origin = options.origin;
    this.#token = options.token ?? null;
    this.#policy = { ...DEFAULT_RETRY_POLICY, ...options.policy };
    this.#deps = { ...DEFAULT_HTTP_DEPS, ...options.deps };
    this.#userAgent = options.userAgent ?? USER_AGENT;
    this.#onRetry = options.onRetry;
    this.#signal = options.signal;
  }

  get<T>(path: string, query: RequestSpec<T>['query'], schema: z.ZodType<T>): Promise<JsonAnswer<T>> {
    return this.request({ method: 'GET', path, query, schema });
  }

  async request<T>(spec: RequestSpec<T>): Promise<JsonAnswer<T>> {
    const url = this.url(spec.path, spec.query);
    const label = `${spec.method} ${url}`;
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.#attempt(spec, url, label);
      if (outcome.done) return outcome.done;
      const mayRetry = outcome.retryable && (spec.repeatable !== false || outcome.notSent);
      if (!mayRetry || attempt >= this.#policy.attempts) {
        const tries = attempt > 1 ? ` (gave up after ${attempt} attempts)` : '';
        throw new LemmyRequestError(
          this.#redact(label),
          this.#redact(`${outcome.reason}${tries}`),
          outcome.failure,
          outcome.status,
          outcome.lemmyError,
        );
      }
      const serverAsked = outcome.retryAfterMs !== null;
      const base =
        outcome.status === 429 ? this.#policy.baseDelayMs * RATE_LIMIT_BACKOFF_FACTOR : this.#policy.baseDelayMs;
      const wait = serverAsked
        ? Math.min(outcome.retryAfterMs, this.#policy.maxRetryAfterMs)
        : backoffDelay(attempt, { ...this.#policy, baseDelayMs: base }, this.#deps.random);
      this.#onRetry?.({
        request: this.#redact(label),
        retry: attempt,
        delayMs: wait,
        reason: this.#redact(outcome.reason),
        serverAsked,
      });
      await this.#deps.sleep(wait, this.#signal);
    }
  }

  url(path: string, query?: RequestSpec<unknown>['query']): string {
    const url = new URL(path, this.origin);
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return url.toString();
  }

  async #attempt<T>(spec: RequestSpec<T>, url: string, label: string): Promise<Attempt<T>> {
    await this.#pace();
    const timeout = AbortSignal.timeout(this.#policy.timeoutMs);
    const signal = this.#signal ? AbortSignal.any([timeout, this.#signal]) : timeout;
    const headers: Record<string, string> = { 'User-Agent': this.#userAgent, Accept: 'application/json' };
    if (spec.body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.#token !== null) headers.Authorization = `Bearer ${this.#token.reveal()}`;

    let response: Response;
    let text: string;
    try {
      response = await this.#deps.fetch(url, {
        method: spec.method,
        headers,
        body: spec.body === undefined ? undefined : JSON.stringify(spec.body),
        signal,
        // A redirect could carry the token to another host; with a token, stop and say where it points.
        redirect: this.#token !== null ? 'manual' : 'follow',
      });
      const body = await readLimited(response, MAX_RESPONSE_BYTES);
      if (body === null) {
        return failed(
          `the answer is larger than ${MAX_RESPONSE_BYTES / (1024 * 1024)} MB; stopped reading it (not a Lemmy answer)`,
          {
            status: response.status,
            failure: 'bad-response',
          },
        );
      }
      text = body;
    } catch (error) {
      if (this.#signal?.aborted) throw this.#signal.reason ?? error;
      if (timeout.aborted) return failed(`no answer within ${seconds(this.#policy.timeoutMs)}`, { retryable: true });
      const { reason, code } = networkReason(error);
      // A host name that does not resolve will not start resolving in the next minute.
      return failed(reason, {
        retryable: code !== 'ENOTFOUND',
        notSent: code === 'ECONNREFUSED' || code === 'ENOTFOUND',
      });
    }

    const { status } = response;
    if (status >= 200 && status < 300) {
      if (spec.schema === undefined) return { done: { status, data: undefined as T, raw: undefined } };
      return { done: { status, ...this.#read(spec.schema, text, label) } };
    }
    if (status >= 300 && status < 400) {
      const location = response.headers.get('location');
      const target = location === null ? 'elsewhere' : resolveLocation(location, url);
      const advice = target.startsWith('an invalid address') ? '' : '; use that address instead';
      return failed(`redirected to ${target}${advice}`, { status, failure: 'bad-response' });
    }
    const lemmyError = lemmyErrorCode(text);
    const reason = `HTTP ${status}${lemmyError !== null ? ` (${lemmyError})` : ''}`;
    if (status === 429 || status === 503) {
      const retryAfterMs = parseRetryAfter(response.headers.get('retry-after'), this.#deps.now());
      return failed(reason, { status, lemmyError, retryable: true, notSent: status === 429, retryAfterMs });
    }
    if (status >= 500) return failed(reason, { status, lemmyError, retryable: true });
    return failed(reason, { status, lemmyError, failure: failureFor(status, lemmyError) });
  }

  /** Parses and checks a 2xx body. Neither a cut-off body nor a wrong shape gets better by asking again. */
  #read<T>(schema: z.ZodType<T>, text: string, label: string): { data: T; raw: unknown } {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      const detail = text.trimStart().startsWith('<')
        ? 'the answer is an HTML page, not JSON'
        : `the answer is not valid JSON (${Buffer.byteLength(text)} bytes, cut short?): ${error instanceof Error ? error.message : String(error)}`;
      throw new LemmyRequestError(this.#redact(label), this.#redact(detail), 'bad-response', 200);
    }
    const result = schema.safeParse(raw);
    if (!result.success) {
      const issue = result.error.issues[0];
      const where = issue ? jsonPath(issue.path) : '$';
      throw new LemmyRequestError(
        this.#redact(label),
        this.#redact(`not the answer Lemmy gives: ${where}: ${issue?.message ?? 'invalid'}`),
        'bad-response',
        200,
      );
    }
    return { data: result.data, raw };
  }

  /** Waits until `minIntervalMs` has passed since the last attempt started. */
  async #pace(): Promise<void> {
    if (this.#lastStart !== null) {
      const wait = this.#lastStart + this.#policy.minIntervalMs - this.#deps.now();
      if (wait > 0) await this.#deps.sleep(wait, this.#signal);
    }
    this.#lastStart = this.#deps.now();
  }

  #redact(text: string): string {
    return this.#token === null ? text : this.#token.redact(text);
  }
}

/** Where a redirect points; a Location that is not a URL is named, not thrown (it is the server's text). */
function resolveLocation(location: string, base: string): string {
  try {
    return new URL(location, base).toString();
  } catch {
    return `an invalid address (${JSON.stringify(location.slice(0, 200))})`;
  }
}

/** The body as text, or null once it passes `limit` bytes (the rest is not read). */
async function readLimited(response: Response, limit: number): Promise<string | null> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel().catch(() => undefined);
    return null;
  }
  if (response.body === null) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return new TextDecoder().decode(Buffer.concat(chunks, total));
}

function failed<T>(
  reason: string,
  options: {
    status?: number;
    lemmyError?: string | null;
    failure?: LemmyFailure;
    retryable?: boolean;
    notSent?: boolean;
    retryAfterMs?: number | null;
  },
): Attempt<T> {
  return {
    reason,
    failure: options.failure ?? 'unreachable',
    status: options.status ?? null,
    lemmyError: options.lemmyError ?? null,
    retryable: options.retryable ?? false,
    notSent: options.notSent ?? false,
    retryAfterMs: options.retryAfterMs ?? null,
  };
}

/** Lemmy answers errors as `{"error": "couldnt_find_post"}` (0.19) or with a `message` too (1.0). */
function lemmyErrorCode(text: string): string | null {
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body === 'object' && body !== null && 'error' in body && typeof body.error === 'string') {
      return /^[a-z0-9_]{1,80}$/.test(body.error) ? body.error : null;
    }
  } catch {
    // Not JSON (an HTML error page): the status says enough.
  }
  return null;
}

function networkReason(error: unknown): { reason: string; code: string | null } {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  const code = typeof cause?.code === 'string' ? cause.code : null;
  switch (code) {
    case 'ECONNREFUSED':
      return { reason: 'connection refused', code };
    case 'ENOTFOUND':
      return { reason: 'host not found', code };
    case 'ECONNRESET':
    case 'UND_ERR_SOCKET':
    case 'EPIPE':
      return { reason: 'the server closed the connection', code };
    case 'UND_ERR_CONNECT_TIMEOUT':
    case 'ETIMEDOUT':
      return { reason: 'could not connect (timed out)', code };
    default: {
      const message =
        typeof cause?.message === 'string' ? cause.message : error instanceof Error ? error.message : String(error);
      return { reason: `network error: ${message.split('\n', 1)[0]}`, code };
    }
  }
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${(ms / 1000).toFixed(1)} s`;
}
