/**
 * The quote worker marks comments one at a time as the parser reads them
 * (QuoteWalk); its spans must be what `markQuotes` finds on the whole
 * thread, whether it is given bodies as strings or as UTF-16 units (then
 * decoding only those that may quote or have replies).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { markQuotes } from '../../src/thread/quotes.js';
import { QuoteWalk, postQuoteText } from '../../src/thread/quote-walk.js';
import { blankComment, emptyPost, type Comment, type QuoteSpan, type Thread } from '../../src/thread/schema.js';

const WORDS = 'you are wrong about this and the idiot said that we should vote for them now'.split(' ');
const sentence = fc.array(fc.constantFrom(...WORDS), { minLength: 3, maxLength: 14 }).map((ws) => ws.join(' '));

/** A thread in reading order from (depth step, body, quote) rows; quoting rows take an ancestor's words. */
function build(rows: ReadonlyArray<{ step: number; body: string; quote: number }>, title: string | null): Thread {
  const comments: Comment[] = [];
  const open: Comment[] = [];
  rows.forEach((row, i) => {
    // step 0: a reply to the previous comment; otherwise climb (step - 1) levels from there.
    const depth = Math.max(0, Math.min(open.length, open.length - row.step + 1));
    open.length = depth;
    const parent = open[open.length - 1] ?? null;
    const id = `c${i}`;
    let body = row.body;
    if (parent !== null && row.quote === 1) body = `${parent.body} ${body}`;
    if (parent !== null && row.quote === 2) body = `“${parent.body}”\n\n${body}`;
    if (parent !== null && row.quote === 3) body = `> ${parent.body}\n\n${body}`;
    if (parent !== null && row.quote === 4) body = `"${parent.body.split(' ').slice(0, 2).join(' ')}" ${body}`;
    if (row.quote === 5) body = '';
    const c = { ...blankComment(id, parent?.id ?? null, parent ? [...parent.path, id] : [id]), body };
    comments.push(c);
    open.push(c);
  });
  return { post: { ...emptyPost(), title }, comments };
}

function walk(thread: Thread, asUnits: boolean): QuoteSpan[][] {
  const index = new Map(thread.comments.map((c, i) => [c.id, i]));
  const w = new QuoteWalk(postQuoteText(thread.post));
  return thread.comments.map((c) => {
    const parent = c.parentId === null ? -1 : index.get(c.parentId)!;
    const spans = asUnits
      ? w.addUnits(
          parent,
          c.id,
          Uint16Array.from({ length: c.body.length }, (_, k) => c.body.charCodeAt(k)),
        )
      : w.add(parent, c.id, c.body);
    return spans.map((s) => ({ ...s }));
  });
}

describe('QuoteWalk', () => {
  it('finds what markQuotes finds, bodies as strings or as units', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ step: fc.nat({ max: 4 }), body: sentence, quote: fc.nat({ max: 6 }) }), { maxLength: 30 }),
        fc.option(sentence, { nil: null }),
        fc.boolean(),
        (rows, title, asUnits) => {
          const thread = build(rows, title);
          const want = markQuotes(thread).comments.map((c) => c.quotes);
          expect(walk(thread, asUnits)).toEqual(want);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('finds quotes through an ancestor that is only a placeholder, and after climbing back up', () => {
    const thread = build(
      [
        { step: 0, body: 'you are wrong about this and the idiot said that', quote: 0 },
        { step: 0, body: 'we should vote', quote: 5 },
        { step: 0, body: 'now them', quote: 1 },
        { step: 3, body: 'vote for them now and the idiot said', quote: 1 },
      ],
      'the idiot said that we should vote for them now',
    );
    const want = markQuotes(thread).comments.map((c) => c.quotes);
    expect(want.some((q) => q.length > 0)).toBe(true);
    expect(walk(thread, true)).toEqual(want);
    expect(walk(thread, false)).toEqual(want);
  });
});
