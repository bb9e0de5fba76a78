/**
 * Profanity, slurs and sexual terms via `obscenity`, whose matcher sees
 * through l33t (`sh!t`, `b1tch`), look-alike letters and stretched words.
 *
 * Its matcher costs ~100 µs per comment, too slow for 20,000 comments/s, so
 * it runs on whitespace-separated chunks with a cache: its patterns never span
 * a space (skip-non-alphabetic is off in the English preset), so a chunk's
 * matches do not depend on its neighbours, and real text repeats its words.
 */
import { RegExpMatcher, englishDataset, englishRecommendedTransformers } from 'obscenity';
import type { Label } from '../labels.js';
import { isWhiteSpace } from '../../text/white-space.js';

/** One profane word found in a sentence. */
export interface ProfanityHit {
  /** obscenity's canonical word (`fuck`, `bitch`), or one of ours. */
  readonly word: string;
  /** Offsets in the sentence, end exclusive. */
  readonly start: number;
  readonly end: number;
}

export type LabelWeights = Readonly<Partial<Record<Label, number>>>;

const SEXUAL: LabelWeights = { sexual_explicit: 0.75, obscene: 0.4 };
const SLUR: LabelWeights = { identity_attack: 0.85, obscene: 0.5, severe_toxicity: 0.5, toxicity: 0.8 };

/**
 * What each word of obscenity's English data set means for the seven labels.
 * Insult weights are not here: whether "bitch" insults depends on use, which
 * the vocabulary and the constructions decide.
 */
export const PROFANITY_LABELS: Readonly<Record<string, LabelWeights>> = {
  fuck: { obscene: 0.8 },
  shit: { obscene: 0.7 },
  piss: { obscene: 0.5 },
  ass: { obscene: 0.5 },
  arse: { obscene: 0.5 },
  bollocks: { obscene: 0.5 },
  turd: { obscene: 0.5 },
  wank: { obscene: 0.6, sexual_explicit: 0.4 },
  bitch: { obscene: 0.7 },
  bastard: { obscene: 0.5 },
  cunt: { obscene: 0.9, severe_toxicity: 0.5 },
  twat: { obscene: 0.7 },
  prick: { obscene: 0.5 },
  dick: { obscene: 0.6, sexual_explicit: 0.4 },
  cock: { obscene: 0.6, sexual_explicit: 0.5 },
  pussy: { obscene: 0.6, sexual_explicit: 0.5 },
  slut: { obscene: 0.6, sexual_explicit: 0.5 },
  whore: { obscene: 0.6, sexual_explicit: 0.5 },
  hooker: { sexual_explicit: 0.3 },
  retard: { obscene: 0.3, identity_attack: 0.3 },
  spastic: { obscene: 0.3, identity_attack: 0.4 },
  cuck: { obscene: 0.4 },
  fag: SLUR,
  nigger: { ...SLUR, identity_attack: 0.95, severe_toxicity: 0.8 },
  kike: SLUR,
  chink: SLUR,
  abo: SLUR,
  abeed: SLUR,
  africoon: SLUR,
  arabush: SLUR,
  boonga: SLUR,
  chingchong: SLUR,
  tranny: SLUR,
  dyke: SLUR,
  negro: { identity_attack: 0.5 },
  rape: { sexual_explicit: 0.5, threat: 0.3, toxicity: 0.6 },
  anal: SEXUAL,
  anus: SEXUAL,
  blowjob: SEXUAL,
  boob: { sexual_explicit: 0.5 },
  buttplug: SEXUAL,
  cum: SEXUAL,
  deepthroat: SEXUAL,
  dildo: SEXUAL,
  doggystyle: SEXUAL,
  'double penetration': SEXUAL,
  ejaculate: SEXUAL,
  felch: SEXUAL,
  fellatio: SEXUAL,
  'finger bang': SEXUAL,
  fisting: SEXUAL,
  gangbang: SEXUAL,
  handjob: SEXUAL,
  hentai: SEXUAL,
  incest: { sexual_explicit: 0.5 },
  'jerk off': SEXUAL,
  jizz: SEXUAL,
  lubejob: SEXUAL,
  masturbate: SEXUAL,
  orgasm: SEXUAL,
  orgy: SEXUAL,
  penis: { sexual_explicit: 0.5 },
  porn: { sexual_explicit: 0.5 },
  scat: { sexual_explicit: 0.4 },
  semen: SEXUAL,
  sex: { sexual_explicit: 0.3 },
  tit: { sexual_explicit: 0.5, obscene: 0.3 },
  vagina: { sexual_explicit: 0.5 },
  bestiality: SEXUAL,
};

