import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDump } from '../../src/parse/index.js';
import { MIN_COPY_WORDS, markQuotes } from '../../src/thread/quotes.js';
import { blankComment, emptyPost, type Comment, type Thread } from '../../src/thread/schema.js';
import { SEED_THREAD } from '../support/shared.js';

function seed(): Thread {
  const file = SEED_THREAD();
  return parseDump(readFileSync(file, 'utf8'), file).posts[0]!;
}

/** Builds a thread from [id, parentId, body] rows (parents first). */
function thread(rows: ReadonlyArray<readonly [string, string | null, string]>): Thread {
  const byId = new Map<string, Comment>();
  const comments = rows.map(([id, parentId, body]) => {
    const path = parentId ? [...byId.get(parentId)!.path, id] : [id];
    const c = { ...blankComment(id, parentId, path), body };
    byId.set(id, c);
    return c;
  });
  return { post: emptyPost(), comments };
}

const quoted = (c: Comment) =>
  c.quotes.map((q) => ({ kind: q.kind, sourceId: q.sourceId ?? null, text: c.body.slice(q.start, q.end) }));

describe('markQuotes on the seed thread', () => {
  const t = seed();
  const find = (pred: (c: Comment) => boolean) => {
    const found = t.comments.filter(pred);
    expect(found).toHaveLength(1);
    return found[0]!;
  };
  const top = find((c) => c.depth === 1 && c.body.startsWith('Biden is following'));

  it('marks the score-17 reply quoting its parent in curly quotes', () => {
    const reply = find((c) => c.score === 17);
    expect(reply.parentId).toBe(top.id);
    const parentSecondParagraph = top.body.split(/\n\s*\n/)[1]!.trim();
    expect(quoted(reply)).toContainEqual({ kind: 'ancestor', sourceId: top.id, text: `“${parentSecondParagraph}”` });
    // The author's own words after the quote are not marked.
    expect(quoted(reply).some((q) => q.text.includes('Fuck off libtard'))).toBe(false);
  });

  it('marks the score-16 reply copying the top-level comment without quotation marks', () => {
    const reply = find((c) => c.score === 16);
    expect(quoted(reply)).toContainEqual({
      kind: 'ancestor',
      sourceId: top.id,
      text: 'Biden is following the same US-ally mutual defense policy that has been in place since Israel was founded',
    });
    expect(quoted(reply).some((q) => q.text.includes('Maybe he should change that policy'))).toBe(false);
  });

  it("marks the moderator's citations as quotations", () => {
    const mod = find((c) => c.author?.name === 'jordanlund');
    expect(quoted(mod)).toEqual([
      { kind: 'quotation', sourceId: null, text: '“Your tantrum is as naive as it is immature.”' },
      { kind: 'quotation', sourceId: null, text: '“you ignorant idiot”' },
    ]);
  });

  it('marks a phrase copied back to mock the parent, and only that phrase', () => {
    const reply = find((c) => c.body.startsWith('The fact that I’m mad about it'));
    const q = quoted(reply);
    expect(q).toEqual([
      { kind: 'ancestor', sourceId: reply.parentId, text: 'Be careful, or we all may drown in your' },
    ]);
  });

  it('does not mark a short phrase two comments happen to share', () => {
    // "defense policy that has been" occurs in the top-level comment and in a
    // grandchild, five words: shorter than a copy must be.
    const reply = find((c) => c.body.startsWith('The US supporting the Israeli invasion'));
    expect(reply.body).toContain('defense policy that has been');
    expect(MIN_COPY_WORDS).toBeGreaterThan(5);
    expect(reply.quotes).toEqual([]);
  });

  it('keeps spans inside the body, sorted and disjoint', () => {
    const spans = t.comments.flatMap((c) => c.quotes);
    // The seed has both kinds, so the loop below checks real spans.
    expect(spans.some((q) => q.kind === 'ancestor')).toBe(true);
    expect(spans.some((q) => q.kind !== 'ancestor')).toBe(true);
    for (const c of t.comments) {
      let end = 0;
      for (const q of c.quotes) {
        expect(q.start).toBeGreaterThanOrEqual(end);
        expect(q.end).toBeGreaterThan(q.start);
        expect(q.end).toBeLessThanOrEqual(c.body.length);
        end = q.end;
      }
    }
  });
});

