/**
 * Labelled comments for evaluation: JSON Lines, one
 * `{"id": string, "text": string, "attack": boolean}` per line (other fields
 * ignored). Blank lines are skipped; errors name `file:line`.
 */
import { z } from 'zod';
import { InputError, jsonPath } from '../errors.js';
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
  const lines = text.split('\n');
  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    const line = (index === 0 ? raw.replace(/^\uFEFF/, '') : raw).trim();
    if (line === '') return;
    let data: unknown;
    try {
      data = JSON.parse(line);
    } catch (error) {
      throw new InputError(
        `${file}:${lineNo}`,
        `invalid JSON: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`,
      );
    }
    const parsed = LabelledLine.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new InputError(`${file}:${lineNo}`, `${jsonPath(issue.path)}: ${issue.message}`);
    }
    const first = seen.get(parsed.data.id);
    if (first !== undefined)
      throw new InputError(`${file}:${lineNo}`, `duplicate id '${parsed.data.id}' (first on line ${first})`);
    seen.set(parsed.data.id, lineNo);
    out.push({ id: parsed.data.id, text: parsed.data.text, attack: parsed.data.attack });
  });
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
