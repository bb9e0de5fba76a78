/**
 * JSON Lines read against a zod schema, one value per non-blank line, for the
 * labelled data that `eval` and `train` read. Every error names `file:line`
 * and, for a value of the wrong shape, the JSON path inside that line.
 */
import type { z } from 'zod';
import { InputError, jsonPath } from '../errors.js';

export interface JsonLine<T> {
  /** 1-based, as editors count. */
  readonly lineNo: number;
  readonly value: T;
}

/** Yields each non-blank line's value; `expected` is added to shape errors to say what a line should hold. */
export function* jsonLines<T>(text: string, file: string, schema: z.ZodType<T>, expected = ''): Generator<JsonLine<T>> {
  const lines = text.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const lineNo = index + 1;
    const line = (index === 0 ? lines[index]!.replace(/^\uFEFF/, '') : lines[index]!).trim();
    if (line === '') continue;
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch (error) {
      throw new InputError(
        `${file}:${lineNo}`,
        `invalid JSON: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`,
      );
    }
    const parsed = schema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const hint = expected ? ` (expected ${expected})` : '';
      throw new InputError(`${file}:${lineNo}`, `${jsonPath(issue.path)}: ${issue.message}${hint}`);
    }
    yield { lineNo, value: parsed.data };
  }
}
