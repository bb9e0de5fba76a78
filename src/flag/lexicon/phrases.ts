/**
 * A tiny phrase language for fixed expressions ("shut the fuck up",
 * "learn to read"): words separated by spaces, `a|b` for alternatives, a
 * trailing `?` for an optional word. Matching is on normalised tokens, so
 * "Shut   the f*ck UP" matches `shut the? fuck|f*ck? up`.
 */
import type { Label } from '../labels.js';

export interface PhraseSpec {
  readonly pattern: string;
  /** What the phrase scores, by label. */
  readonly labels: Readonly<Partial<Record<Label, number>>>;
  /** Only at the start of a clause (sentence start, after a comma, "just", "now"...): "grow up" but not "kids grow up". */
  readonly clauseStart?: boolean;
  /** The phrase itself addresses the reader (an imperative or "fuck you"). */
  readonly addressed?: boolean;
}

interface Slot {
  readonly words: ReadonlySet<string>;
  readonly optional: boolean;
}

export interface CompiledPhrase extends PhraseSpec {
  readonly slots: readonly Slot[];
}

export function compilePhrase(spec: PhraseSpec): CompiledPhrase {
  const slots = spec.pattern.split(/\s+/).map((part) => {
    const optional = part.endsWith('?');
    const body = optional ? part.slice(0, -1) : part;
    return { words: new Set(body.split('|')), optional };
  });
  if (slots.length === 0 || slots[0]!.optional)
    throw new Error(`phrase must start with a required word: ${spec.pattern}`);
  return { ...spec, slots };
}

/** What the matcher needs of a token. */
export interface PhraseToken {
  readonly norm: string;
  /** A full stop (or `!`, `?`, `;`, `:`) stands before it: phrases do not run across. */
  readonly breakBefore: boolean;
}

/** Length in tokens of the phrase matched at `toks[at]`, or 0. */
export function matchPhrase(phrase: CompiledPhrase, toks: readonly PhraseToken[], at: number): number {
  const end = matchFrom(phrase.slots, 0, toks, at, at);
  return end > 0 ? end - at : 0;
}

/** Token index after the match of `slots[slot..]` starting at token `i`, or 0 (slots are few: plain backtracking). */
function matchFrom(slots: readonly Slot[], slot: number, toks: readonly PhraseToken[], at: number, i: number): number {
  if (slot === slots.length) return i;
  const s = slots[slot]!;
  const t = toks[i];
  if (t !== undefined && (i === at || !t.breakBefore) && s.words.has(t.norm)) {
    const end = matchFrom(slots, slot + 1, toks, at, i + 1);
    if (end > 0) return end;
  }
  return s.optional ? matchFrom(slots, slot + 1, toks, at, i) : 0;
}

/** Phrases indexed by their first word, so a sentence costs one map look-up per token. */
export class PhraseIndex {
  private readonly byFirst = new Map<string, CompiledPhrase[]>();
  /** Per first word: the phrases that can match given the next token's word, in index order. */
  private readonly byNext = new Map<string, NextIndex>();

  constructor(specs: readonly PhraseSpec[]) {
    for (const spec of specs) {
      const phrase = compilePhrase(spec);
      for (const word of phrase.slots[0]!.words) {
        const list = this.byFirst.get(word) ?? [];
        list.push(phrase);
        this.byFirst.set(word, list);
      }
    }
    for (const [word, list] of this.byFirst) this.byNext.set(word, nextIndex(list));
  }

  firstWords(): IterableIterator<string> {
    return this.byFirst.keys();
  }

  candidates(norm: string): readonly CompiledPhrase[] | undefined {
    return this.byFirst.get(norm);
  }

  /**
   * The phrases starting with `norm` that can match when `next` follows (in
   * the order of `candidates`): the others cannot take `next` as their second
   * token and need one. "you" starts 19 phrases, and most sentences here
   * have a "you".
   */
  candidatesBefore(norm: string, next: PhraseToken | undefined): readonly CompiledPhrase[] | undefined {
    const index = this.byNext.get(norm);
    if (!index) return undefined;
    if (!next || next.breakBefore) return index.alone;
    return index.byWord.get(next.norm) ?? index.alone;
  }
}

interface NextIndex {
  /** Phrases that can match the first token alone (every later slot optional). */
  readonly alone: readonly CompiledPhrase[];
  /** Per possible second word: the phrases it can continue, and those of `alone`. */
  readonly byWord: ReadonlyMap<string, readonly CompiledPhrase[]>;
}

/** The words that can be a match's second token, or null when the first token alone can match. */
function secondWords(phrase: CompiledPhrase): Set<string> | null {
  const words = new Set<string>();
  for (let k = 1; k < phrase.slots.length; k++) {
    for (const w of phrase.slots[k]!.words) words.add(w);
    if (!phrase.slots[k]!.optional) return words;
  }
  return null;
}

function nextIndex(list: readonly CompiledPhrase[]): NextIndex {
  const seconds = list.map(secondWords);
  const alone = list.filter((_, i) => seconds[i] === null);
  const byWord = new Map<string, CompiledPhrase[]>();
  for (const set of seconds) for (const w of set ?? []) byWord.set(w, []);
  for (const [w, phrases] of byWord)
    list.forEach((phrase, i) => {
      if (seconds[i] === null || seconds[i]!.has(w)) phrases.push(phrase);
    });
  return { alone, byWord };
}
