/**
 * JSON files with located, one-line errors: a syntax error names
 * `file:line:column`, a shape error names the JSON path (`file: $.a[3].b`).
 * Every JSON input (dumps, rules, decisions files) goes through here so all
 * three locate problems the same way.
 */
import type { z } from 'zod';
import { InputError, jsonPath } from '../errors.js';
import { findJsonSyntaxError, lineColumnAt, offsetFromEngineMessage } from './json-position.js';
import { readTextFile } from './read-text.js';

/** `JSON.parse` with a leading BOM allowed; a syntax error becomes an InputError at `file:line:column`. */
export function parseJsonText(text: string, file: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (error) {
    // V8 gives no offset for the commonest errors: re-scan on the error path only.
    const problem = findJsonSyntaxError(body);
    const message = error instanceof Error ? error.message : String(error);
    const offset = problem?.offset ?? offsetFromEngineMessage(message, body) ?? 0;
    const { line, column } = lineColumnAt(body, offset);
    throw new InputError(`${file}:${line}:${column}`, `invalid JSON: ${problem?.reason ?? message.split('\n', 1)[0]}`);
  }
}

/** Validates parsed JSON; the error names the first problem's JSON path and, if given, a hint. */
export function validateJson<S extends z.ZodType>(schema: S, data: unknown, file: string, hint?: string): z.output<S> {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new InputError(
    `${file}: ${jsonPath(issue.path)}`,
    hint === undefined ? issue.message : `${issue.message} ${hint}`,
  );
}

/** Reads, parses and validates a JSON file. */
export async function readJsonFile<S extends z.ZodType>(schema: S, file: string, hint?: string): Promise<z.output<S>> {
  return validateJson(schema, parseJsonText(await readTextFile(file), file), file, hint);
}