/** Spellings obscenity's data set does not cover, and milder swearing. */
const OWN_PROFANITY: ReadonlyMap<string, string> = new Map([
  ['phuck', 'fuck'],
  ['phuk', 'fuck'],
  ['phucking', 'fuck'],
  ['fuq', 'fuck'],
  ['fuk', 'fuck'],
  ['fuking', 'fuck'],
  ['fck', 'fuck'],
  ['fcking', 'fuck'],
  ['fkn', 'fuck'],
  ['fking', 'fuck'],
  ['effing', 'fuck'],
  ['mofo', 'fuck'],
  ['wtf', 'wtf'],
  ['stfu', 'stfu'],
  ['gtfo', 'stfu'],
  ['shyt', 'shit'],
  ['sht', 'shit'],
  ['shite', 'shit'],
  ['biatch', 'bitch'],
  ['beyotch', 'bitch'],
  ['azz', 'ass'],
  ['damn', 'damn'],
  ['goddamn', 'damn'],
  ['dammit', 'damn'],
  ['crap', 'crap'],
  ['crappy', 'crap'],
  ['bugger', 'bugger'],
  ['bloody', 'bloody'],
  ['bullcrap', 'crap'],
  ['kunt', 'cunt'],
]);

const MILD: Readonly<Record<string, LabelWeights>> = {
  wtf: { obscene: 0.5 },
  stfu: { obscene: 0.6 },
  damn: { obscene: 0.3 },
  crap: { obscene: 0.4 },
  bugger: { obscene: 0.4 },
  bloody: { obscene: 0.2 },
};

export function profanityLabels(word: string): LabelWeights {
  return PROFANITY_LABELS[word] ?? MILD[word] ?? {};
}

let matcher: RegExpMatcher | undefined;
let prefilter: RegExp | undefined;

function getMatcher(): RegExpMatcher {
  matcher ??= new RegExpMatcher({ ...englishDataset.build(), ...englishRecommendedTransformers });
  return matcher;
}

/**
 * One regular expression equivalent to all of obscenity's English patterns,
 * compiled the way its RegExpMatcher compiles each one. For ASCII text,
 * obscenity's transformers reduce to a fixed character map (`|` is a
 * confusable of `l`; the l33t table maps `@4`->a, `3`->e, `0`->o...),
 * lower-casing, and collapsing repeated letters, so testing this on that
 * form says exactly whether obscenity can match: a miss skips the (much
 * slower) matcher. Whitelisting only ever removes matches, so it cannot turn
 * a miss into a hit. A test checks the equivalence on generated words.
 */
function getPrefilter(): RegExp {
  if (prefilter) return prefilter;
  const parts = englishDataset.build().blacklistedTerms.map((term) => {
    const p = term.pattern;
    return (
      (p.requireWordBoundaryAtStart ? '\\b' : '') +
      p.nodes.map(nodeSource).join('') +
      (p.requireWordBoundaryAtEnd ? '\\b' : '')
    );
  });
  // Our own spellings are whole chunks; as alternatives they make the
  // prefilter answer for them too.
  for (const word of OWN_PROFANITY.keys()) parts.push(`\\b${transformLikeObscenity(word)}\\b`);
  prefilter = new RegExp(parts.map((p) => `(?:${p})`).join('|'), 's');
  return prefilter;
}

type PatternNode = ReturnType<typeof englishDataset.build>['blacklistedTerms'][number]['pattern']['nodes'][number];

function nodeSource(node: PatternNode): string {
  if ('childNode' in node) return `(?:${nodeSource(node.childNode)})?`;
  if ('chars' in node)
    return node.chars.map((c) => String.fromCodePoint(c).replace(/[[\].*+?^${}()|\\/]/g, '\\$&')).join('');
  return '.';
}

/** obscenity's confusable (`|`) and l33t mappings, restricted to ASCII. */
const ASCII_MAP: Readonly<Record<string, string>> = {
  '|': 'l',
  '@': 'a',
  '4': 'a',
  '(': 'c',
  '3': 'e',
  '6': 'g',
  '1': 'i',
  '!': 'i',
  '/': 'l',
  '0': 'o',
  $: 's',
  '5': 's',
  '7': 't',
  '2': 'z',
};

/** Repeated characters kept by obscenity's English preset (2 of each); all others collapse to one. */
const KEEP_TWO = new Set(['b', 'e', 'o', 'l', 's', 'g']);

/** obscenity's blacklist transform for ASCII text. */
function transformLikeObscenity(chunk: string): string {
  let out = '';
  let prev = '';
  let run = 0;
  for (let i = 0; i < chunk.length; i++) {
    let c = chunk[i]!;
    c = ASCII_MAP[c] ?? c;
    const code = c.charCodeAt(0);
    if (code >= 65 && code <= 90) c = String.fromCharCode(code + 32);
    run = c === prev ? run + 1 : 1;
    prev = c;
    if (run <= (KEEP_TWO.has(c) ? 2 : 1)) out += c;
  }
  return out;
}

const ASCII = /^[\x21-\x7e]+$/;

