/**
 * The folder of threadmod's own package.json, found by walking up from this
 * module: the same answer from src/ (tests, tsx), from the bundle in dist/cli/
 * (scripts/build.mjs puts every module in one folder, so fixed `../..` paths
 * would be wrong there) and from an installed node_modules/threadmod.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const NAME = 'threadmod';

function find(): string {
  const start = path.dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name === NAME) return dir;
    if (path.dirname(dir) === dir) throw new Error(`threadmod's package.json was not found above ${start}`);
  }
}

let root: string | undefined;

export function packageRoot(): string {
  root ??= find();
  return root;
}

/** The package's own manifest (version). */
export function packageManifest(): { name: string; version: string } {
  return JSON.parse(readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as {
    name: string;
    version: string;
  };
}
