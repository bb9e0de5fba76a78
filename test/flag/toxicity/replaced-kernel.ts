/** For the tests of threadmod's wasm kernels: upstream's kernel, kept before threadmod's replaces it. */
import type * as TF from '@tensorflow/tfjs';
import { activateBackend } from '../../../src/flag/toxicity/backend.js';

/** Starts wasm, runs `install` and returns the kernel it replaced, to compare against. */
export async function replaceOnWasm(
  tf: typeof TF,
  kernelName: string,
  install: (tf: typeof TF) => void,
): Promise<TF.KernelFunc> {
  await activateBackend(tf, 'wasm');
  const upstream = tf.getKernel(kernelName, 'wasm')!.kernelFunc;
  install(tf);
  return upstream;
}
