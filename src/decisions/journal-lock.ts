/**
 * One writer per journal. Two sessions appending to the same journal would
 * each number their next entry from what they replayed, write the same `seq`
 * twice, and leave a file no later session can replay. So a writer holds
 * `<journal>.lock`, created exclusively (O_EXCL), naming its process; a
 * second writer is refused with one line saying which process holds it.
 *
 * A lock whose process is gone (kill -9, a power cut) is stale: the next
 * session takes it over. A lock from another host cannot be checked and is
 * respected; the message says how to remove it by hand.
 */
import { randomUUID } from 'node:crypto';
import { linkSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { lstat, readFile, rename, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { UserError } from '../errors.js';
import { isErrno, isMissing } from '../io/errno.js';

export interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly command: string;
  readonly since: string;
  /** Tells this lock from a later one left by the same pid. */
  readonly nonce: string;
}

export function lockPath(journalFile: string): string {
  return `${journalFile}.lock`;
}

/** Locks held by this process, so a second writer in the same process is refused too, and all are dropped at exit. */
const held = new Map<string, string>();
let exitHook = false;

/** The one-line refusal naming the process that holds the journal. */
export class JournalBusyError extends UserError {
  constructor(
    readonly journalFile: string,
    readonly owner: LockOwner,
  ) {
    const where = owner.host === hostname() ? `pid ${owner.pid}` : `pid ${owner.pid} on ${owner.host}`;
    super(
      `${journalFile} is open in another threadmod session (${owner.command}, ${where}, since ${owner.since}); ` +
        `quit that session first (if it is surely gone, delete ${lockPath(journalFile)})`,
    );
  }
}

/** Refuses a journal path that is a symbolic link: decisions go where the moderator named, not where a link points. */
export async function refuseSymlink(file: string): Promise<void> {
  try {
    const info = await lstat(file);
    if (info.isSymbolicLink()) {
      throw new UserError(
        `${file} is a symbolic link; give the real path of the decisions journal (--decisions <file>)`,
      );
    }
  } catch (error) {
    if (!isMissing(error)) throw error;
  }
}

/** The live process holding the journal's lock, or null when it is free (absent or stale). */
export async function lockHolder(journalFile: string): Promise<LockOwner | null> {
  const owner = await readOwner(lockPath(journalFile));
  if (owner === null) return null;
  if (owner.pid === process.pid && owner.host === hostname())
    return held.get(journalFile) === owner.nonce ? owner : null;
  return isAlive(owner) ? owner : null;
}

/** Throws JournalBusyError when another live process holds the journal. */
export async function assertNotLocked(journalFile: string): Promise<void> {
  const owner = await lockHolder(journalFile);
  if (owner !== null && !(owner.pid === process.pid && held.get(journalFile) === owner.nonce)) {
    throw new JournalBusyError(journalFile, owner);
  }
}

/** Takes the journal's lock; resolves to the function that releases it. */
export async function acquireJournalLock(journalFile: string, command: string): Promise<() => Promise<void>> {
  const file = lockPath(journalFile);
  const owner: LockOwner = {
    pid: process.pid,
    host: hostname(),
    command,
    since: new Date().toISOString(),
    nonce: randomUUID(),
  };
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(file, owner)) {
      held.set(journalFile, owner.nonce);
      addExitHook();
      let released = false;
      return async () => {
        if (released) return;
        released = true;
        held.delete(journalFile);
        const current = await readOwner(file);
        if (current?.nonce === owner.nonce) await unlink(file).catch(() => undefined);
      };
    }
    const other = await readOwner(file);
    if (other === null) continue; // released meanwhile: try again
    const ours = other.pid === process.pid && other.host === hostname();
    if (ours ? held.get(journalFile) === other.nonce : isAlive(other)) throw new JournalBusyError(journalFile, other);
    await takeOverStale(file, other);
  }
  throw new UserError(`${journalFile}: could not take the journal's lock ${file}; another session keeps taking it`);
}

/**
 * Writes the owner to a private file, then links it in as the lock: link()
 * fails if the lock exists, and the lock never exists half-written.
 */
function tryCreate(file: string, owner: LockOwner): boolean {
  const temp = `${file}.${owner.pid}-${owner.nonce}`;
  writeFileSync(temp, `${JSON.stringify(owner)}\n`, { flag: 'wx', mode: 0o644 });
  try {
    linkSync(temp, file);
    return true;
  } catch (error) {
    if (isErrno(error, 'EEXIST')) return false;
    throw error;
  } finally {
    unlinkSync(temp);
  }
}

/**
 * Moves a stale lock aside and deletes it, making sure the file moved is the
 * stale one seen: a session that took it over in between keeps its lock.
 */
async function takeOverStale(file: string, stale: LockOwner): Promise<void> {
  const aside = `${file}.stale-${process.pid}-${randomUUID()}`;
  try {
    await rename(file, aside);
  } catch (error) {
    if (isMissing(error)) return;
    throw error;
  }
  const moved = await readOwner(aside);
  if (moved !== null && moved.nonce !== stale.nonce) {
    // Not the stale lock: someone's fresh one. Put it back.
    await rename(aside, file);
    return;
  }
  await unlink(aside).catch(() => undefined);
}

async function readOwner(file: string): Promise<LockOwner | null> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
  return parseOwner(text);
}

function parseOwner(text: string): LockOwner | null {
  try {
    const data = JSON.parse(text) as Partial<LockOwner>;
    if (typeof data.pid === 'number' && typeof data.host === 'string' && typeof data.nonce === 'string') {
      return {
        pid: data.pid,
        host: data.host,
        command: String(data.command ?? 'threadmod'),
        since: String(data.since ?? '?'),
        nonce: data.nonce,
      };
    }
  } catch {
    // Locks are linked in whole; a damaged one is left by something else and is treated as stale.
  }
  return { pid: -1, host: hostname(), command: 'threadmod', since: '?', nonce: 'damaged' };
}

function isAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true; // cannot tell: respect it
  if (owner.pid <= 0) return false;
  try {
    process.kill(owner.pid, 0);
    return true;
  } catch (error) {
    return isErrno(error, 'EPERM');
  }
}

/** A session that ends without closing its journal (an uncaught error, process.exit) still drops its locks. */
function addExitHook(): void {
  if (exitHook) return;
  exitHook = true;
  process.on('exit', () => {
    for (const [journalFile, nonce] of held) {
      try {
        const current = parseOwner(readFileSync(lockPath(journalFile), 'utf8'));
        if (current?.nonce === nonce) unlinkSync(lockPath(journalFile));
      } catch {
        // Nothing to drop.
      }
    }
  });
}
