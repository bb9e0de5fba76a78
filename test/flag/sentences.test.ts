import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_SENTENCE_CHARS, splitSentences } from '../../src/flag/sentences.js';

const texts = (text: string) => splitSentences(text).map((s) => s.text);

describe('splitSentences', () => {
  it('splits on sentence ends and paragraph breaks, with offsets into the text', () => {
    const text = '  Hello there. How are you?\n\nFine!  Thanks.\nBye';
    const out = splitSentences(text);
    expect(out.map((s) => s.text)).toEqual(['Hello there.', 'How are you?', 'Fine!', 'Thanks.', 'Bye']);
    for (const s of out) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it('starts a sentence at a lower-case word after a full stop, except after abbreviations', () => {
    expect(texts('pure ignorance. you did it again. see e.g. this one. Mr. smith agrees')).toEqual([
      'pure ignorance.',
      'you did it again.',
      'see e.g. this one.',
      'Mr. smith agrees',
    ]);
  });

  it('keeps a quotation and the words after it apart when the quotation ends a sentence', () => {
    expect(texts('“This is idiotic.” Fuck off libtard')).toEqual(['“This is idiotic.”', 'Fuck off libtard']);
  });

  it('drops empty and blank input', () => {
    expect(splitSentences('')).toEqual([]);
    expect(splitSentences(' \n\n \t ')).toEqual([]);
  });

  it('handles emoji and non-English text', () => {
    expect(texts('😡😡😡')).toEqual(['😡😡😡']);
    expect(texts('你是个白痴。我不同意！')).toEqual(['你是个白痴。', '我不同意！']);
    expect(texts('Ты идиот. Я не согласен.')).toEqual(['Ты идиот.', 'Я не согласен.']);
  });

  it('cuts a 10,000-character sentence into bounded pieces at spaces', () => {
    const text = Array.from({ length: 2000 }, (_, i) => `w${i % 10}rd`).join(' ');
    const out = splitSentences(text);
    expect(out.length).toBeGreaterThan(text.length / MAX_SENTENCE_CHARS - 1);
    for (const s of out) {
      expect(s.text.length).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
      expect(text.slice(s.start, s.end)).toBe(s.text);
      expect(s.text).toMatch(/^w\drd.*w\drd$/);
    }
    expect(out.map((s) => s.text).join(' ')).toBe(text);
  });

  it('cuts a 10,000-character word (no spaces) without splitting a surrogate pair', () => {
    const text = '😀'.repeat(5000);
    const out = splitSentences(text);
    for (const s of out) {
      expect(s.text.length).toBeLessThanOrEqual(MAX_SENTENCE_CHARS);
      expect(s.text.charCodeAt(0)).toBe(0xd83d);
    }
    expect(out.map((s) => s.text).join('')).toBe(text);
  });

  it('returns trimmed, ordered, non-overlapping sentences covering every non-space character', () => {
    const piece = fc.constantFrom(
      'word',
      'You',
      'idiot',
      '.',
      '!',
      '?',
      ' ',
      '  ',
      '\n',
      '\n\n',
      '“',
      '”',
      'e.g.',
      '😀',
      'é',
      'x'.repeat(300),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        const out = splitSentences(text);
        let last = 0;
        let covered = '';
        for (const s of out) {
          if (s.start < last || s.end <= s.start) return false;
          if (text.slice(s.start, s.end) !== s.text || s.text !== s.text.trim()) return false;
          if (s.text.length > MAX_SENTENCE_CHARS) return false;
          covered += s.text;
          last = s.end;
        }
        return covered.replace(/\s/g, '') === text.replace(/\s/g, '');
      }),
      { numRuns: 300 },
    );
  });
});
