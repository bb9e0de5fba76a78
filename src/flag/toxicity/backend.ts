/**
 * Choosing and starting a TF.js backend. `tensorflow` (native, via the
 * optional @tensorflow/tfjs-node) when it is installed, else `wasm`. The
 * pure-JS `cpu` backend is about 40x slower than wasm, so it only runs when
 * asked for by name.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { UserError } from '../../errors.js';

export const BACKENDS = ['tensorflow', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

// A variable specifier keeps TypeScript from resolving a package that is usually absent.
const TFJS_NODE = '@tensorflow/tfjs-node';

/** Imports @tensorflow/tfjs-node; false when it is not installed or its native library fails to load. */
export async function tryLoadTfjsNode(): Promise<boolean> {
  try {
    await import(TFJS_NODE);
    return true;
  } catch {
    return false;
  }
}

/** The backend to use when none is requested: native TensorFlow when importable, else wasm. */
export async function defaultBackend(): Promise<BackendName> {
  return (await tryLoadTfjsNode()) ? 'tensorflow' : 'wasm';
}

type Tf = typeof import('@tensorflow/tfjs-core');

/** Makes `name` the active backend of `tf` in this thread. */
export async function activateBackend(tf: Tf, name: BackendName): Promise<void> {
  if (name === 'tensorflow' && !(await tryLoadTfjsNode())) {
    throw new UserError('backend tensorflow needs @tensorflow/tfjs-node, which is not installed; use --backend wasm');
  }
  const require = createRequire(import.meta.url);
  // The engine loads tfjs-core alone, so the backend packages register themselves here (a no-op when loaded already).
  if (name === 'cpu') require('@tensorflow/tfjs-backend-cpu');
  if (name === 'wasm') {
    // require(): see engine.ts on importing TF.js bundles as ESM.
    const wasm = require('@tensorflow/tfjs-backend-wasm') as typeof import('@tensorflow/tfjs-backend-wasm');
    // In Node the .wasm binaries are read from disk; point at the package's own dist folder so nothing is fetched.
    const dist = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
    wasm.setWasmPaths(dist + path.sep);
  }
  if (!(await tf.setBackend(name))) throw new Error(`TF.js backend ${name} failed to start`);
  await tf.ready();
  // The cpu backend prints a multi-line "install tfjs-node" banner on first use; the user chose cpu knowingly.
  if (name === 'cpu') (tf.backend() as { firstUse?: boolean }).firstUse = false;
}
