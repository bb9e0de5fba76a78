/**
 * Command-line options shared by `fetch` and `apply`: how patiently to talk
 * to the instance, where the token comes from, and a guard that refuses a
 * token typed on the command line without ever echoing it.
 */
import { type Command, Option } from 'commander';
import { z } from 'zod';
import { UserError } from '../errors.js';
import type { RetryPolicy } from '../lemmy/retry-policy.js';
import { TOKEN_ENV } from '../lemmy/secret.js';

export const ConnectionOptions = z.object({
  /** Seconds per attempt. */
  timeout: z.coerce.number().positive().max(600).default(30),
  /** Retries after the first attempt. */
  retries: z.coerce.number().int().min(0).max(10).default(4),
  tokenFile: z.string().min(1).optional(),
  allowInsecureHttp: z.boolean().default(false),
});
export type ConnectionOptions = z.infer<typeof ConnectionOptions>;

/** Options that would put a token into argv, where `ps` and shell history show it. */
const TOKEN_ARGUMENTS = ['token', 'jwt', 'auth-token'] as const;

export function addConnectionOptions(command: Command): Command {
  command
    .option('--token-file <file>', `read the login token (JWT) from this file instead of ${TOKEN_ENV}`)
    .option('--timeout <seconds>', 'give up on an attempt after this long', '30')
    .option('--retries <n>', 'retries after network errors, timeouts, 5xx and 429', '4')
    .option(
      INSECURE_HTTP_FLAG,
      'send the login token over plain http:// to a host other than this machine (anyone on the way can read it)',
    );
  for (const name of TOKEN_ARGUMENTS) command.addOption(new Option(`--${name} <value>`).hideHelp());
  return command;
}

/** Throws when a token was given as an argument; the message never contains it. */
export function refuseTokenArguments(raw: unknown): void {
  const given = raw as Record<string, unknown>;
  for (const name of TOKEN_ARGUMENTS) {
    const key = name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
    if (given[key] !== undefined) {
      throw new UserError(
        `--${name} is not accepted: a token on the command line is visible to other users and kept in shell history; ` +
          `set ${TOKEN_ENV} or use --token-file (and consider logging out to revoke the token you typed)`,
      );
    }
  }
}

export const INSECURE_HTTP_FLAG = '--allow-insecure-http';

/**
 * Refuses to send the token over cleartext http to another machine: anyone on
 * the path (café Wi-Fi, a proxy) could read it and moderate as the user.
 * Loopback (a tunnel, a local test instance) is fine.
 */
export function refuseCleartextToken(origin: string, allowed: boolean): void {
  const url = new URL(origin);
  if (url.protocol !== 'http:' || allowed || isLoopback(url.hostname)) return;
  throw new UserError(
    `refusing to send the login token to ${url.host} over plain http (anyone on the way could read it); ` +
      `use https://${url.host}, or pass ${INSECURE_HTTP_FLAG} if you accept that`,
  );
}

function isLoopback(hostname: string): boolean {
  const host = hostname.toLowerCase();
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '[::1]' ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)
  );
}

export function retryPolicyFrom(options: ConnectionOptions): Partial<RetryPolicy> {
  return { timeoutMs: Math.round(options.timeout * 1000), attempts: options.retries + 1 };
}
