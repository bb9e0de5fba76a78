/**
 * The slice-copy GatherV2 on wasm against upstream's kernel over random
 * shapes, axes, dtypes and indices (repeats included), and upstream's error
 * for an index out of range.
 */
import { createRequire } from 'node:module';
import type * as TF from '@tensorflow/tfjs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { replaceOnWasm } from './replaced-kernel.js';
import { installSliceGather } from '../../../src/flag/toxicity/wasm-gather.js';

const tf = createRequire(import.meta.url)('@tensorflow/tfjs') as typeof TF;
let upstream: TF.KernelFunc;

beforeAll(async () => {
  upstream = await replaceOnWasm(tf, tf.GatherV2, installSliceGather);
});

const gatherCase = fc
  .record({
    shape: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: 1, maxLength: 4 }),
    dtype: fc.constantFrom('float32', 'int32', 'bool') as fc.Arbitrary<'float32' | 'int32' | 'bool'>,
    axisPick: fc.nat(),
    indexShape: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 0, maxLength: 2 }),
    seed: fc.integer(),
  })
  .map(({ shape, axisPick, ...rest }) => ({ ...rest, shape, axis: axisPick % shape.length }));

describe('slice-copy GatherV2 on wasm', () => {
  it('gathers what upstream gathers, for any axis and dtype', () => {
    expect(tf.getKernel(tf.GatherV2, 'wasm')!.kernelFunc).not.toBe(upstream);
    fc.assert(
      fc.property(gatherCase, ({ shape, dtype, axis, indexShape, seed }) => {
        let s = seed | 0;
        const next = () => ((s = (Math.imul(s, 1103515245) + 12345) | 0) >>> 8) / (1 << 24);
        const size = shape.reduce((a, b) => a * b, 1);
        const values = Array.from({ length: size }, () =>
          dtype === 'bool' ? (next() < 0.5 ? 1 : 0) : (next() - 0.5) * 1e6,
        );
        const x = tf.tensor(values, shape, dtype);
        const ids = Array.from({ length: indexShape.reduce((a, b) => a * b, 1) }, () =>
          Math.floor(next() * (shape[axis] as number)),
        );
        const indices = tf.tensor(ids, indexShape, 'int32');
        const mine = tf.gather(x, indices, axis);
        const backend = tf.backend();
        const info = upstream({ inputs: { x, indices }, backend, attrs: { axis, batchDims: 0 } }) as TF.TensorInfo;
        expect(mine.shape).toEqual(info.shape);
        expect(Array.from(mine.dataSync())).toEqual(Array.from(backend.readSync(info.dataId) as ArrayLike<number>));
        backend.disposeData(info.dataId);
        tf.dispose([x, indices, mine]);
      }),
      { numRuns: 150 },
    );
  });

  it('copies whole rows of an embedding table', () => {
    const table = tf.range(0, 40 * 16).reshape([40, 16]);
    const rows = tf.gather(table, tf.tensor1d([39, 0, 7, 7], 'int32'));
    expect(Array.from(rows.dataSync()).slice(0, 3)).toEqual([624, 625, 626]);
    expect(Array.from(rows.dataSync()).slice(48, 51)).toEqual([112, 113, 114]);
  });

  it('leaves an index out of range to upstream, which refuses it', () => {
    const table = tf.ones([4, 16]);
    expect(() => tf.gather(table, tf.tensor1d([4], 'int32'))).toThrow(/GatherV2: the index value 4 is not in \[0, 3\]/);
  });
});
