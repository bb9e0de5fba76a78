/**
 * Scores one sentence: tokens -> vocabulary and profanity look-ups ->
 * constructions -> matched terms -> the seven label scores.
 */
import { LABELS, zeroScores, type Label, type LabelScores } from '../labels.js';
import type { MatchedTerm, SentenceScore } from '../scorer.js';
import { ROLE, findConstructions, isYou, reportedCall, roleOf, type Hit, type Tok } from './constructions.js';
import { findProfanity, isProfaneWord, profanityLabels, type ProfanityHit, type WordHits } from './profanity.js';
import { tokenize, unLeet, unStretch, type Token } from './tokens.js';
import {
  ASS_FIRSTS,
  COMPOUND_FIRSTS,
  COMPOUND_HEADS,
  GLUED_PREFIXES,
  PHRASE_ADJECTIVES,
  PHRASE_NOUNS,
  SECOND_PERSON,
  VOCABULARY,
  type LexEntry,
  type Pos,
} from './vocabulary.js';

/** How much each label adds to `toxicity`, the model's catch-all label. */
const TOXICITY_SHARE: Readonly<Record<Label, number>> = {
  identity_attack: 1,
  insult: 0.95,
  obscene: 0.9,
  severe_toxicity: 1,
  sexual_explicit: 0.6,
  threat: 1,
  toxicity: 1,
};

/** Highest score the lexicon gives: it is never certain. */
const CAP = 0.99;

export interface SentenceLexicon extends SentenceScore {
  /** The tokens with their look-ups, for targeting. */
  readonly tokens: readonly Tok[];
  /**
   * Spans (offsets in the sentence, end exclusive) of insult words and
   * constructions the writer does not say of anyone: negated ("you're not
   * an idiot"), denied or reported ("I'm not saying you're stupid"), or said
   * of themselves ("I'm an idiot"). Their terms are kept, with less weight.
   */
  readonly discounted: ReadonlyArray<readonly [number, number]>;
}

export function analyseSentence(sentence: string): SentenceLexicon {
  const base = tokenize(sentence, acceptSpelledOut);
  if (base.length === 0) return { scores: zeroScores(), terms: [], tokens: [], discounted: [] };
  const infos: WordInfo[] = [];
  const joined: Array<{ word: string; start: number; end: number }> = [];
  const known: Token[] = [];
  const slots: WordInfo[] = [];
  for (const t of base) {
    const info = wordInfo(t.norm);
    infos.push(info);
    if (t.raw.length !== t.norm.length) joined.push({ word: t.norm, start: t.start, end: t.end });
    // An ASCII word's profanity does not depend on case, so it is cached with the word.
    else if (info.ascii) {
      known.push(t);
      slots.push(info);
    }
  }
  const profanity = findProfanity(sentence, joined, known, slots);
  const toks: Tok[] = [];
  let borrowed = false;
  for (let i = 0; i < base.length; i++) {
    const tok = toTok(sentence, base[i]!, infos[i]!, profanity);
    if (tok.lex !== infos[i]!.lex) borrowed = true;
    toks.push(tok);
  }
  mergePhraseNouns(sentence, toks);
  const hits = findConstructions(toks);
  // Without a word read through profanity, these are exactly the tokens (and
  // constructions) targeting computes: keep them for its look-up of this sentence.
  remember(sentence, borrowed ? null : { toks, hits });
  const discounted: Array<readonly [number, number]> = [];
  const terms = collectTerms(sentence, toks, profanity, hits, discounted);
  return { scores: scoreTerms(terms), terms, tokens: toks, discounted };
}

/** Tokens with their vocabulary look-ups but no profanity pass: what targeting needs. */
export function lexTokens(sentence: string): Tok[] {
  return [...lexView(sentence).toks];
}

/** A sentence as targeting reads it: `lexTokens` and the constructions found in them. */
export interface LexView {
  readonly toks: readonly Tok[];
  readonly hits: readonly Hit[];
}

