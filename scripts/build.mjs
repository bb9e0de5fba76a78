/**
 * `npm run build`: bundles the CLI into dist/cli/ with esbuild.
 *
 * Why a bundle: Node 20 resolves and compiles every ES module file on its own,
 * and Ink alone is about 150 files; as separate files it took ~0.7 s to import
 * on this machine, as one bundle ~0.16 s. The first review frame and `--help`
 * are dominated by that, so the CLI ships bundled. Type checking stays with
 * `tsc --noEmit` (`npm test`, `npm run typecheck`); esbuild only strips types.
 *
 * Layout:
 * - dist/cli/main.js: the `threadmod` entry; each command is loaded lazily
 *   (src/cli/program.ts imports it on demand), so code splitting puts Ink,
 *   React and the review app in chunks that `tree` or `--help` never parse.
 * - dist/cli/worker.js: the toxicity worker. It sits beside the chunks because
 *   the pool starts `./worker.js` relative to its own module (src/flag/toxicity/pool.ts).
 * - dist/cli/quote-worker.js: marks quotes while a large page-text dump is
 *   parsed, started the same way (src/parse/quote-offload.ts).
 * - Chunks live in the same folder for the same reason.
 * - @tensorflow/* stay external: large, loaded only with the toxicity scorer,
 *   and the wasm backend finds its .wasm files inside its own package.
 * - Source maps are written; `THREADMOD_DEBUG=1` turns them on for stack traces
 *   (src/cli/main.ts).
 */
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import path from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Bundles into `outdir` (dist/cli for the package; test/cli/bundle.test.ts
 * bundles into a folder inside the repo, so the package root is still found
 * above it).
 */
export async function bundle(outdir) {
  await build({
    absWorkingDir: root,
    entryPoints: {
      main: 'src/cli/main.ts',
      worker: 'src/flag/toxicity/worker.ts',
      'quote-worker': 'src/parse/quote-worker.ts',
    },
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: true,
    // Chunk names without hashes' folders: every chunk beside main.js (see above).
    chunkNames: 'chunk-[hash]',
    external: ['@tensorflow/*', '@tensorflow-models/*'],
    // React and Ink pick their production builds; the development ones are never bundled.
    define: { 'process.env.NODE_ENV': '"production"' },
    // src/cli/commands/review.ts still sets NODE_ENV at run time for unbundled runs (tsx); harmless here.
    logOverride: { 'assign-to-define': 'silent' },
    // Ink imports react-devtools-core only when DEV=true; threadmod never sets it, so it is not shipped.
    alias: { 'react-devtools-core': './scripts/no-devtools.mjs' },
    // CommonJS dependencies inside the ES module bundle still call require() for Node's built-ins.
    banner: {
      js: "import { createRequire as __threadmodRequire } from 'node:module';\nconst require = __threadmodRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  rmSync(path.join(root, 'dist'), { recursive: true, force: true });
  await bundle(path.join(root, 'dist/cli'));
}
