/**
 * BatchMatMul for the wasm backend with SIMD tiles, bit for bit upstream's.
 *
 * tfjs-backend-wasm 4.22 gives XNNPACK only the products without a batch and
 * without transposes; everything else, including the toxicity graph's
 * attention (128 products of 45 x 64 by 64 x 45, then 45 x 45 by 45 x 64, per
 * 16 sentences), goes through a scalar loop at about 2.5 GFLOP/s: 14% of a
 * worker's kernel time on 200-character comments. That loop sums each output
 * element alone, from 0, in blocks of 48 values of k, and adds each block's
 * sum into the output. The tiles in kernels/matmul-wat.ts keep exactly that
 * order and only do four output columns at once, so the outputs are the same
 * float32 values; what is left (XNNPACK's cases, which wasm-gemm.ts takes when
 * installed after this, a transposed a, batches that broadcast) still goes to
 * upstream's kernel.
 */
import type * as TF from '@tensorflow/tfjs-core';
import { MATMUL_WASM_BASE64 } from './kernels/matmul-bytes.js';
import { heapOffset, kernelModule, replaceWasmKernel, type WasmBackend } from './wasm-heap.js';

type Tf = typeof TF;

/** Upstream's k block: its sums restart from 0 every 48 values of k. */
export const K_BLOCK = 48;

export interface MatmulExports {
  block(a: number, lda: number, b: number, ldb: number, c: number, ldc: number, m: number, n: number, kn: number): void;
  transpose(src: number, dst: number, n: number, k: number): void;
}

let installed = false;

/** Replaces the wasm backend's BatchMatMul in this thread (once; later calls do nothing). */
export function installSimdBatchMatMul(tf: Tf): void {
  if (installed || !tf.getKernel(tf.BatchMatMul, 'wasm')) return;
  const kernels = kernelModule<MatmulExports>(MATMUL_WASM_BASE64);
  if (!kernels) return; // no SIMD in this runtime: upstream's kernel stays
  installed = true;
  replaceWasmKernel(tf, tf.BatchMatMul, (args, backend) => {
    const { a, b } = args.inputs as { a: TF.TensorInfo; b: TF.TensorInfo };
    const { transposeA, transposeB } = args.attrs as unknown as TF.BatchMatMulAttrs;
    const plan = planOf(a, b, transposeA, transposeB);
    return plan && multiply(backend, kernels(backend), a, b, plan);
  });
}

/** The shapes of a product this kernel takes, or undefined for one upstream should do. */
export interface Plan {
  batch: number;
  m: number;
  k: number;
  n: number;
  transposeB: boolean;
  outShape: number[];
}

/** Takes what upstream sends to its scalar loop, less a transposed a and broadcasting batches. */
export function planOf(a: TF.TensorInfo, b: TF.TensorInfo, transposeA: boolean, transposeB: boolean): Plan | undefined {
  if (transposeA || a.dtype !== 'float32' || b.dtype !== 'float32') return undefined;
  const ra = a.shape.length;
  const rb = b.shape.length;
  if (ra < 2 || rb < 2 || ra !== rb) return undefined;
  for (let d = 0; d < ra - 2; d++) if (a.shape[d] !== b.shape[d]) return undefined;
  const batch = a.shape.slice(0, -2).reduce((x, y) => x * y, 1);
  // XNNPACK's case upstream: leave it there.
  if (batch === 1 && !transposeB) return undefined;
  const m = a.shape[ra - 2] as number;
  const k = a.shape[ra - 1] as number;
  const n = (transposeB ? b.shape[rb - 2] : b.shape[rb - 1]) as number;
  if ((transposeB ? b.shape[rb - 1] : b.shape[rb - 2]) !== k) return undefined; // upstream words the error
  if (m === 0 || n === 0 || k === 0 || batch === 0) return undefined;
  return { batch, m, k, n, transposeB, outShape: [...a.shape.slice(0, -2), m, n] };
}

/** The product on the heap: undefined, with nothing written, if its scratch cannot be allocated. */
export function multiply(backend: WasmBackend, kernels: MatmulExports, a: TF.TensorInfo, b: TF.TensorInfo, plan: Plan) {
  const { batch, m, k, n, transposeB } = plan;
  const scratch = transposeB ? backend.wasm._malloc(k * n * 4) : 0;
  // A heap that cannot grow any more gives 0: upstream's kernel gets the product instead.
  if (transposeB && scratch === 0) return undefined;
  try {
    const out = backend.makeOutput(plan.outShape, 'float32');
    // Offsets are read after the allocations, which may move nothing but may grow the memory.
    const pa = heapOffset(backend, a);
    const pbIn = heapOffset(backend, b);
    const pc = heapOffset(backend, out);
    backend.wasm.HEAPF32.fill(0, pc >>> 2, (pc >>> 2) + batch * m * n);
    for (let s = 0; s < batch; s++) {
      let pb = pbIn + s * k * n * 4;
      if (transposeB) {
        kernels.transpose(pb, scratch, n, k);
        pb = scratch;
      }
      const a0 = pa + s * m * k * 4;
      const c0 = pc + s * m * n * 4;
      for (let k0 = 0; k0 < k; k0 += K_BLOCK) {
        const kn = Math.min(K_BLOCK, k - k0);
        kernels.block(a0 + k0 * 4, k * 4, pb + k0 * n * 4, n * 4, c0, n * 4, m, n, kn);
      }
    }
    return out;
  } finally {
    if (scratch) backend.wasm._free(scratch);
  }
}
