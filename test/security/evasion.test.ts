/**
 * Evasion: "you are an idiot" disguised with zero-width characters, soft
 * hyphens, bidi controls, fullwidth or mathematical letters, accents, or
 * Cyrillic and Greek look-alikes is flagged like the plain text, and the
 * evidence still points into what was written.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flagThread } from '../../src/flag/flagger.js';
import { createLexiconScorer } from '../../src/flag/lexicon/index.js';
import { loadRules } from '../../src/flag/rules.js';
import type { Scorer } from '../../src/flag/scorer.js';
import { originalSpan, scoringText } from '../../src/flag/scoring-text.js';
import { blankComment, emptyPost, type Thread } from '../../src/thread/schema.js';

const PLAIN = 'you are an idiot';

/** Disguises that leave the words readable to a person. */
const DISGUISES: Record<string, (text: string) => string> = {
  'zero-width spaces': (t) => [...t].join('\u200b'),
  'zero-width joiners and word joiners': (t) => t.replace(/i/g, 'i\u200d').replace(/o/g, '\u2060o'),
  'soft hyphens': (t) => t.replace(/idiot/, 'id\u00adi\u00adot'),
  'bidi overrides': (t) => t.replace(/idiot/, '\u202did\u202ciot\u2066\u2069'),
  'fullwidth letters': (t) =>
    [...t].map((c) => (c === ' ' ? c : String.fromCodePoint(c.codePointAt(0)! + 0xfee0))).join(''),
  'mathematical bold letters': (t) =>
    [...t].map((c) => (c === ' ' ? c : String.fromCodePoint(0x1d41a + c.charCodeAt(0) - 97))).join(''),
  'Cyrillic look-alikes': (t) =>
    t.replace(/a/g, 'а').replace(/e/g, 'е').replace(/o/g, 'о').replace(/i/g, 'і').replace(/y/g, 'у'),
  'Greek look-alikes': (t) => t.replace(/o/g, 'ο').replace(/i/g, 'ι'),
  'accents, precomposed and combining': (t) => t.replace('idiot', 'ïdi\u0302ot').replace('you', 'yòu'),
  'everything at once': (t) => `\u202e${t.replace('idiot', 'і\u200bd\u00adｉοt')}`,
};

function thread(body: string): Thread {
  return { post: emptyPost(), comments: [{ ...blankComment('c1', null, ['c1']), body }] };
}

describe('evasion', () => {
  it('each disguise is flagged like the plain text, with evidence offsets in the original', async () => {
    const rules = await loadRules();
    const scorer = createLexiconScorer();
    const plain = await flagThread(thread(`Thanks. ${PLAIN}.`), scorer, { rules });
    expect(plain.flags.length).toBeGreaterThan(0);
    const expected = plain.flags.map((f) => [f.ruleId, f.severity]);
    for (const [name, disguise] of Object.entries(DISGUISES)) {
      const body = `Thanks. ${disguise(PLAIN)}.`;
      expect(body, name).not.toContain(PLAIN);
      const { flags } = await flagThread(thread(body), scorer, { rules });
      expect(
        flags.map((f) => [f.ruleId, f.severity]),
        name,
      ).toEqual(expected);
      for (const flag of flags) {
        for (const evidence of flag.evidence) {
          expect(body.slice(evidence.start, evidence.end), name).toBe(evidence.text);
          for (const term of evidence.terms) expect(body.slice(term.start, term.end), name).toBe(term.text);
        }
      }
      const insult = flags[0]!.evidence[0]!.terms.find((t) => t.term === 'idiot');
      expect(insult, name).toBeDefined();
      // The term covers the disguised word as written.
      expect(scoringText(insult!.text).text.toLowerCase(), name).toBe('idiot');
    }
  });

  it('the flagger, not each scorer, undoes the disguise: any scorer reads the normalised sentence', async () => {
    const read: string[] = [];
    const recording: Scorer = {
      info: { name: 'recording', backend: null, model: null },
      async score(sentences) {
        read.push(...sentences);
        return createLexiconScorer().score(sentences);
      },
      close: async () => {},
    };
    await flagThread(thread(DISGUISES['everything at once']!(PLAIN)), recording, { rules: await loadRules() });
    expect(read).toEqual([PLAIN]);
  });

  it('leaves real Russian and Greek words alone, and ordinary English unchanged', () => {
    expect(scoringText('идиот и дурак').text).toBe('идиот и дурак');
    expect(scoringText('Καλημέρα κόσμε').text).toBe('Καλημέρα κόσμε'.normalize('NFKC'));
    const english = 'I said "no" -- 100% sure, rn.';
    expect(scoringText(english).text).toBe(english);
  });

  it('maps every span of the scoring text back inside the original, in order', () => {
    const alphabet = ['a', 'i', 'о', 'ｉ', '\u200b', '\u00ad', '\u202e', 'é', 'e\u0301', '𝐝', ' ', '.', 'ﬁ', '😀', 'д'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }), (parts) => {
        const original = parts.join('');
        const read = scoringText(original);
        let previous = 0;
        for (let i = 0; i < read.text.length; i++) {
          const span = originalSpan(read, i, i + 1);
          expect(span.start).toBeGreaterThanOrEqual(previous);
          expect(span.end).toBeGreaterThan(span.start);
          expect(span.end).toBeLessThanOrEqual(original.length);
          previous = span.start;
        }
        const whole = originalSpan(read, 0, read.text.length);
        if (read.text.length > 0) expect(whole.end).toBeLessThanOrEqual(original.length);
      }),
    );
  });
});
