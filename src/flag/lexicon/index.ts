/**
 * The built-in lexicon scorer: no model, no download, ~instant. Profanity
 * via `obscenity`, plus our insult vocabulary and insult constructions.
 */
import type { ScoreProgress, Scorer, SentenceScore } from '../scorer.js';
import { analyseSentence } from './analyse.js';

export { analyseSentence, lexTokens, lookup } from './analyse.js';

/** Sentences scored between progress reports. */
const PROGRESS_EVERY = 1024;

export function createLexiconScorer(): Scorer {
  let closed = false;
  return {
    info: { name: 'lexicon', backend: null, model: null },
    async score(sentences: readonly string[], onProgress?: (p: ScoreProgress) => void): Promise<SentenceScore[]> {
      if (closed) throw new Error('lexicon scorer used after close()');
      const out: SentenceScore[] = new Array(sentences.length);
      for (let i = 0; i < sentences.length; i++) {
        const { scores, terms } = analyseSentence(sentences[i]!);
        out[i] = { scores, terms };
        if (onProgress && (i + 1) % PROGRESS_EVERY === 0) onProgress({ done: i + 1, total: sentences.length });
      }
      onProgress?.({ done: sentences.length, total: sentences.length });
      return out;
    },
    async close(): Promise<void> {
      closed = true;
    },
  };
}
