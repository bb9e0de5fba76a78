/**
 * Training examples from the files `threadmod train` accepts:
 * - labelled JSON Lines, `{"text", "attack"}` per line (`id` optional), as
 *   `eval` reads; lines whose `attack` is null carry no label and are skipped
 *   (davidson.jsonl);
 * - thread JSON Lines, `{"id", "thread": [{text, offense_label, offense_targets}]}`
 *   (ToxiChat): each turn is an example, an attack when it is Offensive and
 *   aimed at an individual or the comment's author;
 * - exported decisions files (`threadmod export`) with the dump they were
 *   made on: see decisions.ts.
 *
 * Every example keeps the turns before it when the source has them, for the
 * thread-context experiments.
 */
import path from 'node:path';
import { z } from 'zod';
import { InputError } from '../errors.js';
import { jsonLines } from '../io/json-lines.js';
import { readTextFile } from '../io/read-text.js';

export interface Example {
  readonly id: string;
  readonly text: string;
  readonly attack: boolean;
  /** A short name of the file the example came from ("attacks-train", "olid-train"). */
  readonly source: string;
  /** The comment replied to, when the source is a thread. */
  readonly parent?: string | undefined;
  /** Depth in the thread (0 = top-level reply to the post), when known. */
  readonly depth?: number | undefined;
  /** Whether the parent's author wrote earlier in this branch too (a back-and-forth), when known. */
  readonly parentIsRepeatPartner?: boolean | undefined;
}

export interface ReadResult {
  readonly examples: Example[];
  /** Lines without a usable label (attack null). */
  readonly unlabelled: number;
  /**
   * Lines with no attack label but davidson's `labels.class`, labelled
   * offensive (hate speech or offensive language) or not: usable as an
   * auxiliary base model of general offensiveness, never as attacks.
   */
  readonly offensive: Example[];
}

const Turn = z.object({
  text: z.string(),
  offense_label: z.string().optional(),
  offense_targets: z.array(z.string()).optional(),
});
const Line = z.union([
  z.object({
    id: z.string().min(1).optional(),
    text: z.string(),
    attack: z.boolean().nullable(),
    labels: z.object({ class: z.string().optional() }).loose().optional(),
  }),
  z.object({ id: z.string().min(1), thread: z.array(Turn) }),
]);

/** Targets ToxiChat uses for an attack on a participant. */
const PARTICIPANT_TARGETS = new Set(['individual/redditor', 'comment author']);

export function sourceName(file: string): string {
  return path.basename(file).replace(/\.jsonl?$/i, '');
}

export async function readExamples(file: string): Promise<ReadResult> {
  return parseExamples(await readTextFile(file), file);
}

export function parseExamples(text: string, file: string): ReadResult {
  const source = sourceName(file);
  const examples: Example[] = [];
  const seen = new Map<string, number>();
  let unlabelled = 0;
  const offensive: Example[] = [];
  for (const { lineNo, value } of jsonLines(text, file, Line, '{"text","attack"} or {"id","thread"}')) {
    if ('thread' in value) {
      const turns = value.thread;
      for (let t = 1; t < turns.length; t++) {
        // Turn 0 is the post (title and body); only replies are comments.
        const turn = turns[t]!;
        if (turn.offense_label === undefined) continue;
        const attack =
          turn.offense_label === 'Offensive' &&
          (turn.offense_targets ?? []).some((x) => PARTICIPANT_TARGETS.has(x.trim().toLowerCase()));
        const id = `${value.id}#${t + 1}`;
        addUnique(id, lineNo);
        examples.push({
          id,
          text: turn.text.trim(),
          attack,
          source,
          parent: turns[t - 1]!.text.trim(),
          depth: t - 1,
          // ToxiChat threads are one branch; two turns back is the same
          // author only by chance, but a turn replying to a reply to itself
          // is the back-and-forth the context features look for.
          parentIsRepeatPartner: t >= 3,
        });
      }
      continue;
    }
    const id = value.id ?? `${source}:${lineNo}`;
    if (value.attack === null) {
      unlabelled++;
      const cls = value.labels?.class;
      if (cls !== undefined) offensive.push({ id, text: value.text, attack: cls !== 'neither', source });
      continue;
    }
    addUnique(id, lineNo);
    examples.push({ id, text: value.text, attack: value.attack, source });
  }
  if (examples.length === 0 && offensive.length === 0) throw new InputError(file, 'no labelled examples');
  return { examples, unlabelled, offensive };

  function addUnique(id: string, lineNo: number): void {
    const first = seen.get(id);
    if (first !== undefined) throw new InputError(`${file}:${lineNo}`, `duplicate id '${id}' (first on line ${first})`);
    seen.set(id, lineNo);
  }
}