/**
 * `lexTokens` and `findConstructions` of a sentence. The trained scorer asks
 * targeting about a sentence right after `analyseSentence` has tokenised it,
 * so the last analysed sentence's tokens are reused instead of tokenising it
 * again. Reuse is exact: they are kept only when no token read a word through
 * profanity, the one thing `lexTokens` leaves out. Only one sentence is kept:
 * keeping a batch's worth measured slower (the kept tokens outlive the young
 * generation, and every sentence pays for that).
 */
export function lexView(sentence: string): LexView {
  if (sentence === lastSentence && lastView !== null) return lastView;
  const toks: Tok[] = [];
  for (const t of tokenize(sentence, acceptSpelledOut)) toks.push(toTok(sentence, t, wordInfo(t.norm), NO_PROFANITY));
  mergePhraseNouns(sentence, toks);
  return { toks, hits: findConstructions(toks) };
}

let lastSentence: string | null = null;
let lastView: LexView | null = null;

function remember(sentence: string, view: LexView | null): void {
  lastSentence = sentence;
  lastView = view;
}

/** Forgets the last analysed sentence (tests compare a fresh `lexView` with a kept one). */
export function forgetRecentSentences(): void {
  remember('', null);
}

const NO_PROFANITY: readonly ProfanityHit[] = [];

function acceptSpelledOut(word: string): boolean {
  return word.length >= 3 && (VOCABULARY.has(word) || SECOND_PERSON.has(word) || isProfaneWord(word));
}

function toTok(sentence: string, t: Token, info: WordInfo, profanity: readonly ProfanityHit[]): Tok {
  let lex = info.lex;
  if (!lex && profanity.length > 0) {
    // obscenity saw through a disguise our look-ups missed ("b!!tch", "fu<k"):
    // borrow the vocabulary entry when the profane word is most of the token.
    for (const hit of profanity) {
      if (hit.start >= t.start && hit.end <= t.end && t.end - t.start - (hit.end - hit.start) <= 2) {
        lex = VOCABULARY.get(hit.word) ?? null;
        if (lex) break;
      }
    }
  }
  const abbrev = t.norm === 'u' && sentence[t.end] === '.' && /\p{L}/u.test(sentence[t.end + 1] ?? '');
  return {
    raw: t.raw,
    norm: t.norm,
    start: t.start,
    end: t.end,
    breakBefore: t.breakBefore,
    commaBefore: t.commaBefore,
    lex,
    roles: info.roles,
    abbrev,
    marks: info.marks,
  };
}

interface WordInfo {
  readonly lex: LexEntry | null;
  readonly roles: number;
  /** MARK bits. */
  readonly marks: number;
  /** The word is plain ASCII: its profanity is cached here. */
  readonly ascii: boolean;
  /** obscenity's hits in the word, looked up when first needed (undefined from the start, so every WordInfo has one shape). */
  profanity: WordHits | undefined;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 127) return false;
  return true;
}

/** What we know about each word seen: one map look-up per token. */
const wordCache = new Map<string, WordInfo>();
const WORD_CACHE_LIMIT = 100_000;

function wordInfo(norm: string): WordInfo {
  let info = wordCache.get(norm);
  if (info === undefined) {
    info = {
      lex: VOCABULARY.get(norm) ?? (norm.length <= 5 && isPlainUnstretched(norm) ? null : lookupVariants(norm)),
      roles: roleOf(norm),
      marks: marksOf(norm),
      ascii: isAscii(norm),
      profanity: undefined,
    };
    if (wordCache.size >= WORD_CACHE_LIMIT) wordCache.clear();
    wordCache.set(norm, info);
  }
  return info;
}

/** The vocabulary entry for a word, seeing through l33t, stretching and glued compounds. */
export function lookup(norm: string): LexEntry | null {
  return wordInfo(norm).lex;
}

/** Only a-z, and no letter three times in a row. */
function isPlainUnstretched(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c < 97 || c > 122) return false;
    if (i >= 2 && c === word.charCodeAt(i - 1) && c === word.charCodeAt(i - 2)) return false;
  }
  return true;
}

