/** Reads a decisions file (`threadmod export`) for `apply`, with located one-line errors. */
import { readJsonFile } from '../io/json.js';
import { DecisionsFile } from './schema.js';

export async function loadDecisions(file: string): Promise<DecisionsFile> {
  return readJsonFile(DecisionsFile, file, '(is this a threadmod decisions file?)');
}
