/**
 * The crash-safe decisions journal: one JSON line per entry, appended and
 * fsynced before the call that made it resolves, so stopping threadmod at any
 * moment (even `kill -9` or a power cut) loses no decision the reviewer saw
 * as made. Reopening replays the lines and the review resumes where it was.
 *
 * Line 1 is an `open` entry naming the dump by SHA-256; then `decide`,
 * `undo` and `redo` entries (see schema.ts). Opened on a later dump of the
 * same thread (re-fetched, copied again), the journal appends a `dump` entry
 * that carries its decisions over by comment identity (redump.ts), so
 * decisions belong to comments, not to one byte-exact dump. A crash can only tear the last
 * line, which is dropped with a warning and cut off before anything is
 * appended; damage anywhere else is reported with its line number.
 */
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { TextDecoder } from 'node:util';
import { InputError, UserError, jsonPath } from '../errors.js';
import type { ScorerInfo } from '../flag/scorer.js';
import type { DumpFormat } from '../thread/schema.js';
import { fsyncDirectory } from '../io/atomic-write.js';
import { MAX_INPUT_BYTES, readRegularFile } from '../io/read-text.js';
import { acquireJournalLock, refuseSymlink } from './journal-lock.js';
import type { IdentityIndex } from './comment-identity.js';
import { describeRedump, dumpRecords, foreignDump, redump, type DumpRecord, type Redump } from './redump.js';
import {
  DecisionInput,
  JOURNAL_VERSION,
  READABLE_JOURNAL_VERSIONS,
  JournalEntry,
  type Decision,
  type JournalDecide,
  type DumpRef,
  type JournalOpen,
  type RulesRef,
} from './schema.js';
import {
  StateError,
  applyEntry,
  emptyState,
  nextRedoBatch,
  nextUndoBatch,
  replay,
  type DecisionState,
} from './state.js';
import { ACTIONS, ACTION_NAMES } from './actions.js';

export { sha256File } from '../io/sha256.js';

/** `<dump>.decisions.jsonl`, beside the dump. */
export function defaultJournalPath(dumpFile: string): string {
  return `${dumpFile}.decisions.jsonl`;
}

export interface JournalOpenOptions {
  readonly path: string;
  readonly dump: { file: string; sha256: string; format: DumpFormat };
  readonly moderator: string;
  readonly scorer: ScorerInfo;
  readonly rules: { file: string | null; ids: string[] };
  /** The clock entries are stamped with; tests pass a fixed one. */
  readonly now?: () => Date;
  /** Who holds the journal, as named to a second session that is refused (default `threadmod review`). */
  readonly command?: string;
  /**
   * The dump's comment identities: decisions record them, and a journal of
   * an earlier dump of the thread is carried over. Without them, a journal
   * of any other dump bytes is refused.
   */
  readonly identities?: IdentityIndex;
}

/** A journal read without changing it. */
export interface JournalContents {
  /** The `open` line, or null when the file holds no complete line. */
  readonly header: JournalOpen | null;
  /** The entries after the `open` line, in file order. */
  readonly entries: readonly JournalEntry[];
  /** The dumps the journal followed (its `open` line, then each `dump` line); empty without a header. */
  readonly dumps: readonly DumpRecord[];
  readonly state: DecisionState;
  /** Bytes up to the end of the last good line; anything after is a torn write. */
  readonly validBytes: number;
  readonly warnings: readonly string[];
}

/**
 * Parses journal bytes. A torn tail (bytes after the last newline, or a last
 * line that is not JSON) is left out with a warning; any other bad line is an
 * InputError at `file:line`.
 */
