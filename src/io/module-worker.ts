/**
 * Starting a worker thread on a module that sits beside its caller, whether
 * threadmod runs compiled (dist/cli/<name>.js, where the bundle puts every
 * worker entry) or from TypeScript source (vitest, tsx: <name>.ts through
 * tsx's loader, which a worker does not inherit from `--import tsx` on the
 * command line). The Worker class is passed in, so that a caller can load
 * node:worker_threads only when it starts one.
 */
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Worker, WorkerOptions } from 'node:worker_threads';

/**
 * Starts `<name>.js` (compiled) or `<name>.ts` (source) beside the module at
 * URL `here`, with the parent's Node flags (see workerExecArgv) unless
 * `options.execArgv` says otherwise. `commonJsSource`: from source, load the
 * module graph through tsx's CommonJS hooks, which run in the worker's own
 * thread; its ES module hooks start a thread of their own, which costs a
 * short-lived worker about a third of its start (for modules that import
 * only Node's built-ins and each other).
 */
export function startModuleWorker(
  WorkerClass: typeof Worker,
  here: string,
  name: string,
  options: WorkerOptions,
  { commonJsSource = false }: { readonly commonJsSource?: boolean } = {},
): Worker {
  const execArgv = options.execArgv ?? workerExecArgv(process.execArgv);
  if (isCompiled(here)) return new WorkerClass(new URL(`./${name}.js`, here), { ...options, execArgv });
  const source = new URL(`./${name}.ts`, here);
  let code: string;
  if (commonJsSource) {
    const tsx = JSON.stringify(createRequire(import.meta.url).resolve('tsx/cjs/api'));
    code = `require(${tsx}).require(${JSON.stringify(fileURLToPath(source))}, __filename);`;
  } else {
    const tsx = JSON.stringify(tsxApiUrl());
    code = `import(${tsx}).then((tsx) => { tsx.register(); return import(${JSON.stringify(source.href)}); });`;
  }
  return new WorkerClass(code, { ...options, eval: true, execArgv });
}

/**
 * Whether the worker `startModuleWorker` would start is there: a missing
 * file is otherwise known only once the worker has failed, asynchronously.
 */
export function moduleWorkerExists(here: string, name: string): boolean {
  return existsSync(new URL(isCompiled(here) ? `./${name}.js` : `./${name}.ts`, here));
}

function isCompiled(here: string): boolean {
  return !here.endsWith('.ts');
}

/**
 * The parent's Node flags minus those about its own entry point: a parent
 * started as `node --input-type=module -e ...` would otherwise make every
 * worker fail to load its file.
 */
export function workerExecArgv(parent: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < parent.length; i++) {
    const arg = parent[i] as string;
    if (/^(-e|--eval|-p|--print)$/.test(arg))
      i++; // and the code after it
    else if (!/^(--input-type|--eval|--print)=/.test(arg)) out.push(arg);
  }
  return out;
}

/** URL of tsx's ESM API (`tsx/esm/api`, import condition). */
function tsxApiUrl(): string {
  try {
    return import.meta.resolve('tsx/esm/api');
  } catch {
    // Runtimes that transform this module may not provide import.meta.resolve: read tsx's export map instead.
    const require = createRequire(import.meta.url);
    const pkgFile = require.resolve('tsx/package.json');
    const exports = JSON.parse(readFileSync(pkgFile, 'utf8')).exports['./esm/api'];
    const target: string = typeof exports === 'string' ? exports : (exports.import.default ?? exports.import);
    return pathToFileURL(path.join(path.dirname(pkgFile), target)).href;
  }
}
