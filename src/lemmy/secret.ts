/**
 * The login token (a JWT). It only ever comes from the environment or a file,
 * never from argv (visible in `ps` and shell history), and it is wrapped so
 * that printing, logging or serializing it by mistake shows `[redacted]`.
 */
import { readFile } from 'node:fs/promises';
import { inspect } from 'node:util';
import { InputError, UserError } from '../errors.js';
import { errnoCode } from '../io/errno.js';

export const TOKEN_ENV = 'LEMMY_JWT';
const REDACTED = '[redacted]';

export class Secret {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  /** The token itself; call only where it goes into the Authorization header. */
  reveal(): string {
    return this.#value;
  }
  /** Replaces every occurrence of the token in `text`. */
  redact(text: string): string {
    return this.#value.length === 0 ? text : text.split(this.#value).join(REDACTED);
  }
  toString(): string {
    return REDACTED;
  }
  toJSON(): string {
    return REDACTED;
  }
  [inspect.custom](): string {
    return REDACTED;
  }
}

/**
 * The token from `--token-file` (first) or `LEMMY_JWT`, or null when neither
 * is given. The file may end with a newline; anything else that cannot be in
 * an HTTP header is refused without echoing the content.
 */
export async function readToken(
  tokenFile: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Secret | null> {
  if (tokenFile !== undefined) {
    let text: string;
    try {
      text = await readFile(tokenFile, 'utf8');
    } catch (error) {
      const code = errnoCode(error);
      if (code === 'ENOENT') throw new InputError(tokenFile, 'no such file (--token-file)');
      if (code === 'EISDIR') throw new InputError(tokenFile, 'is a directory, not a token file');
      if (code === 'EACCES' || code === 'EPERM') throw new InputError(tokenFile, 'permission denied (--token-file)');
      throw error;
    }
    return checked(text.trim(), `token file ${tokenFile}`);
  }
  const fromEnv = env[TOKEN_ENV];
  if (fromEnv === undefined || fromEnv.trim() === '') return null;
  return checked(fromEnv.trim(), TOKEN_ENV);
}

function checked(token: string, source: string): Secret {
  if (token === '') throw new UserError(`${source} is empty`);
  // Header values cannot hold control characters or spaces, and fetch would
  // quote the whole value in its error message.
  if (!/^[\x21-\x7e]+$/.test(token)) {
    throw new UserError(
      `${source} does not hold a single token: it contains spaces, line breaks or non-ASCII characters`,
    );
  }
  return new Secret(token);
}