describe('markQuotes on hand-built threads', () => {
  it('marks Markdown block quotes, joining consecutive lines', () => {
    const t = markQuotes(
      thread([['a', null, '> first quoted line\n> second quoted line\n\nmy answer\n\n> another quote']]),
    );
    expect(quoted(t.comments[0]!)).toEqual([
      { kind: 'markdown', sourceId: null, text: '> first quoted line\n> second quoted line' },
      { kind: 'markdown', sourceId: null, text: '> another quote' },
    ]);
  });

  it('marks whole paragraphs in straight or curly quotation marks, not paragraphs that merely contain quotes', () => {
    const body = '"You are a clown."\n\n“What an idiot”.\n\nHe said "hi" and "bye".';
    const t = markQuotes(thread([['a', null, body]]));
    expect(quoted(t.comments[0]!)).toEqual([
      { kind: 'quotation', sourceId: null, text: '"You are a clown."' },
      { kind: 'quotation', sourceId: null, text: '“What an idiot”.' },
    ]);
  });

  it('marks inline quotes of an ancestor, with the nearest ancestor that said it', () => {
    const t = markQuotes(
      thread([
        ['a', null, 'Only an idiot would vote for that.'],
        ['b', 'a', 'I would, and I am no idiot.'],
        ['c', 'b', 'You called me an "idiot" and said "an idiot would vote for that"? Nobody said "banana".'],
      ]),
    );
    expect(quoted(t.comments[2]!)).toEqual([
      { kind: 'ancestor', sourceId: 'b', text: '"idiot"' },
      { kind: 'ancestor', sourceId: 'a', text: '"an idiot would vote for that"' },
    ]);
  });

  it('marks copies from any ancestor but not from a sibling', () => {
    const words = 'the committee never published the minutes of that meeting anywhere';
    const t = markQuotes(
      thread([
        ['a', null, `As far as I know ${words}.`],
        ['b', 'a', 'Source?'],
        ['c', 'b', `${words[0]!.toUpperCase()}${words.slice(1)}. Look it up yourself.`],
        ['d', 'a', 'Another reply.'],
        ['e', 'd', `Funny, ${words}, said my cousin too.`],
        ['f', 'b', `I read ${words.split(' ').slice(0, 5).join(' ')} and more.`],
      ]),
    );
    const [, , c, , e, f] = t.comments;
    expect(quoted(c!)).toEqual([
      { kind: 'ancestor', sourceId: 'a', text: `${words[0]!.toUpperCase()}${words.slice(1)}.` },
    ]);
    expect(quoted(e!)).toEqual([{ kind: 'ancestor', sourceId: 'a', text: `${words},` }]);
    // Five words in a row is a coincidence, not a copy.
    expect(f!.quotes).toEqual([]);
    const sibling = markQuotes(
      thread([
        ['a', null, 'x'],
        ['b', 'a', `${words}.`],
        ['c', 'a', `${words}.`],
      ]),
    );
    expect(sibling.comments[2]!.quotes).toEqual([]);
  });

  it('treats the post as the root ancestor', () => {
    const t = markQuotes({
      post: { ...emptyPost(), body: 'The council voted to close the library on every Sunday from next year.' },
      comments: [
        {
          ...blankComment('a', null, ['a']),
          body: 'They voted to close the library on every Sunday from next year? Why.',
        },
      ],
    });
    expect(quoted(t.comments[0]!)).toEqual([
      { kind: 'ancestor', sourceId: null, text: 'voted to close the library on every Sunday from next year?' },
    ]);
  });

  it('survives a reply chain far deeper than the call stack', () => {
    const rows: Array<[string, string | null, string]> = [
      ['c0', null, 'start of a very long argument about nothing at all'],
    ];
    for (let i = 1; i < 20_000; i++) rows.push([`c${i}`, `c${i - 1}`, i % 2 ? 'no' : 'yes']);
    const comments: Comment[] = rows.map(([id, parentId, body], i) => ({
      ...blankComment(id, parentId, [id]),
      depth: i + 1,
      body,
    }));
    const t = markQuotes({ post: emptyPost(), comments });
    expect(t.comments).toHaveLength(20_000);
  });

  it('is idempotent and leaves the input untouched', () => {
    const input = thread([
      ['a', null, 'Everyone who disagrees with me is simply wrong about this whole thing.'],
      ['b', 'a', '"Everyone who disagrees with me is simply wrong" is a bold claim.'],
    ]);
    const once = markQuotes(input);
    expect(markQuotes(once)).toEqual(once);
    expect(input.comments.every((c) => c.quotes.length === 0)).toBe(true);
  });

  it('gives well-formed spans whose sources are real ancestors, for any thread', () => {
    const word = fc.constantFrom(
      'you',
      'are',
      'an',
      'idiot',
      'the',
      'policy',
      'is',
      'wrong',
      '"',
      '“',
      '”',
      '>',
      '\n',
      '\n\n',
      'vote',
      'for',
      'him',
    );
    const body = fc.array(word, { maxLength: 40 }).map((ws) => ws.join(' '));
    let spansSeen = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), body), { minLength: 1, maxLength: 25 }), (specs) => {
        const rows: Array<[string, string | null, string]> = specs.map(([p, b], i) => [
          `c${i}`,
          i === 0 ? null : `c${p % i}`,
          b,
        ]);
        const t = markQuotes(thread(rows));
        const byId = new Map(t.comments.map((c) => [c.id, c]));
        spansSeen += t.comments.reduce((n, c) => n + c.quotes.length, 0);
        for (const c of t.comments) {
          let end = 0;
          for (const q of c.quotes) {
            if (q.start < end || q.end <= q.start || q.end > c.body.length) return false;
            end = q.end;
            if (q.kind === 'ancestor' && q.sourceId != null && !c.path.slice(0, -1).includes(q.sourceId)) return false;
            if (q.kind === 'ancestor' && q.sourceId != null && !byId.has(q.sourceId)) return false;
          }
        }
        return true;
      }),
      { numRuns: 200 },
    );
    // The generator must produce quotes, or the property checks nothing.
    expect(spansSeen).toBeGreaterThan(0);
  });
});
