/**
 * The toxicity model with stand-in weights (real model.json, vocab.json and
 * shard 7; synthetic shards 1-6), built once per machine into the temp dir
 * and shared by every test. Its probabilities mean nothing: tests assert on
 * shapes, invariants and behaviour, never on values.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PINNED_FILES, type PinnedFile } from '../../src/model/pinned.js';
import { sharedPath } from './shared.js';

const MARKER = '.complete';

/** Folder holding the stand-in model; built on first use, reused while complete. */
export function standinModelDir(): string {
  const source = sharedPath('models', 'toxicity');
  const script = path.join(source, 'make-standin.cjs');
  const hash = createHash('sha256')
    .update(readFileSync(script))
    .update(readFileSync(path.join(source, 'model.json')))
    .update(String(statSync(path.join(source, 'group1-shard7of7')).size))
    .digest('hex')
    .slice(0, 12);
  const dir = path.join(os.tmpdir(), `threadmod-standin-${hash}`);
  if (isComplete(dir)) return dir;

  // Parallel test files may build at the same time: each builds privately, the first rename wins.
  const tmp = `${dir}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  try {
    execFileSync(process.execPath, [script, source, tmp], { stdio: 'pipe' });
    const sizes = Object.fromEntries(PINNED_FILES.map((f) => [f.name, statSync(path.join(tmp, f.name)).size]));
    writeFileSync(path.join(tmp, MARKER), JSON.stringify(sizes));
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
    renameSync(tmp, dir);
  } catch (error) {
    if (!isComplete(dir)) throw error;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return dir;
}

function isComplete(dir: string): boolean {
  try {
    const sizes = JSON.parse(readFileSync(path.join(dir, MARKER), 'utf8')) as Record<string, number>;
    return PINNED_FILES.every((f) => statSync(path.join(dir, f.name)).size === sizes[f.name]);
  } catch {
    return false;
  }
}

/** A writable copy of the stand-in (the model files only) in `dest`, for tests that damage files. */
export function copyStandin(dest: string): string {
  const src = standinModelDir();
  for (const f of readdirSync(src)) {
    if (f === MARKER) continue;
    cpSync(path.join(src, f), path.join(dest, f));
    chmodSync(path.join(dest, f), 0o644);
  }
  return dest;
}

let pins: PinnedFile[] | undefined;

/** Pins that the stand-in itself satisfies (sha256 of each file), so fetch/import can be tested end to end. */
export function standinPins(): PinnedFile[] {
  const dir = standinModelDir();
  pins ??= PINNED_FILES.map((f) => {
    const bytes = readFileSync(path.join(dir, f.name));
    return {
      name: f.name,
      bytes: bytes.length,
      algorithm: 'sha256',
      digest: createHash('sha256').update(bytes).digest('hex'),
    };
  });
  return pins;
}
