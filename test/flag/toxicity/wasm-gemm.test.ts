/**
 * The packed SIMD product on wasm against XNNPACK through upstream's own
 * kernels (BatchMatMul and 1x1 Conv2D), float for float: random shapes across
 * the kernel's blocks (k past two blocks of KC, rows past MC, columns that
 * leave a partial panel), values from the whole float32 range; what it does
 * not take still reaches the kernels it replaced, as does any product when
 * the heap has no room for its buffers; and the committed bytes against the
 * text they are assembled from.
 */
import { createRequire } from 'node:module';
import type * as TF from '@tensorflow/tfjs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { float32Values } from './float32-values.js';
import { assemble, KERNEL_MODULES } from '../../../scripts/kernels/assemble.js';
import { activateBackend } from '../../../src/flag/toxicity/backend.js';
import { GEMM_WASM_BASE64 } from '../../../src/flag/toxicity/kernels/gemm-bytes.js';
import { KC, MC, WORK_BYTES } from '../../../src/flag/toxicity/kernels/gemm-wat.js';
import { conv1x1Plan, installSimdGemm, matMulPlan, MIN_ROWS, multiply } from '../../../src/flag/toxicity/wasm-gemm.js';
import type { WasmBackend } from '../../../src/flag/toxicity/wasm-heap.js';

const tf = createRequire(import.meta.url)('@tensorflow/tfjs') as typeof TF;
let upstreamMatMul: TF.KernelFunc;
let upstreamConv: TF.KernelFunc;

beforeAll(async () => {
  await activateBackend(tf, 'wasm');
  upstreamMatMul = tf.getKernel(tf.BatchMatMul, 'wasm')!.kernelFunc;
  upstreamConv = tf.getKernel(tf.Conv2D, 'wasm')!.kernelFunc;
  installSimdGemm(tf);
});

/** What a kernel (called directly, outside the registry) gives for these inputs. */
function byKernel(kernel: TF.KernelFunc, inputs: TF.NamedTensorInfoMap, attrs: object): Float32Array {
  const backend = tf.backend();
  const info = kernel({ inputs, backend, attrs: attrs as TF.NamedAttrMap }) as TF.TensorInfo;
  const values = (backend.readSync(info.dataId) as Float32Array).slice();
  backend.disposeData(info.dataId);
  return values;
}

function expectSameFloats(got: Float32Array, want: Float32Array): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    if (!Object.is(got[i], want[i])) expect({ at: i, got: got[i] }).toEqual({ at: i, got: want[i] });
  }
}

const shape = fc.record({
  m: fc.integer({ min: MIN_ROWS, max: MC * 2 + 70 }),
  k: fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: KC - 3, max: 2 * KC + 5 })),
  n: fc.integer({ min: 1, max: 27 }),
  seed: fc.integer(),
});

