/** Paths into ../shared, which tests and CI read in place (never copied into the repo). */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** `THREADMOD_SHARED` overrides, for checkouts that do not sit beside shared/. */
export const SHARED_DIR = process.env.THREADMOD_SHARED ?? path.resolve(repoRoot, '../shared');
export const REPO_ROOT = repoRoot;

export function sharedPath(...parts: string[]): string {
  const full = path.join(SHARED_DIR, ...parts);
  if (!existsSync(full)) throw new Error(`test data missing: ${full} (CI expects ../shared beside the repo)`);
  return full;
}

export const SEED_THREAD = () => sharedPath('seeds', '004_48b6010b9728e002.txt');
export const COMMENTLESS_SEEDS = () =>
  ['000_e43edddb293e69f4.txt', '001_b2ffe84f014a0f42.txt', '002_a26cfb86ee086612.txt', '003_8a1d36a745e9b391.txt'].map(
    (name) => sharedPath('seeds', name),
  );
export const LEMMY_JSON = (name: string) => sharedPath('lemmy', name);
export const DEV_SET = () => sharedPath('data', 'attacks-dev.jsonl');
