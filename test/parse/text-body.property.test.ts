/**
 * Comment bodies are stored as slices of shared block strings
 * (`BlockBodies`); each must read exactly as the plain `BodyBuilder` builds
 * it, across block boundaries too.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BlockBodies, BodyBuilder } from '../../src/parse/text-body.js';
import { blankComment } from '../../src/thread/blank.js';

type Op = { line: string } | 'blank' | 'end';

function both(ops: readonly Op[]): void {
  const blocks = new BlockBodies();
  const plain = new BodyBuilder();
  const comments = [];
  const want: string[] = [];
  for (const op of [...ops, 'end' as const]) {
    if (op === 'blank') {
      blocks.addBlank();
      plain.addBlank();
    } else if (op === 'end') {
      const comment = blankComment(`c${comments.length}`, null, [`c${comments.length}`]);
      comments.push(comment);
      blocks.takeInto(comment);
      want.push(plain.take());
    } else {
      blocks.addLine(op.line);
      plain.addLine(op.line);
    }
  }
  blocks.flush();
  expect(comments.map((c) => c.body)).toEqual(want);
}

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.string({ minLength: 1, maxLength: 12 }).map((line) => ({ line })),
  fc.constant('blank' as const),
  fc.constant('end' as const),
);

describe('BlockBodies', () => {
  it('gives every comment the body BodyBuilder builds', () => {
    fc.assert(fc.property(fc.array(op, { maxLength: 60 }), both), { numRuns: 2000 });
  });

  it('does so across many blocks', () => {
    const ops: Op[] = [];
    for (let i = 0; i < 30_000; i++) {
      ops.push({ line: `line ${i} of some comment, long enough to fill blocks •` });
      if (i % 3 === 0) ops.push('blank');
      if (i % 7 === 0) ops.push('end');
    }
    both(ops);
  });
});