function lookupVariants(norm: string): LexEntry | null {
  const candidates: string[] = [];
  if (norm.endsWith("'s")) candidates.push(norm.slice(0, -2));
  if (norm.includes('-') || norm.includes("'")) candidates.push(norm.replace(/[-']/g, ''));
  const leet = unLeet(norm);
  if (leet) candidates.push(leet);
  for (const form of [norm, ...(leet ? [leet] : [])]) candidates.push(...unStretch(form));
  for (const c of candidates) {
    const entry = VOCABULARY.get(c);
    if (entry) return entry;
  }
  const word = leet ?? norm;
  if (word.length < 6 || !/^[a-z]+$/.test(word)) return null;
  return compound(word);
}

/** "dickhead", "fuckface", "conservatard", "fuckingloser". */
function compound(word: string): LexEntry | null {
  const stem = word.endsWith('s') ? word.slice(0, -1) : word;
  for (const head of COMPOUND_HEADS) {
    if (stem.endsWith(head) && stem.length > head.length + 1) {
      const first = stem.slice(0, stem.length - head.length);
      if (COMPOUND_FIRSTS.includes(first)) return { term: stem, pos: 'noun', label: 'insult', weight: 0.8, pred: 0.95 };
    }
  }
  if (stem.endsWith('tard')) return { term: stem, pos: 'noun', label: 'insult', weight: 0.8, pred: 0.95 };
  for (const prefix of GLUED_PREFIXES) {
    if (word.startsWith(prefix) && word.length > prefix.length + 2) {
      const rest = VOCABULARY.get(word.slice(prefix.length));
      if (rest && rest.pos === 'noun') return rest;
    }
  }
  return null;
}

interface PhraseNoun {
  readonly words: readonly string[];
  readonly entry: LexEntry;
}

const PHRASES_BY_FIRST: ReadonlyMap<string, readonly PhraseNoun[]> = (() => {
  const map = new Map<string, PhraseNoun[]>();
  const tiers: ReadonlyArray<readonly [Pos, typeof PHRASE_NOUNS]> = [
    ['noun', PHRASE_NOUNS],
    ['adj', PHRASE_ADJECTIVES],
  ];
  for (const [pos, tier] of tiers)
    for (const [weight, pred, terms] of tier)
      for (const term of terms) {
        const words = term.split(' ');
        const list = map.get(words[0]!) ?? [];
        list.push({ words, entry: { term, pos, label: 'insult', weight, pred } });
        map.set(words[0]!, list);
      }
  for (const list of map.values()) list.sort((a, b) => b.words.length - a.words.length);
  return map;
})();

const COMPOUND_FIRST_SET: ReadonlySet<string> = new Set(COMPOUND_FIRSTS);
const COMPOUND_HEAD_SET: ReadonlySet<string> = new Set([...COMPOUND_HEADS, ...COMPOUND_HEADS.map((h) => h + 's')]);
const ASS_FIRST_SET: ReadonlySet<string> = new Set(ASS_FIRSTS);
const ASS_HEADS: ReadonlySet<string> = new Set(['ass', 'arse', 'fuck', 'fucks', 'asses', 'shit']);

/** "dick head", "fck face", "dumb ass": a compound insult written as two words. */
function twoWordCompound(first: Tok, second: Tok | undefined): LexEntry | null {
  if (!second || second.breakBefore || second.commaBefore || second.start - first.end > 2) return null;
  if (!(second.marks & MARK.compoundHead)) return null;
  const a = unLeet(first.norm) ?? first.norm;
  const b = second.norm;
  if ((COMPOUND_FIRST_SET.has(a) && COMPOUND_HEAD_SET.has(b)) || (ASS_FIRST_SET.has(a) && ASS_HEADS.has(b))) {
    return { term: `${a} ${b.replace(/s$/, '')}`, pos: 'noun', label: 'insult', weight: 0.8, pred: 0.95 };
  }
  return null;
}

/** Turns "piece of shit" and "dick head" into one noun token (in place) so constructions see a noun. */
function mergePhraseNouns(sentence: string, toks: Tok[]): void {
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    const compoundEntry = twoWordCompound(t, toks[i + 1]);
    if (compoundEntry) {
      const second = toks[i + 1]!;
      toks.splice(i, 2, {
        ...t,
        raw: sentence.slice(t.start, second.end),
        norm: compoundEntry.term,
        end: second.end,
        lex: compoundEntry,
        roles: 0,
        marks: 0,
      });
      continue;
    }
    if (!(t.marks & MARK.phraseFirst)) continue;
    const phrases = PHRASES_BY_FIRST.get(t.norm)!;
    const match = phrases.find((p) => phraseNounAt(toks, i, p.words));
    if (!match) continue;
    const last = toks[i + match.words.length - 1]!;
    toks.splice(i, match.words.length, {
      ...t,
      raw: sentence.slice(t.start, last.end),
      norm: match.entry.term,
      end: last.end,
      lex: match.entry,
      roles: 0,
      marks: 0,
    });
  }
}

/** The words of a phrase noun at `toks[i]`; later words may be disguised ("piece of sh!t"). */
function phraseNounAt(toks: readonly Tok[], i: number, words: readonly string[]): boolean {
  for (let k = 0; k < words.length; k++) {
    const t = toks[i + k];
    if (!t) return false;
    if (t.norm === words[k]) continue;
    if (k === 0 || t.breakBefore || t.lex?.term !== words[k]) return false;
  }
  return true;
}

/** What is left of an insult word's weight when it is negated: "you're not an idiot". */
export const NEGATED = 0.3;

/** A negation ("not", "no", "isn't", "never") within three words before, in the same clause. */
/** The words that give a reason, as they follow a negation: "not because", "not due to", "not because of", "not for". */
const REASONS: ReadonlyArray<readonly string[]> = [['because'], ['for'], ['due', 'to'], ['because', 'of']];

/**
 * "This is not due to you being a pompous ass", "not because you're an
 * idiot": the insult is a reason the writer denies. Up to six words between
 * the reader and the insult, in one clause; the negation must stand right
 * before the reason ("I'm not mad because you're an idiot" says it).
 */
function deniedReason(toks: readonly Tok[], i: number): boolean {
  for (let k = i - 1; k >= 1 && k >= i - 7; k--) {
    if (toks[k + 1]!.breakBefore || toks[k + 1]!.commaBefore) return false;
    if (!SECOND_PERSON.has(toks[k]!.norm)) continue;
    for (const reason of REASONS) {
      const at = k - reason.length;
      if (at < 1 || !reason.every((w, j) => toks[at + j]!.norm === w)) continue;
      if (toks[at - 1]!.roles & ROLE.neg) return true;
    }
  }
  return false;
}

function negatedAt(toks: readonly Tok[], i: number): boolean {
  for (let k = i - 1; k >= 0 && k >= i - 3; k--) {
    if (toks[k]!.roles & ROLE.neg) return true;
    if (toks[k + 1]!.breakBefore || toks[k + 1]!.commaBefore) return false;
  }
  return false;
}

/** "he called you an (ignorant) idiot": the insult word is someone else's. */
function reportedName(toks: readonly Tok[], i: number): boolean {
  let k = i - 1;
  while (k > 0 && toks[k]!.lex?.pos === 'adj') k--;
  if (!toks[k] || !(toks[k]!.norm === 'a' || toks[k]!.norm === 'an')) return false;
  const you = k - 1;
  return you >= 1 && isYou(toks[you]) && reportedCall(toks, you);
}

const SAYING = new Set([
  'say',
  'says',
  'said',
  'saying',
  'think',
  'thinks',
  'thought',
  'thinking',
  'believe',
  'believes',
  'believed',
  'claim',
  'claims',
  'claimed',
  'claiming',
  'imply',
  'implies',
  'implied',
  'implying',
  'suggest',
  'suggests',
  'suggested',
  'suggesting',
  'mean',
  'meant',
  'call',
  'calls',
  'called',
  'calling',
]);
/**
 * Word-list memberships the analysis tests on every token, as bits kept with
 * the word (`WordInfo.marks`, `Tok.marks`). A merged phrase token ("piece of
 * shit", "dumb ass") has none: its norm has a space, and no list holds one.
 */
const MARK = {
  /** Second word of a two-word compound insult ("dick head", "dumb ass"). */
  compoundHead: 1 << 0,
  /** First word of a phrase noun or adjective ("piece of shit"). */
  phraseFirst: 1 << 1,
  /** A verb of saying or thinking (reportedClauseStart). */
  saying: 1 << 2,
} as const;

function marksOf(norm: string): number {
  let m = 0;
  if (COMPOUND_HEAD_SET.has(norm) || ASS_HEADS.has(norm)) m |= MARK.compoundHead;
  if (PHRASES_BY_FIRST.has(norm)) m |= MARK.phraseFirst;
  if (SAYING.has(norm)) m |= MARK.saying;
  return m;
}

/** Subjects whose words the writer only reports: "she said you were stupid". */
const OTHERS = new Set([
  'he',
  'she',
  'they',
  "he's",
  "she's",
  "they're",
  'someone',
  'somebody',
  'nobody',
  'noone',
  'who',
]);

/**
 * Token index from which the rest of the clause is someone else's words or
 * a denial: "I'm not saying you're an idiot", "nobody thinks you're stupid",
 * "she said you were dumb". -1 when the writer says it.
 */
function reportedClauseStart(toks: readonly Tok[]): number {
  for (let v = 1; v < toks.length; v++) {
    if (!(toks[v]!.marks & MARK.saying)) continue;
    // Only what is said of the reader: "she thinks she's perfect" is not reported abuse.
    const next = toks[v + 1]?.norm === 'that' ? toks[v + 2] : toks[v + 1];
    if (!next || !SECOND_PERSON.has(next.norm)) continue;
    for (let k = v - 1; k >= 0 && k >= v - 3; k--) {
      const t = toks[k]!;
      if (t.roles & ROLE.neg || OTHERS.has(t.norm)) return v + 1;
      if (toks[k + 1]!.breakBefore || toks[k + 1]!.commaBefore) break;
    }
  }
  return -1;
}

/** End (exclusive) of the clause that starts at `from`: a full stop, comma or "but" ends it. */
function clauseEnd(toks: readonly Tok[], from: number): number {
  let k = from + 1;
  while (k < toks.length && !toks[k]!.breakBefore && !toks[k]!.commaBefore && toks[k]!.norm !== 'but') k++;
  return k;
}

const SELF = new Set(['i', "i'm", 'im', 'me', 'myself', "i've", "i'd"]);
const SELF_LINK = new Set([
  'am',
  'was',
  "'m",
  'be',
  'been',
  'feel',
  'felt',
  'look',
  'looked',
  'like',
  'sound',
  'sounded',
  'being',
  'such',
  'as',
]);

/** "I'm an idiot", "call me stupid", "I feel like such a moron": the writer's own failing, aimed at no one. */
function selfDescribed(toks: readonly Tok[], i: number): boolean {
  let k = i - 1;
  for (
    let n = 0;
    n < 4 &&
    k >= 0 &&
    (toks[k]!.norm === 'a' ||
      toks[k]!.norm === 'an' ||
      toks[k]!.lex?.pos === 'adj' ||
      (toks[k]!.roles & (ROLE.fill | ROLE.intens)) !== 0);
    n++
  )
    k--;
  for (let n = 0; n < 3 && k >= 0 && (SELF_LINK.has(toks[k]!.norm) || (toks[k]!.roles & ROLE.aux) !== 0); n++) k--;
  if (k < 0 || !SELF.has(toks[k]!.norm)) return false;
  for (let m = k + 1; m <= i; m++) if (toks[m]!.breakBefore || toks[m]!.commaBefore) return false;
  return true;
}

function collectTerms(
  sentence: string,
  toks: readonly Tok[],
  profanity: readonly ProfanityHit[],
  hits: readonly Hit[],
  discounted: Array<readonly [number, number]>,
): MatchedTerm[] {
  const terms: MatchedTerm[] = [];
  const reportedFrom = reportedClauseStart(toks);
  const reportedTo = reportedFrom < 0 ? -1 : clauseEnd(toks, reportedFrom);
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (!t.lex) continue;
    const discount =
      negatedAt(toks, i) ||
      deniedReason(toks, i) ||
      reportedName(toks, i) ||
      (i >= reportedFrom && i < reportedTo) ||
      selfDescribed(toks, i);
    if (discount) discounted.push([t.start, t.end]);
    const weight = discount ? t.lex.weight * NEGATED : t.lex.weight;
    terms.push({ term: t.lex.term, text: t.raw, start: t.start, end: t.end, label: t.lex.label, weight });
    if (t.lex.also)
      for (const label of LABELS) {
        const w = t.lex.also[label];
        if (w) terms.push({ term: t.lex.term, text: t.raw, start: t.start, end: t.end, label, weight: w });
      }
  }
  for (const hit of profanity) {
    const labels = profanityLabels(hit.word);
    for (const label of LABELS) {
      const w = labels[label];
      if (w)
        terms.push({
          term: hit.word,
          text: sentence.slice(hit.start, hit.end),
          start: hit.start,
          end: hit.end,
          label,
          weight: w,
        });
    }
  }
  for (const hit of hits) {
    const start = toks[hit.from]!.start;
    const end = toks[hit.to - 1]!.end;
    const damp =
      (hit.from >= reportedFrom && hit.from < reportedTo) ||
      (!hit.addressed && selfDescribed(toks, hit.to - 1)) ||
      deniedReason(toks, hit.to - 1)
        ? NEGATED
        : 1;
    if (damp !== 1) discounted.push([start, end]);
    for (const label of LABELS) {
      const w = hit.labels[label];
      if (w)
        terms.push({
          term: hit.term,
          text: sentence.slice(start, end),
          start,
          end,
          label,
          weight: Math.min(CAP, w * damp),
        });
    }
  }
  terms.sort(byPosition);
  return terms;
}

function byPosition(a: MatchedTerm, b: MatchedTerm): number {
  return a.start - b.start || b.weight - a.weight;
}

/**
 * A label's score from its terms' weights (in term order, not listed in an
 * array of their own): the strongest term sets the score; each further term
 * closes half of the remaining gap its weight would close alone, so three
 * weak words do not add up to one strong one.
 */
function combineLabel(terms: readonly MatchedTerm[], label: Label): number {
  let max = 0;
  let any = false;
  for (const t of terms)
    if (t.label === label) {
      any = true;
      if (t.weight > max) max = t.weight;
    }
  if (!any) return 0;
  let rest = 1 - max;
  let skippedMax = false;
  for (const t of terms) {
    if (t.label !== label) continue;
    const w = t.weight;
    if (!skippedMax && w === max) {
      skippedMax = true;
      continue;
    }
    rest *= 1 - 0.5 * w;
  }
  return Math.min(CAP, 1 - rest);
}

/** The same combination over every term, each weight times its label's share of toxicity. */
function combineToxicity(terms: readonly MatchedTerm[]): number {
  let max = 0;
  for (const t of terms) {
    const w = t.weight * TOXICITY_SHARE[t.label];
    if (w > max) max = w;
  }
  let rest = 1 - max;
  let skippedMax = false;
  for (const t of terms) {
    const w = t.weight * TOXICITY_SHARE[t.label];
    if (!skippedMax && w === max) {
      skippedMax = true;
      continue;
    }
    rest *= 1 - 0.5 * w;
  }
  return Math.min(CAP, 1 - rest);
}

export function scoreTerms(terms: readonly MatchedTerm[]): LabelScores {
  if (terms.length === 0) return zeroScores();
  const scores = zeroScores();
  for (const label of LABELS) scores[label] = combineLabel(terms, label);
  // Severe toxicity: an insult delivered with profanity or a slur.
  const severeMix =
    Math.max(Math.min(scores.insult, scores.obscene), Math.min(scores.insult, scores.identity_attack)) * 0.9;
  scores.severe_toxicity = Math.max(scores.severe_toxicity, severeMix);
  scores.toxicity = Math.max(combineToxicity(terms), scores.severe_toxicity);
  for (const label of LABELS) scores[label] = Math.round(scores[label] * 1e4) / 1e4;
  return scores;
}
