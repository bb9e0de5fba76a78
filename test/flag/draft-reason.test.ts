import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REASON_QUOTE_CHARS, draftReason, quotePiece, ruleName } from '../../src/flag/draft-reason.js';
import { flagThread } from '../../src/flag/flagger.js';
import { createLexiconScorer } from '../../src/flag/lexicon/index.js';
import { DEFAULT_RULES } from '../../src/flag/rules.js';
import { parseDump } from '../../src/parse/index.js';
import { SEED_THREAD } from '../support/shared.js';

const [rule3, civility] = DEFAULT_RULES.rules;

describe('drafted reasons read like a moderator wrote them', () => {
  it('cites the rule by number and meaning, once, and quotes the sentence', () => {
    expect(draftReason(rule3!, { text: 'Shut up, you ignorant idiot.' })).toBe(
      'Removed under Rule 3 (no personal attacks): "Shut up, you ignorant idiot."',
    );
    expect(ruleName(civility!)).toBe('Be civil (no heavy profanity or abuse)');
    expect(ruleName({ title: 'No spam', citation: 'Please, no spam.' })).toBe('No spam');
    expect(ruleName({ title: 'No spam', citation: 'Rule 2.' })).toBe('Rule 2 (No spam)');
    expect(draftReason(rule3!, null)).toBe('Removed under Rule 3 (no personal attacks).');
  });

  it('keeps a quote on one line and one quote', () => {
    expect(quotePiece({ text: 'you  ignorant\nidiot' })).toBe('you ignorant idiot');
    expect(quotePiece({ text: 'He said "no"' })).toBe("He said 'no'");
  });

  it('quotes a long sentence where it insults, cut at words, with ellipses', async () => {
    const file = SEED_THREAD();
    const thread = parseDump(readFileSync(file, 'utf8'), file).posts[0]!;
    const { flags } = await flagThread(thread, createLexiconScorer(), { rules: DEFAULT_RULES });
    const long = flags.find((f) => f.evidence[0]!.text.length > 200)!;
    const piece = /"(.*)"$/.exec(long.reason)![1]!;
    expect(piece.length).toBeLessThanOrEqual(REASON_QUOTE_CHARS + 2);
    const words = long.evidence[0]!.text.replace(/\s+/g, ' ');
    // Whole words only: each end of the piece is an end of the sentence or an ellipsis at a space.
    const inner = piece.replace(/^…/, '').replace(/…$/, '');
    const at = words.indexOf(inner);
    expect(at).toBeGreaterThanOrEqual(0);
    if (piece.startsWith('…')) expect(words[at - 1]).toBe(' ');
    if (piece.endsWith('…')) expect(words[at + inner.length]).toMatch(/[\s,;:]/);

    const sentence =
      'I have read every one of your comments in this thread with great patience and some interest, and you are a complete imbecile who should not be allowed near a keyboard.';
    const start = 100;
    const at2 = sentence.indexOf('imbecile');
    const term = {
      term: 'imbecile',
      text: 'imbecile',
      start: start + at2,
      end: start + at2 + 8,
      label: 'insult' as const,
      weight: 0.9,
    };
    const quoted = quotePiece({ text: sentence, start, terms: [term] });
    expect(quoted).toBe('…and you are a complete imbecile who should not be allowed near a keyboard.');
    expect(quoted.length).toBeLessThanOrEqual(REASON_QUOTE_CHARS + 2);
  });
});
