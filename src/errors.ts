/**
 * Errors that reach the user. Anything thrown as a `UserError` is printed as
 * one line (no stack) by `src/cli/report-error.ts` and exits with its code.
 */

/** Exit codes: 2 for bad input, a missing model or bad usage; 1 for anything unexpected. */
export const EXIT_BAD_INPUT = 2;

export class UserError extends Error {
  override readonly name: string = 'UserError';
  constructor(
    message: string,
    readonly exitCode: number = EXIT_BAD_INPUT,
  ) {
    super(message);
  }
}

/**
 * Bad input at a known place. `where` is `file:line` for text, or
 * `file: $.comments[3].comment.path` for JSON.
 */
export class InputError extends UserError {
  override readonly name = 'InputError';
  constructor(
    readonly where: string,
    readonly detail: string,
  ) {
    super(`${where}: ${detail}`);
  }
}

/** Formats a JSON path the way jq and JSON Schema tools print it: `$.a[3].b`. */
export function jsonPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '$';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) out += `.${key}`;
    else out += `[${JSON.stringify(String(key))}]`;
  }
  return out;
}
