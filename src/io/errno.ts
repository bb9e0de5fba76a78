/** Node's system-error codes (`ENOENT`, `EACCES`, ...) read without casting at every catch. */

/** The `code` of a Node system error, or undefined for anything else. */
export function errnoCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : undefined;
}

/** True when `error` is a system error with one of `codes`. */
export function isErrno(error: unknown, ...codes: readonly string[]): boolean {
  const code = errnoCode(error);
  return code !== undefined && codes.includes(code);
}

/** A file or folder that is not there. */
export const isMissing = (error: unknown): boolean => isErrno(error, 'ENOENT');