/** False when obscenity certainly finds nothing in `chunk`. */
export function mayBeProfane(chunk: string): boolean {
  if (!ASCII.test(chunk)) return true;
  return getPrefilter().test(transformLikeObscenity(chunk));
}

/** Profane words in one chunk: canonical word and offsets in the chunk. */
export type WordHits = ReadonlyArray<readonly [word: string, start: number, end: number]>;
const NONE: WordHits = [];
const CACHE_LIMIT = 100_000;
const cache = new Map<string, WordHits>();

/** Edge punctuation that is never part of a disguised word (`!`, `$`, `@`, `*`, `|` may be). */
const EDGE_CHARS = new Set('.,;:?"“”\'‘’()[]{}<>…');

/** obscenity's (and our) profane words in one whitespace-free chunk, cached. */
export function wordHits(chunk: string): WordHits {
  const cached = cache.get(chunk);
  if (cached) return cached;
  let hits: WordHits = NONE;
  const own = OWN_PROFANITY.get(chunk.toLowerCase());
  if (own) hits = [[own, 0, chunk.length]];
  else if (chunk.length >= 2 && mayBeProfane(chunk)) {
    const found = getMatcher().getAllMatches(chunk, true);
    if (found.length > 0) {
      const seen = new Set<string>();
      const list: Array<readonly [string, number, number]> = [];
      for (const match of found) {
        const word = englishDataset.getPayloadWithPhraseMetadata(match).phraseMetadata?.originalWord ?? chunk;
        const key = `${word}:${match.startIndex}`;
        if (seen.has(key)) continue;
        seen.add(key);
        list.push([word, match.startIndex, match.endIndex + 1]);
      }
      hits = list;
    }
  }
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(chunk, hits);
  return hits;
}

/** A word of the sentence whose profanity the caller caches with its other per-word data. */
export interface KnownWord {
  readonly start: number;
  readonly end: number;
  readonly norm: string;
}

/** Per-word cache slot: filled on first use. */
export interface ProfanitySlot {
  profanity?: WordHits | undefined;
}

/**
 * Finds profanity in a sentence, chunk by whitespace-separated chunk.
 * `known` are the sentence's plain ASCII words (ascending), `slots` their
 * cache slots (same order): a chunk that is exactly one of them uses (and
 * fills) that word's slot instead of another look-up. `extraWords` are spans
 * (joined spelled-out letters) to check as words of their own.
 */
export function findProfanity(
  sentence: string,
  extraWords: ReadonlyArray<{ word: string; start: number; end: number }> = [],
  known: readonly KnownWord[] = [],
  slots: readonly ProfanitySlot[] = [],
): ProfanityHit[] {
  const out: ProfanityHit[] = [];
  const n = sentence.length;
  let k = 0;
  let i = 0;
  while (i < n) {
    while (i < n && isSpaceCode(sentence.charCodeAt(i))) i++;
    let from = i;
    while (i < n && !isSpaceCode(sentence.charCodeAt(i))) i++;
    let to = i;
    while (from < to && isEdge(sentence.charCodeAt(from))) from++;
    while (to > from && isEdge(sentence.charCodeAt(to - 1))) to--;
    if (to - from < 2) continue;
    while (k < known.length && known[k]!.end <= from) k++;
    const word = known[k];
    let hits: WordHits;
    if (word && word.start === from && word.end === to) {
      const slot = slots[k]!;
      hits = slot.profanity ??= wordHits(word.norm);
    } else hits = wordHits(sentence.slice(from, to));
    for (const [w, start, end] of hits) out.push({ word: w, start: from + start, end: from + end });
  }
  addExtra(extraWords, out);
  return out;
}

/** Per ASCII code: 1 white space (as `isWhiteSpace`), 2 edge punctuation (EDGE_CHARS). */
const ASCII_KIND = Uint8Array.from({ length: 128 }, (_, c) =>
  isWhiteSpace(c) ? 1 : EDGE_CHARS.has(String.fromCharCode(c)) ? 2 : 0,
);

/** A table look-up for ASCII, which almost every character is. */
function isSpaceCode(c: number): boolean {
  return c < 128 ? ASCII_KIND[c] === 1 : isWhiteSpace(c);
}

const EDGE_CODES: ReadonlySet<number> = new Set([...EDGE_CHARS].map((c) => c.charCodeAt(0)));

function isEdge(c: number): boolean {
  return c < 128 ? ASCII_KIND[c] === 2 : EDGE_CODES.has(c);
}

function addExtra(extraWords: ReadonlyArray<{ word: string; start: number; end: number }>, out: ProfanityHit[]): void {
  for (const extra of extraWords) {
    const hits = wordHits(extra.word);
    if (hits.length > 0) out.push({ word: hits[0]![0], start: extra.start, end: extra.end });
  }
}

/** True when obscenity or our own list sees profanity in a single word. */
export function isProfaneWord(word: string): boolean {
  return wordHits(word).length > 0;
}
