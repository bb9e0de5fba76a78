/**
 * The SIMD BatchMatMul on wasm against upstream's own kernel, float for float,
 * over random shapes (k across upstream's blocks of 48), both layouts of b and
 * values from the whole float32 range; and the committed bytes against the
 * text they are assembled from.
 */
import { createRequire } from 'node:module';
import type * as TF from '@tensorflow/tfjs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { float32Values } from './float32-values.js';
import { replaceOnWasm } from './replaced-kernel.js';
import { MATMUL_WASM_BASE64 } from '../../../src/flag/toxicity/kernels/matmul-bytes.js';
import { installSimdBatchMatMul, K_BLOCK, multiply, planOf } from '../../../src/flag/toxicity/wasm-matmul.js';
import type { WasmBackend } from '../../../src/flag/toxicity/wasm-heap.js';
import { assemble, KERNEL_MODULES } from '../../../scripts/kernels/assemble.js';

const tf = createRequire(import.meta.url)('@tensorflow/tfjs') as typeof TF;
let upstream: TF.KernelFunc;

beforeAll(async () => {
  upstream = await replaceOnWasm(tf, tf.BatchMatMul, installSimdBatchMatMul);
});

/** a x b by upstream's kernel, called directly (the registry now holds the SIMD one). */
function byUpstream(a: TF.Tensor, b: TF.Tensor, transposeB: boolean): Float32Array {
  const backend = tf.backend();
  const info = upstream({
    inputs: { a, b },
    backend,
    attrs: { transposeA: false, transposeB } as unknown as TF.NamedAttrMap,
  }) as TF.TensorInfo;
  const values = (backend.readSync(info.dataId) as Float32Array).slice();
  backend.disposeData(info.dataId);
  return values;
}

const product = fc.record({
  lead: fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 0, maxLength: 2 }),
  m: fc.integer({ min: 1, max: 40 }),
  k: fc.integer({ min: 1, max: 2 * K_BLOCK + 9 }),
  n: fc.integer({ min: 1, max: 40 }),
  transposeB: fc.boolean(),
  seed: fc.integer(),
});

describe('SIMD BatchMatMul on wasm', () => {
  it('gives upstream kernel’s float32 values for any product it takes', () => {
    expect(tf.getKernel(tf.BatchMatMul, 'wasm')!.kernelFunc).not.toBe(upstream);
    fc.assert(
      fc.property(product, ({ lead, m, k, n, transposeB, seed }) => {
        // Batch 1 without a transpose is XNNPACK's upstream, which the SIMD kernel leaves alone.
        fc.pre(transposeB || lead.reduce((x, y) => x * y, 1) > 1);
        const batch = lead.reduce((x, y) => x * y, 1);
        const a = tf.tensor(float32Values(batch * m * k, seed), [...lead, m, k]);
        const b = tf.tensor(
          float32Values(batch * k * n, seed ^ 0x5bd1e995),
          transposeB ? [...lead, n, k] : [...lead, k, n],
        );
        expect(planOf(a, b, false, transposeB)).toBeDefined();
        const mine = tf.matMul(a, b, false, transposeB);
        const got = mine.dataSync();
        const want = byUpstream(a, b, transposeB);
        tf.dispose([a, b, mine]);
        expect(got.length).toBe(want.length);
        for (let i = 0; i < want.length; i++) {
          if (!Object.is(got[i], want[i])) expect({ at: i, got: got[i] }).toEqual({ at: i, got: want[i] });
        }
      }),
      { numRuns: 60 },
    );
  });

  it('leaves to upstream what it does not take', () => {
    const a = tf.ones([1, 3, 4]);
    const b = tf.ones([1, 4, 5]);
    expect(planOf(a, b, false, false)).toBeUndefined(); // XNNPACK's case
    expect(planOf(a, tf.ones([1, 3, 5]), true, false)).toBeUndefined(); // a transposed
    expect(planOf(tf.ones([2, 3, 4]), tf.ones([1, 4, 5]), false, false)).toBeUndefined(); // broadcast batch
    expect(planOf(tf.ones([2, 3, 4]), tf.ones([2, 4, 5]), false, false)).toMatchObject({ batch: 2, m: 3, k: 4, n: 5 });
    expect(tf.matMul(tf.ones([2, 3, 4]), tf.ones([1, 4, 5])).shape).toEqual([2, 3, 5]);
  });

  it('hands a product with b transposed to upstream when the heap has no room to transpose it', () => {
    const backend = {
      makeOutput: () => expect.unreachable('an output made without scratch'),
      wasm: { _malloc: () => 0, _free: () => expect.unreachable('freeing what was not given') },
    } as unknown as WasmBackend;
    const kernels = new Proxy({}, { get: () => () => expect.unreachable('a kernel run without scratch') });
    const a = tf.ones([2, 3, 4]);
    const b = tf.ones([2, 5, 4]);
    expect(multiply(backend, kernels as never, a, b, planOf(a, b, false, true)!)).toBeUndefined();
    tf.dispose([a, b]);
  });

  it('is what its text assembles to', async () => {
    const matmul = KERNEL_MODULES.find((kernel) => kernel.name === 'matmul')!;
    expect(Buffer.from(await assemble(matmul)).toString('base64')).toBe(MATMUL_WASM_BASE64);
  });
});
