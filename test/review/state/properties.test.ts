import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { key, type KeyName, type Keystroke } from '../../../src/review/keystroke.js';
import { addMarkers, segmentBody, wrapSegments } from '../../../src/review/state/body-lines.js';
import { layout, scrollWindow } from '../../../src/review/state/layout.js';
import { initialState, reviewReducer } from '../../../src/review/state/reducer.js';
import { selectedId, visibleRows } from '../../../src/review/state/selectors.js';
import { lineText } from '../../../src/review/state/styled.js';
import { deleteBack, insertText, moveCursor, textField } from '../../../src/review/state/text-field.js';
import { textWidth } from '../../../src/review/state/text-width.js';
import { FLAGS, RULES, THREAD } from '../support/fixture.js';

const span = (max: number) =>
  fc.tuple(fc.nat(max), fc.nat(max)).map(([a, b]) => ({ start: Math.min(a, b), end: Math.max(a, b) }));

describe('text field', () => {
  it('typing then deleting as many characters gives the text back, cursor in bounds', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme-composite' }),
        fc.string({ unit: 'grapheme-composite', minLength: 1 }),
        fc.integer({ min: -5, max: 40 }),
        (base, typed, move) => {
          const start = moveCursor(textField(base), move);
          let field = insertText(start, typed);
          expect(field.cursor).toBe(start.cursor + [...typed].length);
          for (let i = 0; i < [...typed].length; i++) field = deleteBack(field);
          expect(field).toEqual(start);
          expect(start.cursor).toBeGreaterThanOrEqual(0);
          expect(start.cursor).toBeLessThanOrEqual([...base].length);
        },
      ),
    );
  });
});

describe('body lines', () => {
  it('segments cover the body exactly, and each character has the tone of the spans it is in', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 80 }),
        fc.array(span(80), { maxLength: 3 }),
        fc.array(span(80), { maxLength: 3 }),
        (body, evidence, quotes) => {
          const segments = segmentBody(body, { evidence, terms: [], quotes });
          expect(segments.map((s) => s.text).join('')).toBe(body);
          let at = 0;
          for (const s of segments) {
            const inEvidence = evidence.some((e) => e.start <= at && at < e.end);
            const inQuote = quotes.some((q) => q.start <= at && at < q.end);
            expect(s.tone).toBe(inEvidence ? 'evidence' : inQuote ? 'quoted' : 'plain');
            at += s.text.length;
          }
        },
      ),
    );
  });

  it('wrapping keeps every word, in order, and no line is wider than the pane', () => {
    const word = fc.stringMatching(/^[a-zA-Z»«.,é]{1,14}$/);
    fc.assert(
      fc.property(
        fc.array(fc.oneof(word, fc.constantFrom(' ', '\n', '\n\n')), { maxLength: 40 }),
        fc.integer({ min: 4, max: 60 }),
        span(200),
        (tokens, width, evidence) => {
          const body = tokens.join('');
          const segments = addMarkers(segmentBody(body, { evidence: [evidence], terms: [], quotes: [] }));
          const { lines } = wrapSegments(segments, width);
          for (const line of lines) expect(textWidth(lineText(line))).toBeLessThanOrEqual(width);
          const words = (text: string) => text.replace(/[»«]/g, '').split(/\s+/).filter(Boolean).join('');
          expect(words(lines.map(lineText).join(' '))).toBe(words(body));
        },
      ),
    );
  });
});

describe('layout', () => {
  it('the window always holds the selection and never runs past the list', () => {
    fc.assert(
      fc.property(
        fc.nat(500),
        fc.nat(600),
        fc.integer({ min: 1, max: 40 }),
        fc.nat(600),
        (prev, selected, height, total) => {
          fc.pre(selected < total);
          const start = scrollWindow(prev, selected, height, total);
          expect(start).toBeGreaterThanOrEqual(0);
          expect(selected).toBeGreaterThanOrEqual(start);
          expect(selected).toBeLessThan(start + height);
          expect(start + Math.min(height, total)).toBeLessThanOrEqual(total);
        },
      ),
    );
  });

  it('fits the screen: fixed lines, list and context add up to one row less than the terminal', () => {
    fc.assert(
      fc.property(fc.integer({ min: 12, max: 200 }), (rows) => {
        const l = layout(80, rows);
        expect(6 + l.listHeight + l.contextHeight).toBe(rows - 1);
      }),
    );
  });
});

describe('session reducer under random keys', () => {
  const names: KeyName[] = ['up', 'down', 'return', 'escape', 'tab', 'backspace', 'pageup', 'pagedown', 'left', 'home'];
  const stroke: fc.Arbitrary<Keystroke> = fc.oneof(
    fc.constantFrom(...'jkrawbsuUt/x?qgG zé1'.split('')).map((c) => key(c)),
    fc.constantFrom(...names).map((n) => key('', n)),
  );

  it('never throws; the selection is always a visible row or a thread comment; effects wait their turn', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(stroke, fc.constant('settle' as const)), { maxLength: 60 }), (steps) => {
        let s = initialState({ thread: THREAD, rules: RULES });
        s = reviewReducer(s, {
          type: 'journal-opened',
          scorer: { name: 'lexicon', backend: null, model: null },
          snapshot: { active: new Map(), undo: 0, redo: 0 },
        });
        s = reviewReducer(s, { type: 'scan-done', flags: FLAGS, analyses: new Map() });
        for (const step of steps) {
          if (step === 'settle') {
            if (s.pending) s = reviewReducer(s, { type: 'effect-done', id: s.pending.id, result: { kind: 'done' } });
            continue;
          }
          const before = s.pending;
          s = reviewReducer(s, { type: 'key', key: step });
          if (before) expect(s.pending).toBe(before);
          const id = selectedId(s);
          if (s.view === 'queue') expect(id === null || visibleRows(s).some((r) => r.id === id)).toBe(true);
          else expect(THREAD.comments.some((c) => c.id === id)).toBe(true);
        }
      }),
    );
  });
});

describe('queue', () => {
  it('adding flags batch by batch gives the same queue as building it at once', async () => {
    const { addFlags, buildRows } = await import('../../../src/review/state/queue.js');
    const { threadIndex } = await import('../../../src/review/state/thread-index.js');
    const { bigThread } = await import('../support/big-thread.js');
    const thread = bigThread(300, 7);
    const index = threadIndex(thread);
    const flag = (i: number, rule: string, severity: number) => ({
      ...FLAGS[0]!,
      commentId: thread.comments[i]!.id,
      ruleId: rule,
      severity,
    });
    const flagArb = fc
      .tuple(fc.nat(299), fc.constantFrom('personal-attack', 'civility'), fc.double({ min: 0, max: 1, noNaN: true }))
      .map(([i, r, s]) => flag(i, r, s));
    fc.assert(
      fc.property(fc.array(fc.array(flagArb, { maxLength: 12 }), { maxLength: 8 }), (batches) => {
        let rows = buildRows([], index);
        for (const batch of batches) rows = addFlags(rows, batch, index);
        const all = buildRows(batches.flat(), index);
        const view = (r: typeof rows) => r.map((row) => [row.id, row.flags.map((f) => `${f.ruleId}:${f.severity}`)]);
        expect(view(rows)).toEqual(view(all));
      }),
    );
  });
});
