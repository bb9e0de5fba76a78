import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { SCHEMAS, renderSchema, schemaPath } from '../../scripts/write-schemas.js';

describe('schema/*.schema.json', () => {
  it.each(SCHEMAS.map((entry) => [entry.file, entry] as const))(
    '%s matches its zod schema (run `npm run schema`)',
    async (_, entry) => {
      const committed = await readFile(schemaPath(entry.file), 'utf8');
      expect(committed).toBe(renderSchema(entry.schema, entry.io));
    },
  );

  it('publishes the decisions file with its required fields and the five actions', async () => {
    const schema = JSON.parse(await readFile(schemaPath('schema/decisions.schema.json'), 'utf8')) as {
      title: string;
      required: string[];
      properties: { decisions: { items: { properties: { action: { enum: string[] } } } } };
    };
    expect(schema.title).toBe('threadmod decisions');
    expect(schema.required).toEqual([
      'version',
      'source',
      'post',
      'moderator',
      'scorer',
      'rules',
      'decisions',
      'summary',
    ]);
    expect(schema.properties.decisions.items.properties.action.enum).toEqual([
      'remove',
      'approve',
      'warn',
      'ban',
      'skip',
    ]);
  });
});
