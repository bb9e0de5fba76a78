/**
 * Scores kept on disk so a second run over the same thread needs no model.
 * One append-only JSONL file per model identity (a hash of the actual model
 * files), one line per sentence: `{"k": sha256(text), "p": [p(true) x 7]}`.
 * Appends of whole lines from several processes interleave safely enough;
 * a torn or foreign line is skipped on read.
 */
import { createHash } from 'node:crypto';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { LABELS } from '../labels.js';
import { errnoCode } from '../../io/errno.js';

export type TrueProbabilities = readonly number[];

export class ScoreCache {
  private writable = true;

  private constructor(
    /** The JSONL file. */
    readonly file: string,
    private readonly entries: Map<string, TrueProbabilities>,
    private readonly onWarning: (msg: string) => void,
  ) {}

  /** Loads the cache for `modelIdentity` from `dir` (missing file = empty cache). */
  static async open(
    dir: string,
    modelIdentity: string,
    onWarning: (msg: string) => void = () => {},
  ): Promise<ScoreCache> {
    const file = path.join(dir, `toxicity-${modelIdentity.slice(0, 32)}.jsonl`);
    const entries = new Map<string, TrueProbabilities>();
    let text = '';
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      // No file yet (or no folder): an empty cache. Writing will say if the place is unusable.
      const code = errnoCode(error);
      if (code !== 'ENOENT' && code !== 'ENOTDIR') onWarning(`score cache ${file} unreadable, starting empty`);
    }
    for (const line of text.split('\n')) {
      const entry = parseLine(line);
      if (entry) entries.set(entry.k, entry.p);
    }
    return new ScoreCache(file, entries, onWarning);
  }

  /** The cache key of a sentence. */
  static key(text: string): string {
    return createHash('sha256').update(text, 'utf8').digest('hex');
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): TrueProbabilities | undefined {
    return this.entries.get(key);
  }

  /** Remembers and appends new entries; a cache that cannot be written is a warning, not an error. */
  async add(batch: ReadonlyArray<readonly [string, TrueProbabilities]>): Promise<void> {
    const lines: string[] = [];
    for (const [k, p] of batch) {
      if (this.entries.has(k)) continue;
      this.entries.set(k, p);
      lines.push(JSON.stringify({ k, p }));
    }
    if (!this.writable || lines.length === 0) return;
    try {
      await mkdir(path.dirname(this.file), { recursive: true });
      // The leading newline ends a line torn by a crashed writer, so ours are never glued to it.
      await appendFile(this.file, `\n${lines.join('\n')}\n`, 'utf8');
    } catch (error) {
      this.writable = false;
      this.onWarning(
        `score cache ${this.file} not writable (${(error as Error).message.split('\n')[0]}); scores will not be kept`,
      );
    }
  }
}

function parseLine(line: string): { k: string; p: TrueProbabilities } | null {
  if (!line) return null;
  try {
    const value = JSON.parse(line) as { k?: unknown; p?: unknown };
    const { k, p } = value;
    if (typeof k !== 'string' || !/^[0-9a-f]{64}$/.test(k)) return null;
    if (!Array.isArray(p) || p.length !== LABELS.length) return null;
    if (!p.every((x) => typeof x === 'number' && x >= 0 && x <= 1)) return null;
    return { k, p: p as number[] };
  } catch {
    return null;
  }
}
