/**
 * Slice and SplitV for the wasm backend without a copy out of wasm memory.
 *
 * tfjs-backend-wasm 4.x implements both in JS, and its slice first reads the
 * whole input out of the wasm heap into a fresh ArrayBuffer (readSync) before
 * copying the wanted part back in. The toxicity graph splits its attention
 * projections with SplitV ([batch, length, 768] and [batch, length, 1536] into
 * three), so every model call copied about 25 MB per 1,000 tokens into fresh
 * memory, which is slow to touch here: about a tenth of a worker's CPU time
 * (measured with --cpu-prof). These copy straight from the input's heap view
 * to the output's. Pure data movement: the results are the same bits.
 */
import type * as TF from '@tensorflow/tfjs-core';
import { replaceWasmKernel, type KernelArgs, type WasmBackend } from './wasm-heap.js';

type Tf = typeof TF;

let installed = false;

/** Replaces the wasm backend's Slice and SplitV kernels in this thread (once; later calls do nothing). */
export function installHeapSlices(tf: Tf): void {
  if (installed) return;
  const original = tf.getKernel(tf.Slice, 'wasm');
  if (!original || !tf.getKernel(tf.SplitV, 'wasm')) return; // not the backend these were written for
  installed = true;
  const fallback = original.kernelFunc;

  const slice = (x: TF.TensorInfo, begin: number[], size: number[], backend: WasmBackend, args: KernelArgs) => {
    const [begin_, size_] = tf.slice_util.parseSliceParams(x, begin, size) as [number[], number[]];
    if (x.shape.length === 0 || !['float32', 'int32', 'bool'].includes(x.dtype))
      return fallback({ ...args, inputs: { x }, attrs: { begin, size } }) as TF.TensorInfo;
    const out = backend.makeOutput(size_, x.dtype);
    if (tf.util.sizeFromShape(size_) === 0) return out;
    // Views are taken after makeOutput: growing the wasm memory would detach older ones.
    copySlice(backend.typedArrayFromHeap(x), x.shape, begin_, size_, backend.typedArrayFromHeap(out));
    return out;
  };

  replaceWasmKernel(tf, tf.Slice, (args, backend) => {
    const { begin, size } = args.attrs as unknown as TF.SliceAttrs;
    return slice(args.inputs['x'] as TF.TensorInfo, begin as number[], size as number[], backend, args);
  });

  // As upstream's splitV, calling the slice above.
  replaceWasmKernel(tf, tf.SplitV, (args, backend) => {
    const x = args.inputs['x'] as TF.TensorInfo;
    const { numOrSizeSplits, axis } = args.attrs as unknown as TF.SplitVAttrs;
    const $axis = tf.util.parseAxisParam(axis, x.shape)[0] as number;
    const splitSizes = tf.backend_util.prepareSplitSize(x, numOrSizeSplits, $axis);
    const begin: number[] = new Array(x.shape.length).fill(0);
    return splitSizes.map((s) => {
      const size = [...x.shape];
      size[$axis] = s;
      const part = slice(x, [...begin], size, backend, args);
      begin[$axis] = (begin[$axis] as number) + s;
      return part;
    });
  });
}

/**
 * Copies the block of `src` (shape `shape`) starting at `begin` with extent `size` into `dst`,
 * row-major, in runs as long as the block is contiguous.
 */
export function copySlice<T extends Float32Array | Int32Array | Uint8Array>(
  src: T,
  shape: readonly number[],
  begin: readonly number[],
  size: readonly number[],
  dst: T,
): void {
  const rank = shape.length;
  const strides = new Array<number>(rank);
  strides[rank - 1] = 1;
  for (let d = rank - 2; d >= 0; d--) strides[d] = (strides[d + 1] as number) * (shape[d + 1] as number);
  // Dimensions after k are taken whole, so each index over dimensions before k gives one contiguous run.
  let k = rank - 1;
  while (k > 0 && size[k] === shape[k]) k--;
  const run = (size[k] as number) * (strides[k] as number);
  let outer = 1;
  for (let d = 0; d < k; d++) outer *= size[d] as number;
  const index = new Array<number>(k).fill(0);
  let to = 0;
  for (let n = 0; n < outer; n++) {
    let from = (begin[k] as number) * (strides[k] as number);
    for (let d = 0; d < k; d++) from += ((begin[d] as number) + (index[d] as number)) * (strides[d] as number);
    dst.set(src.subarray(from, from + run), to);
    to += run;
    for (let d = k - 1; d >= 0; d--) {
      if ((index[d] = (index[d] as number) + 1) < (size[d] as number)) break;
      index[d] = 0;
    }
  }
}
