/**
 * GatherV2 for the wasm backend as one copy per gathered slice.
 *
 * tfjs-backend-wasm 4.22 gathers element by element, recomputing strides for
 * each: the toxicity graph's embedding lookup (720 rows of 256 floats from an
 * 8,002-row table per 16 sentences) took 4.4 ms a call, 2% of a worker's
 * kernel time. Here each gathered row is one copy within the heap. Pure data
 * movement, so the results are the same bits; batched gathers, other dtypes
 * and indices out of range (upstream words that error) go to upstream.
 */
import type * as TF from '@tensorflow/tfjs-core';
import { heapOffset, replaceWasmKernel, type WasmBackend } from './wasm-heap.js';

type Tf = typeof TF;

const BYTES: Partial<Record<TF.DataType, number>> = { float32: 4, int32: 4, bool: 1 };

/** Below this many elements a slice is cheaper to leave to upstream's loop than to copy by a call. */
const MIN_SLICE = 8;

let installed = false;

/** Replaces the wasm backend's GatherV2 in this thread (once; later calls do nothing). */
export function installSliceGather(tf: Tf): void {
  if (installed) return;
  installed = replaceWasmKernel(tf, tf.GatherV2, (args, backend) => {
    const { x, indices } = args.inputs as { x: TF.TensorInfo; indices: TF.TensorInfo };
    const { axis, batchDims } = args.attrs as unknown as TF.GatherV2Attrs;
    return gather(tf, backend, x, indices, axis, batchDims);
  });
}

function gather(
  tf: Tf,
  backend: WasmBackend,
  x: TF.TensorInfo,
  indices: TF.TensorInfo,
  axis: number,
  batchDims: number,
): TF.TensorInfo | undefined {
  const bytes = BYTES[x.dtype];
  if (!bytes || batchDims !== 0 || indices.dtype !== 'int32' || x.shape.length === 0) return undefined;
  const at = tf.util.parseAxisParam(axis, x.shape)[0] as number;
  const outer = tf.util.sizeFromShape(x.shape.slice(0, at));
  const dim = x.shape[at] as number;
  const slice = tf.util.sizeFromShape(x.shape.slice(at + 1));
  const count = tf.util.sizeFromShape(indices.shape);
  if (slice < MIN_SLICE || outer === 0 || count === 0) return undefined;
  const from = heapOffset(backend, indices) >>> 2;
  const ids = backend.wasm.HEAP32.subarray(from, from + count);
  for (let i = 0; i < count; i++) {
    const id = ids[i] as number;
    if (id < 0 || id >= dim) return undefined;
  }
  const out = backend.makeOutput([...x.shape.slice(0, at), ...indices.shape, ...x.shape.slice(at + 1)], x.dtype);
  // Offsets and views after makeOutput, which may grow (and so replace) the heap.
  const heap = backend.wasm.HEAPU8;
  const ids32 = backend.wasm.HEAP32;
  const idsAt = heapOffset(backend, indices) >>> 2;
  const src = heapOffset(backend, x);
  const sliceBytes = slice * bytes;
  let dst = heapOffset(backend, out);
  for (let o = 0; o < outer; o++) {
    const base = src + o * dim * sliceBytes;
    for (let i = 0; i < count; i++) {
      const start = base + (ids32[idsAt + i] as number) * sliceBytes;
      heap.copyWithin(dst, start, start + sliceBytes);
      dst += sliceBytes;
    }
  }
  return out;
}
