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

type Tf = typeof TF;

/** The part of tfjs-backend-wasm's BackendWasm used here. */
interface WasmBackend {
  makeOutput(shape: number[], dtype: TF.DataType): TF.TensorInfo;
  dataIdMap: { get(dataId: TF.DataId): { memoryOffset: number } | undefined };
  wasm: { HEAPU8: Uint8Array; HEAP32: Int32Array };
}

const BYTES: Partial<Record<TF.DataType, number>> = { float32: 4, int32: 4, bool: 1 };

/** Below this many elements a slice is cheaper to leave to upstream's loop than to copy by a call. */
const MIN_SLICE = 8;

let installed = false;

/** Replaces the wasm backend's GatherV2 in this thread (once; later calls do nothing). */
export function installSliceGather(tf: Tf): void {
  if (installed) return;
  const original = tf.getKernel(tf.GatherV2, 'wasm');
  if (!original) return;
  installed = true;
  const upstream = original.kernelFunc;
  tf.unregisterKernel(tf.GatherV2, 'wasm');
  tf.registerKernel({
    kernelName: tf.GatherV2,
    backendName: 'wasm',
    kernelFunc: (args) => {
      const { x, indices } = args.inputs as { x: TF.TensorInfo; indices: TF.TensorInfo };
      const { axis, batchDims } = args.attrs as unknown as TF.GatherV2Attrs;
      const backend = args.backend as unknown as WasmBackend;
      return gather(tf, backend, x, indices, axis, batchDims) ?? upstream(args);
    },
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
  const from = offsetOf(backend, indices) >>> 2;
  const ids = backend.wasm.HEAP32.subarray(from, from + count);
  for (let i = 0; i < count; i++) {
    const id = ids[i] as number;
    if (id < 0 || id >= dim) return undefined;
  }
  const out = backend.makeOutput([...x.shape.slice(0, at), ...indices.shape, ...x.shape.slice(at + 1)], x.dtype);
  // Offsets and views after makeOutput, which may grow (and so replace) the heap.
  const heap = backend.wasm.HEAPU8;
  const ids32 = backend.wasm.HEAP32;
  const idsAt = offsetOf(backend, indices) >>> 2;
  const src = offsetOf(backend, x);
  const sliceBytes = slice * bytes;
  let dst = offsetOf(backend, out);
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

function offsetOf(backend: WasmBackend, info: TF.TensorInfo): number {
  const data = backend.dataIdMap.get(info.dataId);
  if (!data) throw new Error('GatherV2: a tensor without wasm memory');
  return data.memoryOffset;
}
