/**
 * The heap-copy Slice and SplitV kernels on wasm against an element-by-element
 * reference, over random shapes, blocks and dtypes.
 */
import { createRequire } from 'node:module';
import type * as TF from '@tensorflow/tfjs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { activateBackend } from '../../../src/flag/toxicity/backend.js';
import { installHeapSlices } from '../../../src/flag/toxicity/wasm-slice.js';

const tf = createRequire(import.meta.url)('@tensorflow/tfjs') as typeof TF;

beforeAll(async () => {
  await activateBackend(tf, 'wasm');
  installHeapSlices(tf);
});

/** The block [begin, begin + size) of a row-major array of `shape`, one element at a time. */
function reference(values: ArrayLike<number>, shape: number[], begin: number[], size: number[]): number[] {
  const out: number[] = [];
  const total = size.reduce((a, b) => a * b, 1);
  for (let n = 0; n < total; n++) {
    let rest = n;
    let flat = 0;
    for (let d = 0; d < shape.length; d++) {
      const inner = size.slice(d + 1).reduce((a, b) => a * b, 1);
      const i = Math.floor(rest / inner);
      rest %= inner;
      flat = flat * (shape[d] as number) + (begin[d] as number) + i;
    }
    out.push(values[flat] as number);
  }
  return out;
}

const block = fc
  .array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 4 })
  .chain((shape) =>
    fc
      .tuple(...shape.map((dim) => fc.integer({ min: 0, max: dim - 1 })))
      .chain((begin) =>
        fc
          .tuple(...shape.map((dim, d) => fc.integer({ min: 0, max: dim - (begin[d] as number) })))
          .map((size) => ({ shape, begin, size })),
      ),
  );

describe('heap-copy Slice and SplitV on wasm', () => {
  it('runs on wasm with the replaced kernels', () => {
    expect(tf.getBackend()).toBe('wasm');
  });

  it('slices any block of float32, int32 and bool tensors exactly', () => {
    fc.assert(
      fc.property(
        block,
        fc.constantFrom('float32', 'int32', 'bool') as fc.Arbitrary<'float32' | 'int32' | 'bool'>,
        ({ shape, begin, size }, dtype) => {
          const n = shape.reduce((a, b) => a * b, 1);
          const values = Array.from({ length: n }, (_, i) =>
            dtype === 'bool' ? (i % 3 === 0 ? 1 : 0) : dtype === 'int32' ? i * 7 - 11 : Math.fround(Math.sin(i) * 1e3),
          );
          const x = tf.tensor(values, shape, dtype);
          const y = tf.slice(x, begin, size);
          expect(y.shape).toEqual(size);
          expect([...y.dataSync()]).toEqual(reference(values, shape, begin, size));
          tf.dispose([x, y]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('splits along any axis exactly', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 4 }),
        fc.nat(),
        fc.nat(),
        (shape, axisSeed, cutSeed) => {
          const axis = axisSeed % shape.length;
          const dim = shape[axis] as number;
          const cut = cutSeed % (dim + 1);
          const sizes = cut === 0 || cut === dim ? [dim] : [cut, dim - cut];
          const n = shape.reduce((a, b) => a * b, 1);
          const values = Array.from({ length: n }, (_, i) => Math.fround(i / 7));
          const x = tf.tensor(values, shape);
          const parts = tf.split(x, sizes, axis);
          let offset = 0;
          parts.forEach((part, k) => {
            const begin = shape.map((_, d) => (d === axis ? offset : 0));
            const size = shape.map((s, d) => (d === axis ? (sizes[k] as number) : s));
            expect([...part.dataSync()]).toEqual(reference(values, shape, begin, size));
            offset += sizes[k] as number;
          });
          tf.dispose([x, ...parts]);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('still slices string tensors (through the original kernel)', () => {
    const x = tf.tensor(['a', 'b', 'c', 'd'], [2, 2], 'string');
    const y = tf.slice(x, [1, 0], [1, 2]);
    expect(y.arraySync()).toEqual([['c', 'd']]);
    tf.dispose([x, y]);
  });
});