export function parseJournal(bytes: Uint8Array, file: string): JournalContents {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const entries: JournalEntry[] = [];
  const lines: number[] = [];
  let header: JournalOpen | null = null;
  let start = 0;
  let line = 0;
  let validBytes = 0;
  const warnings: string[] = [];
  while (start < bytes.length) {
    const newline = bytes.indexOf(0x0a, start);
    line++;
    if (newline === -1) {
      warnings.push(tornWarning(file, line, bytes.length - start));
      break;
    }
    const text = decodeLine(decoder, bytes.subarray(start, newline));
    const isLast = newline + 1 === bytes.length;
    const where = `${file}:${line}`;
    if (text !== null && text.trim() === '') {
      // Blank lines carry nothing; tolerate them (a hand edit, say).
      start = newline + 1;
      validBytes = start;
      continue;
    }
    let json: unknown;
    try {
      if (text === null) throw new Error('invalid UTF-8');
      json = JSON.parse(text);
    } catch {
      // A crash can leave a full-length line of garbage (zeros) only at the end.
      if (isLast) {
        warnings.push(tornWarning(file, line, newline + 1 - start));
        break;
      }
      throw new InputError(where, 'not a journal entry (invalid JSON); the journal is damaged');
    }
    const entry = parseEntry(json, where);
    if (header === null) {
      if (entry.type !== 'open')
        throw new InputError(where, 'not a threadmod decisions journal (no "open" line first)');
      if (!READABLE_JOURNAL_VERSIONS.includes(entry.version)) {
        throw new InputError(
          where,
          `journal format version ${entry.version}; this threadmod reads versions ${READABLE_JOURNAL_VERSIONS.join(' and ')}`,
        );
      }
      header = entry;
    } else {
      if (entry.type === 'open') throw new InputError(where, 'a second "open" line; the journal is damaged');
      entries.push(entry);
      lines.push(line);
    }
    start = newline + 1;
    validBytes = start;
  }
  let state: DecisionState;
  try {
    state = replay(entries);
  } catch (error) {
    if (error instanceof StateError && error.index !== null) {
      throw new InputError(`${file}:${lines[error.index]}`, error.message);
    }
    throw error;
  }
  const dumps = header ? dumpRecords(header, entries) : [];
  return { header, entries, dumps, state, validBytes, warnings };
}

/** Reads a journal without repairing it (for `export`). A missing file is a one-line UserError. */
export async function readJournal(file: string): Promise<JournalContents> {
  let bytes: Buffer;
  try {
    bytes = await readRegularFile(file, MAX_INPUT_BYTES);
  } catch (error) {
    if (error instanceof InputError && error.detail === 'no such file')
      throw new InputError(file, 'no such decisions journal');
    if (error instanceof InputError && error.detail.startsWith('is a directory')) {
      throw new InputError(file, 'is a directory, not a decisions journal');
    }
    throw error;
  }
  return parseJournal(bytes, file);
}

/**
 * What opening the journal on `dump` does: nothing (it follows that dump),
 * a carry-over to a later dump of the thread (`Redump`), or a one-line
 * refusal (another thread, or no identities to follow it with).
 */
export function followDump(
  journalFile: string,
  contents: JournalContents,
  dump: DumpRef,
  identities: IdentityIndex | undefined,
): Redump | null {
  const last = contents.dumps.at(-1);
  if (!last) return null;
  if (identities) return redump(journalFile, contents.dumps, contents.state, dump, identities);
  if (last.dump.sha256 !== dump.sha256) throw foreignDump(journalFile, last.dump, dump);
  return null;
}

export class Journal {
  #state: DecisionState;
  #size: number;
  #queue: Promise<unknown> = Promise.resolve();
  #closed = false;
  #broken: Error | null = null;

  private constructor(
    readonly header: JournalOpen,
    private readonly handle: FileHandle,
    private readonly file: string,
    state: DecisionState,
    size: number,
    private readonly now: () => Date,
    private readonly release: () => Promise<void>,
    private readonly identities: IdentityIndex | undefined,
  ) {
    this.#state = state;
    this.#size = size;
  }

  /**
   * Opens the journal at `opts.path`, creating it (with its `open` line) when
   * missing or empty, or replaying it to resume. Refuses a journal of another
   * dump. `warnings` tells of a torn last line that was cut off, or of a
   * session whose moderator, scorer or rules differ from the journal's first.
   */
  static async open(opts: JournalOpenOptions): Promise<{ journal: Journal; warnings: string[] }> {
    const now = opts.now ?? (() => new Date());
    await refuseSymlink(opts.path);
    // One writer: two sessions would both append the next seq and leave a journal nobody can replay.
    const release = await acquireJournalLock(opts.path, opts.command ?? 'threadmod review');
    try {
      return await Journal.#openLocked(opts, now, release);
    } catch (error) {
      await release();
      throw error;
    }
  }

