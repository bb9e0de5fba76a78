/**
 * Writes the JSON Schemas under schema/ from the zod schemas they describe,
 * so the published files can never drift from the code
 * (test/decisions/schema-files.test.ts fails when one is stale).
 * Run with `npm run schema`.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { DecisionsFile } from '../src/decisions/schema.js';
import { RulesFile } from '../src/flag/rules-schema.js';
import { Dump } from '../src/thread/schema.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Each published schema: its file (relative to the repo root) and the zod schema it comes from. */
export const SCHEMAS: ReadonlyArray<{
  readonly file: string;
  readonly schema: z.ZodType;
  readonly io?: 'input' | 'output';
}> = [
  { file: 'schema/decisions.schema.json', schema: DecisionsFile },
  { file: 'schema/thread.schema.json', schema: Dump },
  // People write rules files, so publish what the program accepts.
  { file: 'schema/rules.schema.json', schema: RulesFile, io: 'input' },
];

/** The file's text: the JSON Schema of what the program writes (the zod output type), newline-terminated. */
export function renderSchema(schema: z.ZodType, io: 'input' | 'output' = 'output'): string {
  return `${JSON.stringify(z.toJSONSchema(schema, { io, target: 'draft-2020-12' }), null, 2)}\n`;
}

export function schemaPath(file: string): string {
  return path.join(repoRoot, file);
}

function main(): void {
  for (const { file, schema, io } of SCHEMAS) {
    writeFileSync(schemaPath(file), renderSchema(schema, io));
    process.stdout.write(`wrote ${file}\n`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) main();
