/**
 * Labelled comments for evaluation: JSON Lines, one
 * `{"id": string, "text": string, "attack": boolean}` per line (other fields
 * ignored). Blank lines are skipped; errors name `file:line`.
 */
import { z } from 'zod';
import { InputError } from '../errors.js';
import { jsonLines } from '../io/json-lines.js';
import { readTextFile } from '../io/read-text.js';

export interface LabelledComment {
  readonly id: string;
  readonly text: string;
  readonly attack: boolean;
}

const LabelledLine = z.object({ id: z.string().min(1), text: z.string(), attack: z.boolean() });

export async function readLabelled(file: string): Promise<LabelledComment[]> {
  return parseLabelled(await readTextFile(file), file);
}

export function parseLabelled(text: string, file: string): LabelledComment[] {
  const out: LabelledComment[] = [];
  const seen = new Map<string, number>();
  for (const { lineNo, value } of jsonLines(text, file, LabelledLine)) {
    const first = seen.get(value.id);
    if (first !== undefined)
      throw new InputError(`${file}:${lineNo}`, `duplicate id '${value.id}' (first on line ${first})`);
    seen.set(value.id, lineNo);
    out.push({ id: value.id, text: value.text, attack: value.attack });
  }
  if (out.length === 0) throw new InputError(file, 'no labelled comments');
  return out;
}

/**
 * A fixed split into two halves by a hash of the id, for checking that what
 * was tuned on one half holds on the other. Independent of file order.
 */
export function splitHalves<T extends { readonly id: string }>(records: readonly T[]): { tune: T[]; holdout: T[] } {
  const tune: T[] = [];
  const holdout: T[] = [];
  for (const r of records) (fnv1a(r.id) % 2 === 0 ? tune : holdout).push(r);
  return { tune, holdout };
}

function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