  static async #openLocked(
    opts: JournalOpenOptions,
    now: () => Date,
    release: () => Promise<void>,
  ): Promise<{ journal: Journal; warnings: string[] }> {
    let bytes: Buffer | null = null;
    try {
      bytes = await readRegularFile(opts.path, MAX_INPUT_BYTES);
    } catch (error) {
      if (!(error instanceof InputError && error.detail === 'no such file')) throw error;
    }
    const contents = bytes ? parseJournal(bytes, opts.path) : null;
    const warnings = contents ? contents.warnings.map((w) => `${w}; removed it`) : [];
    let follow: Redump | null = null;
    if (contents?.header) {
      follow = followDump(opts.path, contents, opts.dump, opts.identities);
      warnings.push(...sessionWarnings(opts, contents.header));
    }

    // One handle in append mode: every write lands at the end, whatever else happened to the file.
    // O_NOFOLLOW: a symlink put in place after the check above is refused, not followed.
    const handle = await open(
      opts.path,
      constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW,
      0o644,
    );
    try {
      if (!bytes) await fsyncDirectory(path.dirname(path.resolve(opts.path)));
      const keep = contents?.header ? contents.validBytes : 0;
      if (bytes && keep < bytes.length) {
        await handle.truncate(keep);
        await handle.sync();
      }
      let header = contents?.header ?? null;
      let size = keep;
      let state = contents?.state ?? emptyState();
      if (!header) {
        header = {
          type: 'open',
          version: JOURNAL_VERSION,
          at: now().toISOString(),
          dump: { ...opts.dump },
          moderator: opts.moderator,
          scorer: { name: opts.scorer.name, backend: opts.scorer.backend, model: opts.scorer.model },
          rules: { file: opts.rules.file, ids: [...opts.rules.ids] },
          ...(opts.identities ? { comments: [...opts.identities.shortKeys], posts: [...opts.identities.posts] } : {}),
        };
        size += await writeLines(handle, [header]);
        await handle.sync();
      }
      if (follow) {
        // On disk before any decision is shown on the new dump's comments.
        const entry: JournalEntry = { ...follow.entry, seq: state.lastSeq + 1, at: now().toISOString() };
        const next = applyEntry(state, entry);
        size += await writeLines(handle, [entry]);
        await handle.sync();
        state = next;
        warnings.push(describeRedump(opts.path, opts.dump, follow));
      }
      const journal = new Journal(header, handle, opts.path, state, size, now, release, opts.identities);
      return { journal, warnings };
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  get state(): DecisionState {
    return this.#state;
  }

  get path(): string {
    return this.file;
  }

  /** Records a decision; resolves once it is on disk. */
  async decide(input: DecisionInput): Promise<Decision> {
    const [decision] = await this.decideBatch([input]);
    return decision!;
  }

  /**
   * Records the decisions of one bulk action (several comments, one
   * moderator's choice) as ordinary `decide` entries that share a `batch`,
   * written and fsynced together; resolves to them once on disk. A single
   * input is an ordinary decision, without `batch`.
   */
  decideBatch(inputs: readonly DecisionInput[]): Promise<Decision[]> {
    return this.#enqueue(async () => {
      const first = this.#state.lastSeq + 1;
      const at = this.now().toISOString();
      const entries = inputs.map((input, i): JournalDecide => {
        const decision = checkedDecision(input);
        if (inputs.length > 1) decision.batch = first;
        else delete decision.batch;
        const comment = this.identities?.byId.get(decision.commentId);
        return { type: 'decide', seq: first + i, at, decision, ...(comment ? { comment } : {}) };
      });
      await this.#append(entries);
      return entries.map((e) => this.#state.bySeq.get(e.seq)!);
    });
  }

  /**
   * Reverts the most recent decision in force (with the rest of its batch,
   * for a bulk action); resolves to the most recent one (null when there is
   * none) once on disk.
   */
  undo(): Promise<Decision | null> {
    return this.#enqueue(async () => {
      const targets = nextUndoBatch(this.#state);
      if (targets.length === 0) return null;
      await this.#append(this.#entries('undo', targets));
      return targets[0]!;
    });
  }

  /** Re-applies the most recently undone decision (or batch); resolves to it (null when there is none) once on disk. */
  redo(): Promise<Decision | null> {
    return this.#enqueue(async () => {
      const targets = nextRedoBatch(this.#state);
      if (targets.length === 0) return null;
      await this.#append(this.#entries('redo', targets));
      return targets[0]!;
    });
  }

  #entries(type: 'undo' | 'redo', targets: readonly Decision[]): JournalEntry[] {
    const at = this.now().toISOString();
    return targets.map((target, i) => ({ type, seq: this.#state.lastSeq + 1 + i, at, of: target.seq }));
  }

  /** Waits for pending writes, then closes the file. Safe to call twice. */
  close(): Promise<void> {
    return this.#enqueue(async () => {
      if (this.#closed) return;
      this.#closed = true;
      try {
        await this.handle.close();
      } finally {
        await this.release();
      }
    });
  }

  // Calls run one at a time, in call order, so seqs follow the file's line order.
  #enqueue<T>(op: () => Promise<T>): Promise<T> {
    const result = this.#queue.then(op);
    this.#queue = result.catch(() => undefined);
    return result;
  }

  // All entries in one write and one fsync: a crash can tear only the last line (dropped on reopen).
  async #append(entries: readonly JournalEntry[]): Promise<void> {
    if (this.#closed) throw new Error(`${this.file}: the journal is closed`);
    if (this.#broken) throw this.#broken;
    if (entries.length === 0) return;
    const next = entries.reduce(applyEntry, this.#state);
    try {
      const written = await writeLines(this.handle, entries);
      await this.handle.sync();
      this.#size += written;
    } catch (error) {
      // Cut off whatever part of the lines made it, so the next append does not land after garbage.
      try {
        await this.handle.truncate(this.#size);
        await this.handle.sync();
      } catch {
        this.#broken = new UserError(
          `${this.file}: could not write or repair the journal (${(error as Error).message}); reopen it to resume`,
        );
      }
      throw error;
    }
    this.#state = next;
  }
}

/** A decision input checked as the journal stores it (a copy: the caller's object is not changed). */
function checkedDecision(input: DecisionInput): DecisionInput {
  const parsed = DecisionInput.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`invalid decision ${jsonPath(issue?.path ?? [])}: ${issue?.message ?? 'invalid'}`);
  }
  const decision = parsed.data;
  if (decision.banDays != null && !ACTIONS[decision.action].form?.days) {
    const lasting = ACTION_NAMES.filter((a) => ACTIONS[a].form?.days).join(', ');
    throw new Error(`invalid decision: banDays is only for ${lasting}, not ${decision.action}`);
  }
  return decision;
}

