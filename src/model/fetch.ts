/**
 * `threadmod model fetch`: downloads every model file, trying each mirror in
 * turn, verifies it while streaming, and installs the folder atomically only
 * once all files verify. A tampered, truncated or stalled download is thrown
 * away and the next mirror is tried.
 */
import { createHash, type Hash } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { UserError } from '../errors.js';
import { installAtomically } from './install.js';
import { defaultMirrors, type Mirror } from './mirrors.js';
import { PINNED_FILES, type PinnedFile } from './pinned.js';
import { checkModelDir, judge, type ModelCheck } from './verify.js';

export type FetchEvent =
  | { readonly type: 'start'; readonly file: string; readonly mirror: string; readonly total: number }
  | { readonly type: 'progress'; readonly file: string; readonly received: number; readonly total: number }
  | { readonly type: 'done'; readonly file: string; readonly mirror: string }
  | { readonly type: 'failed'; readonly file: string; readonly mirror: string; readonly reason: string };

export interface FetchOptions {
  /** Where to install (normally `installedModelDir()`). */
  readonly targetDir: string;
  /** Tried in order for each file; defaults to TF Hub then Google Cloud Storage. */
  readonly mirrors?: readonly Mirror[];
  /** Expected files; the real pins unless a test pins a stand-in. */
  readonly pinned?: readonly PinnedFile[];
  /** Give up on a location after this long without receiving a byte. */
  readonly stallTimeoutMs?: number;
  readonly onEvent?: (event: FetchEvent) => void;
}

const DEFAULT_STALL_MS = 30_000;

/** Downloads, verifies and installs the model; returns the installed copy's check. */
export async function fetchModel(options: FetchOptions): Promise<ModelCheck> {
  const pinned = options.pinned ?? PINNED_FILES;
  const mirrors = options.mirrors ?? defaultMirrors();
  const target = path.resolve(options.targetDir);
  let installed: ModelCheck | undefined;
  await installAtomically(target, async (tmp) => {
    for (const file of pinned) await fetchOne(file, mirrors, tmp, options);
    installed = await checkModelDir(tmp, pinned);
    // Each file was verified as it arrived; this re-check guards the copy on disk.
    if (!installed.ok)
      throw new UserError(`downloaded model does not verify: ${installed.files.find((f) => !f.ok)?.problem}`);
  });
  return { ...(installed as ModelCheck), dir: target };
}

async function fetchOne(
  file: PinnedFile,
  mirrors: readonly Mirror[],
  dir: string,
  options: FetchOptions,
): Promise<void> {
  const failures: string[] = [];
  for (const mirror of mirrors) {
    const url = mirror.url(file.name);
    if (url === null) continue;
    options.onEvent?.({ type: 'start', file: file.name, mirror: mirror.name, total: file.bytes });
    const part = path.join(dir, `${file.name}.part`);
    try {
      await download(url, part, file, options);
      await rename(part, path.join(dir, file.name));
      options.onEvent?.({ type: 'done', file: file.name, mirror: mirror.name });
      return;
    } catch (error) {
      await rm(part, { force: true });
      const reason = reasonOf(error);
      failures.push(`${mirror.name}: ${reason}`);
      options.onEvent?.({ type: 'failed', file: file.name, mirror: mirror.name, reason });
    }
  }
  if (failures.length === 0) throw new UserError(`could not download ${file.name}: no mirror carries it`);
  throw new UserError(
    `could not download ${file.name} from any location (${failures.join('; ')}); ` +
      'without internet, copy the files by hand and run `threadmod model import <dir>`',
  );
}

/** Streams `url` into `dest`, hashing as it goes; throws with a short reason on any failure or mismatch. */
async function download(url: string, dest: string, file: PinnedFile, options: FetchOptions): Promise<void> {
  const stallMs = options.stallTimeoutMs ?? DEFAULT_STALL_MS;
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    clearTimeout(timer);
    timer = setTimeout(() => controller.abort(new Error(`no data for ${stallMs / 1000} s`)), stallMs);
  };
  arm();
  const handle = await open(dest, 'w');
  try {
    const response = await fetch(url, { signal: controller.signal, redirect: 'follow' });
    if (!response.ok || !response.body) throw new Error(`HTTP ${response.status}`);
    const hash: Hash =
      file.algorithm === 'sha256' ? createHash('sha256') : createHash('sha1').update(`blob ${file.bytes}\0`);
    let received = 0;
    let lastReport = 0;
    for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
      arm();
      received += chunk.length;
      // A wrong file could be endless; stop as soon as it is too big.
      if (received > file.bytes) throw new Error(`larger than the expected ${file.bytes} bytes`);
      hash.update(chunk);
      await handle.write(chunk);
      if (received - lastReport >= 256 * 1024 || received === file.bytes) {
        lastReport = received;
        options.onEvent?.({ type: 'progress', file: file.name, received, total: file.bytes });
      }
    }
    const verdict = judge(file, received, hash.digest('hex'));
    if (!verdict.ok) throw new Error(`refused: ${verdict.problem}`);
  } catch (error) {
    if (controller.signal.aborted && controller.signal.reason instanceof Error) throw controller.signal.reason;
    throw error;
  } finally {
    clearTimeout(timer);
    await handle.close();
  }
}

/** undici reports network errors as "fetch failed" or "terminated" with the real cause underneath. */
function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: string; message?: string } | undefined;
  if (!cause) return error.message;
  const detail = cause.code ?? cause.message;
  return error.message === 'fetch failed' ? `network error (${detail})` : `${error.message} (${detail})`;
}