describe('packed SIMD product on wasm', () => {
  it('gives XNNPACK’s float32 values for BatchMatMul without a batch', () => {
    expect(tf.getKernel(tf.BatchMatMul, 'wasm')!.kernelFunc).not.toBe(upstreamMatMul);
    fc.assert(
      fc.property(shape, fc.boolean(), ({ m, k, n, seed }, leadingOne) => {
        const lead = leadingOne ? [1] : [];
        const a = tf.tensor(float32Values(m * k, seed), [...lead, m, k]);
        const b = tf.tensor(float32Values(k * n, seed ^ 0x5bd1e995), [...lead, k, n]);
        expect(matMulPlan(a, b, false, false)).toBeDefined();
        const mine = tf.matMul(a, b);
        expect(mine.shape).toEqual([...lead, m, n]);
        const want = byKernel(upstreamMatMul, { a, b }, { transposeA: false, transposeB: false });
        expectSameFloats(mine.dataSync() as Float32Array, want);
        tf.dispose([a, b, mine]);
      }),
      { numRuns: 25 },
    );
  });

  it('gives XNNPACK’s float32 values for a 1x1 Conv2D', () => {
    fc.assert(
      fc.property(shape, fc.constantFrom<'valid' | 'same'>('valid', 'same'), ({ m, k, n, seed }, pad) => {
        // m rows as [batch, height, 1]: the graph's [sentences, length, 1, channels].
        const height = 1 + (seed & 7);
        const batch = Math.ceil(m / height);
        const x = tf.tensor4d(float32Values(batch * height * k, seed), [batch, height, 1, k]);
        const filter = tf.tensor4d(float32Values(k * n, seed ^ 0x1b873593), [1, 1, k, n]);
        const attrs = { strides: [1, 1], pad, dataFormat: 'NHWC', dilations: [1, 1] } as const;
        expect(conv1x1Plan(x, filter, attrs as unknown as TF.Conv2DAttrs)).toBeDefined();
        const mine = tf.conv2d(x, filter, 1, pad);
        expect(mine.shape).toEqual([batch, height, 1, n]);
        const want = byKernel(upstreamConv, { x, filter }, attrs);
        expectSameFloats(mine.dataSync() as Float32Array, want);
        tf.dispose([x, filter, mine]);
      }),
      { numRuns: 25 },
    );
  });

  it('leaves every other product to the kernels it replaced', () => {
    const big = tf.ones([MIN_ROWS, 8]);
    expect(matMulPlan(tf.ones([MIN_ROWS - 1, 8]), tf.ones([8, 4]), false, false)).toBeUndefined(); // short
    expect(matMulPlan(big, tf.ones([4, 8]), false, true)).toBeUndefined(); // b transposed
    expect(matMulPlan(tf.ones([8, MIN_ROWS]), tf.ones([8, 4]), true, false)).toBeUndefined(); // a transposed
    expect(matMulPlan(tf.ones([2, MIN_ROWS, 8]), tf.ones([2, 8, 4]), false, false)).toBeUndefined(); // a batch
    expect(matMulPlan(big, tf.ones([8, 4], 'int32'), false, false)).toBeUndefined();
    const x = tf.ones([1, MIN_ROWS, 2, 8]) as TF.Tensor4D;
    const attrs = (over: object) => ({ strides: 1, pad: 'valid', dataFormat: 'NHWC', dilations: 1, ...over });
    const plan = (filter: number[], over: object = {}) =>
      conv1x1Plan(x, tf.ones(filter), attrs(over) as unknown as TF.Conv2DAttrs);
    expect(plan([1, 1, 8, 4])).toMatchObject({ m: MIN_ROWS * 2, k: 8, n: 4 });
    expect(plan([3, 3, 8, 4], { pad: 'same' })).toBeUndefined(); // not 1x1
    expect(plan([1, 1, 8, 4], { strides: [2, 1] })).toBeUndefined();
    expect(plan([1, 1, 8, 4], { dilations: [1, 2] })).toBeUndefined();
    expect(
      plan([1, 1, 8, 4], {
        pad: [
          [0, 0],
          [1, 1],
          [0, 0],
          [0, 0],
        ],
      }),
    ).toBeUndefined();
    // Those still give the right answers, through the kernels underneath.
    expect(Array.from(tf.matMul(tf.ones([2, 3]), tf.ones([3, 2])).dataSync())).toEqual([3, 3, 3, 3]);
    const strided = tf.conv2d(x, tf.ones([1, 1, 8, 4]) as TF.Tensor4D, 2, 'valid');
    expect(strided.shape).toEqual([1, MIN_ROWS / 2, 1, 4]);
    expect(Array.from(strided.dataSync()).every((v) => v === 8)).toBe(true);
    tf.disposeVariables();
  });

  it('hands the product to the kernel underneath when the heap has no room for its buffers', () => {
    // A heap at its limit: every allocation gives 0, and nothing may be written from there.
    const freed: number[] = [];
    const backend = {
      makeOutput: () => expect.unreachable('an output made without buffers'),
      wasm: { _malloc: (bytes: number) => (bytes === WORK_BYTES ? 0 : 4096), _free: (p: number) => freed.push(p) },
    } as unknown as WasmBackend;
    const kernels = new Proxy({}, { get: () => () => expect.unreachable('a kernel run without buffers') });
    const a = tf.ones([MIN_ROWS, 9]);
    const b = tf.ones([9, 5]);
    const plan = matMulPlan(a, b, false, false)!;
    expect(multiply(backend, kernels as never, a, b, plan)).toBeUndefined();
    expect(freed).toEqual([4096]); // the buffer that was given, and only it
    tf.dispose([a, b]);
  });

  it('is what its text assembles to', async () => {
    const gemm = KERNEL_MODULES.find((kernel) => kernel.name === 'gemm')!;
    expect(Buffer.from(await assemble(gemm)).toString('base64')).toBe(GEMM_WASM_BASE64);
  });
});
