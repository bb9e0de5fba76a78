/** Reads a decisions file (`threadmod export`) for `apply`, with located one-line errors. */
import { DecisionsFile } from '../decisions/schema.js';
import { InputError, jsonPath } from '../errors.js';
import { findJsonSyntaxError, lineColumnAt, offsetFromEngineMessage } from '../parse/json-position.js';
import { readTextFile } from '../parse/read-text.js';

export async function loadDecisions(file: string): Promise<DecisionsFile> {
  const text = (await readTextFile(file)).replace(/^\uFEFF/, '');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const problem = findJsonSyntaxError(text);
    const { line, column } = lineColumnAt(text, problem?.offset ?? offsetFromEngineMessage(message, text) ?? 0);
    throw new InputError(`${file}:${line}:${column}`, `invalid JSON: ${problem?.reason ?? message.split('\n', 1)[0]}`);
  }
  const result = DecisionsFile.safeParse(data);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new InputError(`${file}: ${jsonPath(issue.path)}`, `${issue.message} (is this a threadmod decisions file?)`);
  }
  return result.data;
}
