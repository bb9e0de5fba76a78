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
});
export type ConnectionOptions = z.infer<typeof ConnectionOptions>;

/** Options that would put a token into argv, where `ps` and shell history show it. */
const TOKEN_ARGUMENTS = ['token', 'jwt', 'auth-token'] as const;

export function addConnectionOptions(command: Command): Command {
  command
    .option('--token-file <file>', `read the login token (JWT) from this file instead of ${TOKEN_ENV}`)
    .option('--timeout <seconds>', 'give up on an attempt after this long', '30')
    .option('--retries <n>', 'retries after network errors, timeouts, 5xx and 429', '4');
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

export function retryPolicyFrom(options: ConnectionOptions): Partial<RetryPolicy> {
  return { timeoutMs: Math.round(options.timeout * 1000), attempts: options.retries + 1 };
}
