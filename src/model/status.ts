/**
 * `threadmod model status`: which model folders exist, which one the scorer
 * would load, and whether each matches the pinned files.
 */
import { MODEL_NAME } from './pinned.js';
import { describeSource, installedModelDir, resolveModelLocation, type Env, type ModelLocation } from './paths.js';
import { checkModelDir, summariseProblems, type ModelCheck } from './verify.js';

export interface LocationStatus {
  readonly location: ModelLocation;
  readonly check: ModelCheck;
  /** The folder the scorer would load. */
  readonly active: boolean;
}

/** Checks the folder named by --model-dir / THREADMOD_MODEL_DIR (if any) and the installed copy. */
export async function modelStatus(modelDir: string | undefined, env: Env = process.env): Promise<LocationStatus[]> {
  const active = resolveModelLocation(modelDir, env);
  const locations: ModelLocation[] = [active];
  if (active.source !== 'cache') locations.push({ dir: installedModelDir(env), source: 'cache' });
  return Promise.all(
    locations.map(async (location) => ({
      location,
      check: await checkModelDir(location.dir),
      active: location === active,
    })),
  );
}

/** One word-ish verdict per folder: `verified`, `not found`, `incomplete (...)`, `does not match pinned values (...)`. */
export function verdict(check: ModelCheck): string {
  if (check.ok) return 'verified';
  if (check.files.every((f) => f.bytes === null)) return 'not found';
  if (!check.complete) return `incomplete (${summariseProblems(check)})`;
  return `does not match pinned values (${summariseProblems(check)})`;
}

/** Human-readable lines for the terminal. */
export function formatStatus(statuses: readonly LocationStatus[]): string[] {
  const lines = [`toxicity model ${MODEL_NAME}`];
  for (const s of statuses) {
    const mark = s.active ? '*' : ' ';
    lines.push(`${mark} ${describeSource(s.location.source)}: ${s.location.dir}`);
    lines.push(`    ${verdict(s.check)}`);
  }
  const active = statuses.find((s) => s.active);
  if (active && active.check.files.every((f) => f.bytes === null)) {
    lines.push('no model to load: run `threadmod model fetch`, or `threadmod model import <dir>` offline');
  } else {
    lines.push('* = the folder the toxicity scorer loads');
  }
  return lines;
}
