/**
 * `<decisions>.applied.jsonl`: one line per request Lemmy accepted, appended
 * and fsynced before the next request goes out. A re-run after a crash or a
 * network failure reads it and sends nothing twice.
 *
 * The one window left is a request Lemmy carried out whose answer never
 * arrived (or arrived as the process died): it is sent again on the re-run.
 * For remove, restore and ban that is harmless (they set a state); a warning
 * reply is the only request that could then appear twice.
 */
import { open, readFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { InputError } from '../errors.js';
import { acquireJournalLock, refuseSymlink } from '../decisions/journal-lock.js';
import { fsyncDirectory } from '../io/atomic-write.js';
import { isMissing } from '../io/errno.js';

export const AppliedLine = z.object({
  /** `requestKey` of the request as written in the decisions file. */
  key: z.string().regex(/^[0-9a-f]{64}$/),
  /** ISO time Lemmy's answer arrived. */
  at: z.string(),
  /** The instance's origin. */
  instance: z.string(),
  /** The decision's comment id (as in the decisions file). */
  commentId: z.string(),
  method: z.enum(['POST', 'PUT']),
  /** The path actually sent (v4 paths on Lemmy 1.0). */
  path: z.string(),
  status: z.int(),
});
export type AppliedLine = z.infer<typeof AppliedLine>;

export function appliedRecordPath(decisionsFile: string): string {
  return `${decisionsFile}.applied.jsonl`;
}

export class AppliedRecord {
  readonly file: string;
  readonly #keys: Set<string>;
  #handle: FileHandle | null = null;
  /** The file ends mid-line (a write cut by a crash): the next line must start on a fresh one. */
  #needsNewline: boolean;
  /** Releases the one-writer lock, when this record holds it. */
  #release: (() => Promise<void>) | null = null;

  private constructor(file: string, keys: Set<string>, needsNewline: boolean) {
    this.file = file;
    this.#keys = keys;
    this.#needsNewline = needsNewline;
  }

  /**
   * Takes the record's one-writer lock (as the decisions journal does), then
   * reads it: two `apply` runs on one decisions file would each send what the
   * other has not recorded yet. A second run is refused in one line naming the first.
   */
  static async openForWriting(file: string): Promise<AppliedRecord> {
    await refuseSymlink(file);
    const release = await acquireJournalLock(file, 'threadmod apply');
    try {
      const record = await AppliedRecord.load(file);
      record.#release = release;
      return record;
    } catch (error) {
      await release();
      throw error;
    }
  }

  /** Reads the record if there is one. A last line cut short by a crash is ignored; any other bad line is an error. */
  static async load(file: string): Promise<AppliedRecord> {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if (isMissing(error)) return new AppliedRecord(file, new Set(), false);
      throw error;
    }
    const keys = new Set<string>();
    const lines = text.split('\n');
    const complete = text.endsWith('\n') || text === '';
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i]!;
      if (line.trim() === '') continue;
      const torn = i === lines.length - 1 && !complete;
      let parsed: unknown;
      try {
        parsed = JSON.parse(line);
      } catch {
        if (torn) continue;
        throw new InputError(
          `${file}:${i + 1}`,
          'not a JSON line; the applied-record is damaged (move it away to start over)',
        );
      }
      const entry = AppliedLine.safeParse(parsed);
      if (!entry.success) {
        if (torn) continue;
        throw new InputError(
          `${file}:${i + 1}`,
          'not an applied-record line (expected {key, at, instance, commentId, method, path, status})',
        );
      }
      keys.add(entry.data.key);
    }
    return new AppliedRecord(file, keys, !complete);
  }

  has(key: string): boolean {
    return this.#keys.has(key);
  }

  get size(): number {
    return this.#keys.size;
  }

  /** Appends one line and waits until it is on disk. */
  async append(entry: AppliedLine): Promise<void> {
    if (this.#handle === null) {
      this.#handle = await open(this.file, 'a');
      // A new file's directory entry must survive a power cut too.
      await fsyncDirectory(path.dirname(path.resolve(this.file)));
    }
    const prefix = this.#needsNewline ? '\n' : '';
    await this.#handle.write(`${prefix}${JSON.stringify(entry)}\n`);
    await this.#handle.sync();
    this.#needsNewline = false;
    this.#keys.add(entry.key);
  }

  async close(): Promise<void> {
    try {
      await this.#handle?.close();
      this.#handle = null;
    } finally {
      await this.#release?.();
      this.#release = null;
    }
  }
}