async function writeLines(handle: FileHandle, entries: readonly JournalEntry[]): Promise<number> {
  const bytes = Buffer.from(entries.map((entry) => `${JSON.stringify(entry)}\n`).join(''), 'utf8');
  let offset = 0;
  while (offset < bytes.length) {
    const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
    offset += bytesWritten;
  }
  return bytes.length;
}

function parseEntry(json: unknown, where: string): JournalEntry {
  const result = JournalEntry.safeParse(json);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new InputError(where, `not a journal entry: ${jsonPath(issue?.path ?? [])}: ${issue?.message ?? 'invalid'}`);
}

function decodeLine(decoder: TextDecoder, bytes: Uint8Array): string | null {
  try {
    return decoder.decode(bytes);
  } catch {
    return null;
  }
}

function tornWarning(file: string, line: number, bytes: number): string {
  return `${file}:${line}: ignored an incomplete last entry (${bytes} bytes, from a write that was cut short)`;
}

/** Differences between this session and the one that started the journal; the export records the first. */
function sessionWarnings(opts: JournalOpenOptions, header: JournalOpen): string[] {
  const out: string[] = [];
  if (header.moderator !== opts.moderator) {
    out.push(`${opts.path}: started by moderator ${header.moderator}; its export keeps that name`);
  }
  const scorer = `${opts.scorer.name}/${opts.scorer.backend ?? '-'}/${opts.scorer.model ?? '-'}`;
  const first = `${header.scorer.name}/${header.scorer.backend ?? '-'}/${header.scorer.model ?? '-'}`;
  if (scorer !== first)
    out.push(`${opts.path}: started with scorer ${first}, now ${scorer}; its export names the first`);
  if (!sameRules(header.rules, opts.rules)) {
    out.push(
      `${opts.path}: started with other rules (${header.rules.ids.join(', ') || 'none'}); its export names those`,
    );
  }
  return out;
}

function sameRules(a: RulesRef, b: { file: string | null; ids: string[] }): boolean {
  return a.file === b.file && a.ids.length === b.ids.length && a.ids.every((id, i) => id === b.ids[i]);
}

/** Re-exported so callers need one import for the journal's types. */
export type { Decision, JournalOpen } from './schema.js';
export type { DecisionState } from './state.js';
