/**
 * Builds a throwaway compiled copy of the scorer (TypeScript transpiled to
 * .js, no type check) in a temp folder, so tests and the benchmark can run
 * the worker pool the way dist/ runs it, without touching the repo's dist/.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { REPO_ROOT } from '../../support/shared.js';

// Every domain module (not the UI or the CLI): the scorer's imports are found whatever leaf folders they move to.
const SOURCES = readdirSync(path.join(REPO_ROOT, 'src'), { recursive: true, encoding: 'utf8' })
  .map((f) => f.split(path.sep).join('/'))
  .filter((f) => f.endsWith('.ts') && !f.startsWith('cli/') && !f.startsWith('review/'));

/**
 * Returns the temp folder (remove it when done) and the file URL of the compiled
 * `flag/toxicity/index.js`; only .js files exist there, so no TypeScript route can be taken.
 */
export function compileScorer(): { dir: string; entry: string } {
  const out = mkdtempSync(path.join(os.tmpdir(), 'threadmod-compiled-'));
  for (const rel of SOURCES) {
    const source = readFileSync(path.join(REPO_ROOT, 'src', rel), 'utf8');
    const { outputText } = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
      fileName: rel,
    });
    const file = path.join(out, 'dist', rel.replace(/\.ts$/, '.js'));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, outputText);
  }
  writeFileSync(path.join(out, 'package.json'), '{"type":"module"}');
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(out, 'node_modules'), 'dir');
  return { dir: out, entry: pathToFileURL(path.join(out, 'dist/flag/toxicity/index.js')).href };
}
