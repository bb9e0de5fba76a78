/**
 * The plain matrix products of the wasm backend (BatchMatMul without a batch
 * or a transpose, and 1x1 Conv2D with unit strides and dilations) in
 * threadmod's packed SIMD product, bit for bit XNNPACK's.
 *
 * These products are most of a worker's time on the toxicity graph: the
 * feed-forward layers ([tokens, 512] x [512, 1536] and back) and the
 * attention projections (1x1 convolutions over [sentences, length, 1, 512]).
 * XNNPACK sums every output element from 0 in k order, one multiply and one
 * add at a time; kernels/gemm-wat.ts does the same arithmetic with its
 * operands laid out for the tile and blocked for the caches, 15-25% faster
 * per product here. Anything else (other shapes, strides, padding, dtypes)
 * still goes to the kernel this one replaced.
 */
import type * as TF from '@tensorflow/tfjs-core';
import { GEMM_WASM_BASE64 } from './kernels/gemm-bytes.js';
import { WORK_BYTES } from './kernels/gemm-wat.js';
import { heapOffset, kernelModule, replaceWasmKernel, type WasmBackend } from './wasm-heap.js';

type Tf = typeof TF;

export interface GemmExports {
  packB(src: number, n: number, k: number, dst: number): void;
  gemm(a: number, b: number, c: number, m: number, k: number, n: number, work: number): void;
}

/** A product this kernel takes: a (m x k) times b (k x n), written as `outShape`. */
export interface GemmPlan {
  readonly m: number;
  readonly k: number;
  readonly n: number;
  readonly outShape: number[];
}

/** BatchMatMul's case: two float32 matrices (any leading dims of size 1), no transposes. */
export function matMulPlan(a: TF.TensorInfo, b: TF.TensorInfo, transposeA: boolean, transposeB: boolean) {
  if (transposeA || transposeB || a.dtype !== 'float32' || b.dtype !== 'float32') return undefined;
  const ra = a.shape.length;
  const rb = b.shape.length;
  if (ra < 2 || rb < 2 || ra !== rb) return undefined;
  if (a.shape.slice(0, -2).some((d) => d !== 1) || b.shape.slice(0, -2).some((d) => d !== 1)) return undefined;
  const [m, k] = a.shape.slice(-2) as [number, number];
  const [kb, n] = b.shape.slice(-2) as [number, number];
  if (k !== kb) return undefined; // upstream words the error
  return sized({ m, k, n, outShape: [...a.shape.slice(0, -2), m, n] });
}

/** Conv2D's case: NHWC float32 input, a 1x1 filter, unit strides and dilations, no padding. */
export function conv1x1Plan(x: TF.TensorInfo, filter: TF.TensorInfo, attrs: TF.Conv2DAttrs) {
  if (x.dtype !== 'float32' || filter.dtype !== 'float32') return undefined;
  if (x.shape.length !== 4 || filter.shape.length !== 4) return undefined;
  const [fh, fw, cin, cout] = filter.shape as [number, number, number, number];
  const [batch, height, width, channels] = x.shape as [number, number, number, number];
  if (fh !== 1 || fw !== 1 || channels !== cin) return undefined;
  const { strides, dilations, pad, dataFormat } = attrs;
  if (dataFormat !== undefined && dataFormat !== 'NHWC') return undefined;
  if (!isOne(strides) || (dilations !== undefined && !isOne(dilations))) return undefined;
  // A 1x1 filter at stride 1 pads nothing under 'valid' or 'same'; explicit padding is left to upstream.
  if (pad !== 'valid' && pad !== 'same') return undefined;
  return sized({ m: batch * height * width, k: cin, n: cout, outShape: [batch, height, width, cout] });
}

const isOne = (value: number | [number, number]) => (Array.isArray(value) ? value.every((v) => v === 1) : value === 1);

/**
 * Below this many rows of a, packing b costs more than the faster product saves (the graph's
 * [sentences, 512] x [512, 512] heads measured slower here than in XNNPACK), so upstream keeps them.
 */
export const MIN_ROWS = 128;

/** Short, empty and huge products (byte sizes past the 32-bit heap) stay with upstream. */
function sized(plan: GemmPlan): GemmPlan | undefined {
  const { m, k, n } = plan;
  if (m < MIN_ROWS || k === 0 || n === 0) return undefined;
  if (Math.max(m * k, k * (n + 8), m * n) * 4 >= 2 ** 31) return undefined;
  return plan;
}

let installed = false;

/** Replaces the plain products of BatchMatMul and Conv2D on wasm in this thread (once). */
export function installSimdGemm(tf: Tf): void {
  if (installed || !tf.getKernel(tf.BatchMatMul, 'wasm') || !tf.getKernel(tf.Conv2D, 'wasm')) return;
  const kernels = kernelModule<GemmExports>(GEMM_WASM_BASE64);
  if (!kernels) return;
  installed = true;
  // Whatever is registered now (upstream's, or threadmod's batched tiles) keeps the other cases.
  replaceWasmKernel(tf, tf.BatchMatMul, (args, backend) => {
    const { a, b } = args.inputs as { a: TF.TensorInfo; b: TF.TensorInfo };
    const { transposeA, transposeB } = args.attrs as unknown as TF.BatchMatMulAttrs;
    const plan = matMulPlan(a, b, transposeA, transposeB);
    return plan && multiply(backend, kernels(backend), a, b, plan);
  });
  replaceWasmKernel(tf, tf.Conv2D, (args, backend) => {
    const { x, filter } = args.inputs as { x: TF.TensorInfo; filter: TF.TensorInfo };
    const plan = conv1x1Plan(x, filter, args.attrs as unknown as TF.Conv2DAttrs);
    return plan && multiply(backend, kernels(backend), x, filter, plan);
  });
}

/** The product on the heap: undefined, with nothing written, if its buffers cannot be allocated. */
export function multiply(
  backend: WasmBackend,
  kernels: GemmExports,
  a: TF.TensorInfo,
  b: TF.TensorInfo,
  plan: GemmPlan,
) {
  const { m, k, n } = plan;
  // b packed per call: a copy of k x n floats, under 1% of the product's time, and nothing to
  // keep in step with the weights' lifetime.
  const packed = backend.wasm._malloc(Math.ceil(n / 8) * 8 * k * 4);
  const work = backend.wasm._malloc(WORK_BYTES);
  try {
    // A heap that cannot grow any more gives 0: the kernel underneath gets the product instead.
    if (packed === 0 || work === 0) return undefined;
    const out = backend.makeOutput(plan.outShape, 'float32');
    // Offsets are read after the allocations, which may grow the memory.
    kernels.packB(heapOffset(backend, b), n, k, packed);
    kernels.gemm(heapOffset(backend, a), packed, heapOffset(backend, out), m, k, n, work);
    return out;
  } finally {
    if (work !== 0) backend.wasm._free(work);
    if (packed !== 0) backend.wasm._free(packed);
  }
}
