/**
 * Whom a sentence is aimed at. A personal attack needs a person: "my idiot
 * bosses" insults nobody in the thread, "you ignorant idiot" insults the
 * reader.
 *
 * Cues: second person ("you", "your", "ur", "u"...), imperatives aimed at the
 * reader ("shut up", "grow up"), vocatives ("Idiot!", "Read it again, moron"),
 * @mentions, and participants named in the text. "your opponent", "your boss"
 * are someone else: an insult next to them is aimed at a third party, which is
 * reported (kind `third-party`) but is no participant (`aimsAtParticipant`).
 *
 * "you" is often generic ("if you believe X, then..."), so when the scorer
 * says which words insult (`ctx.terms`), a second-person cue only counts if
 * it stands within a few words of one of them: "you ignorant idiot" is aimed,
 * "if you believe that, the idiots win" is not. Without terms (a model that
 * cannot say which words it reacted to) generic uses of "you" are skipped.
 */
import type { Target, TargetKind } from './flag-schema.js';
import type { Hit, Tok } from './lexicon/constructions.js';
import { lexView } from './lexicon/analyse.js';
import type { MatchedTerm } from './scorer.js';
import { SECOND_PERSON, THIRD_PARTIES, YOU, YOUR } from './lexicon/vocabulary.js';

export interface TargetContext {
  /** Author of the comment being replied to (or of the post, for a top-level comment). */
  readonly parentAuthor?: string | null;
  /** Everyone who wrote in the thread. */
  readonly participants?: readonly string[];
  /**
   * The words that made the sentence score (offsets into the sentence). When
   * given, a "you" must stand within `PROXIMITY_WINDOW` words of one of them.
   */
  readonly terms?: readonly MatchedTerm[];
}

/** Most words allowed between a second-person cue and an insult word. */
export const PROXIMITY_WINDOW = 3;

interface Cue {
  readonly kind: TargetKind;
  readonly name: string | null;
  readonly cue: string;
  /** Token range, end exclusive. */
  readonly from: number;
  readonly to: number;
  /** Aims the whole sentence (imperative, vocative, a leading @mention): no proximity needed. */
  readonly wholeSentence: boolean;
  /** Generic "you" ("if you ask me", "you know"). */
  readonly generic: boolean;
}

const set = (words: string): ReadonlySet<string> => new Set(words.split(/\s+/).filter(Boolean));
const GENERIC_BEFORE = set(
  'if when whenever unless once until whether before after as because than while thank bless see love miss',
);
const GENERIC_AFTER = set(
  "know see never can can't cant cannot could couldn't might may would wouldn't 'd get gotta got have had need needs want wanna shall ought mean",
);
/** Words before a sentence-final insult noun that make it a description, not a vocative: "he is an idiot". */
const NOT_VOCATIVE_BEFORE = set(
  "a an the this that these those his her their my our its some any such what all many most few several of like as are is am was were be been being 're 's for to with by from about at in on into than no more other another every each both called call calling named bunch lot they them he she it we i who which whose these real total complete utter absolute typical just only",
);
const VOCATIVE_LEAD = set(
  'hey listen look ok okay yes no yeah nope sorry thanks bye goodbye dude lol haha please sir wow oh um well so and but',
);

/** On a tie in nearness, the cue that names someone wins over the one that only implies the reader. */
const KIND_PRIORITY: Readonly<Record<TargetKind, number>> = {
  mention: 0,
  'parent-author': 1,
  'second-person': 2,
  vocative: 3,
  imperative: 4,
  'third-party': 5,
};

/** Kinds that address whoever the comment replies to: their name is the parent's author. */
const READER_KINDS: ReadonlySet<TargetKind> = new Set(['second-person', 'vocative', 'imperative']);

/** True when the target is someone in the thread; a third party ("your opponent") is not. */
export function aimsAtParticipant(target: Target | null): target is Target {
  return target !== null && target.kind !== 'third-party';
}

/** Finds who a sentence is aimed at, or null when it addresses no participant. */
export function findTarget(sentence: string, ctx: TargetContext = {}): Target | null {
  const { toks, hits } = lexView(sentence);
  const cues = findCues(sentence, toks, hits, ctx);
  if (cues.length === 0) return null;
  const parent = ctx.parentAuthor ?? null;
  const terms = ctx.terms ?? [];
  const best = terms.length > 0 ? nearestCue(toks, cues, termTokenRanges(toks, terms)) : firstCue(cues);
  if (!best) return null;
  const name = best.name ?? (READER_KINDS.has(best.kind) ? parent : null);
  return { kind: best.kind, name, cue: best.cue };
}

const MENTION =
  /(?<![\p{L}\p{N}_@])@([\p{L}\p{N}_][\p{L}\p{N}_.-]*?)(?:@[\p{L}\p{N}.-]+)?(?=$|[^\p{L}\p{N}_.-]|[.-](?:$|\s))/gu;
const NO_MATCHES: readonly RegExpExecArray[] = [];

function findCues(sentence: string, toks: readonly Tok[], hits: readonly Hit[], ctx: TargetContext): Cue[] {
  const cues: Cue[] = [];

  // Every mention has an `@`; most sentences have none, and then the scan is skipped.
  for (const m of sentence.includes('@') ? sentence.matchAll(MENTION) : NO_MATCHES) {
    const at = m.index;
    const from = toks.findIndex((t) => t.end > at);
    const leading = from <= 0 || toks[from]!.commaBefore || toks[from]!.breakBefore;
    cues.push({
      kind: 'mention',
      name: m[1]!,
      cue: m[0],
      from: Math.max(0, from),
      to: Math.max(1, from + 1),
      wholeSentence: leading,
      generic: false,
    });
  }

  const names = participantNames(ctx);
  if (names.size > 0) {
    for (let i = 0; i < toks.length; i++) {
      const name = names.get(toks[i]!.norm);
      if (!name || sentence[toks[i]!.start - 1] === '@') continue;
      const isParent = ctx.parentAuthor != null && name.toLowerCase() === ctx.parentAuthor.toLowerCase();
      const leading = i === 0 || toks[i]!.breakBefore || toks[i + 1]?.commaBefore === true;
      cues.push({
        kind: isParent ? 'parent-author' : 'mention',
        name,
        cue: toks[i]!.raw,
        from: i,
        to: i + 1,
        wholeSentence: leading,
        generic: false,
      });
    }
  }

  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    if (!SECOND_PERSON.has(t.norm) || t.abbrev) continue;
    if (t.norm === 'ya' && !nextIsContent(toks, i)) continue;
    if (discourseMarker(toks, i)) continue;
    const other = YOUR.has(t.norm) ? thirdPartyEnd(toks, i) : -1;
    if (other > 0) {
      cues.push({
        kind: 'third-party',
        name: null,
        cue: tokenText(sentence, toks, i, other),
        from: i,
        to: other,
        wholeSentence: false,
        generic: false,
      });
      continue;
    }
    cues.push({
      kind: 'second-person',
      name: null,
      cue: t.raw,
      from: i,
      to: i + 1,
      wholeSentence: false,
      generic: isGeneric(toks, i),
    });
  }

  for (const hit of hits) {
    if (!hit.addressed) continue;
    let hasYou = false;
    for (let k = hit.from; k < hit.to; k++) if (SECOND_PERSON.has(toks[k]!.norm)) hasYou = true;
    if (!hasYou)
      cues.push({
        kind: 'imperative',
        name: null,
        cue: tokenText(sentence, toks, hit.from, hit.to),
        from: hit.from,
        to: hit.to,
        wholeSentence: true,
        generic: false,
      });
  }

  const vocative = findVocative(toks);
  if (vocative)
    cues.push({
      kind: 'vocative',
      name: null,
      cue: tokenText(sentence, toks, vocative.from, vocative.to),
      from: vocative.from,
      to: vocative.to,
      wholeSentence: true,
      generic: false,
    });
  return cues;
}

/** The sentence's text from token `from` to token `to` (exclusive). */
function tokenText(sentence: string, toks: readonly Tok[], from: number, to: number): string {
  return sentence.slice(toks[from]!.start, toks[to - 1]!.end);
}

/** Lower-cased participant name -> name; built once per participants list (the flagger passes the same one for a whole thread). */
const namesCache = new WeakMap<readonly string[], ReadonlyMap<string, string>>();
const NO_PARTICIPANTS: readonly string[] = [];

function participantNames(ctx: TargetContext): ReadonlyMap<string, string> {
  const list = ctx.participants ?? NO_PARTICIPANTS;
  let names = namesCache.get(list);
  if (!names) {
    const built = new Map<string, string>();
    for (const name of list) addName(built, name);
    namesCache.set(list, built);
    names = built;
  }
  const parent = ctx.parentAuthor;
  if (!parent || names.has(parent.toLowerCase()) || !nameCounts(parent)) return names;
  const withParent = new Map(names);
  addName(withParent, parent);
  return withParent;
}

function addName(names: Map<string, string>, name: string): void {
  if (nameCounts(name)) names.set(name.toLowerCase(), name);
}

/** Short names ("al", "me") are ordinary words too often to count; names with other characters never match a word token. */
function nameCounts(name: string): boolean {
  return name.length >= 3 && /^[\p{L}\p{N}'-]+$/u.test(name);
}

/** Most words between "your" and the person it names: "your idiot friends", "your so-called hero". */
const THIRD_PARTY_MODIFIERS = 2;

/** End (exclusive) of "your [modifiers] <third party>" starting at token i, or -1. */
function thirdPartyEnd(toks: readonly Tok[], i: number): number {
  for (let k = i + 1; k < toks.length && k <= i + 1 + THIRD_PARTY_MODIFIERS; k++) {
    const t = toks[k]!;
    if (t.breakBefore || t.commaBefore) return -1;
    if (THIRD_PARTIES.has(t.norm)) return k + 1;
  }
  return -1;
}

function nextIsContent(toks: readonly Tok[], i: number): boolean {
  const next = toks[i + 1];
  return next !== undefined && !next.breakBefore && next.norm !== 'know';
}

/**
 * "you know", "you see", "mind you" standing alone: a filler that addresses
 * no one, so "the senator is an idiot, you know" insults only the senator.
 */
function discourseMarker(toks: readonly Tok[], i: number): boolean {
  const t = toks[i]!;
  const prev = toks[i - 1];
  if (t.norm === 'you' && prev?.norm === 'mind' && !t.breakBefore) return true;
  const next = toks[i + 1];
  if (!YOU.has(t.norm) || !next || next.breakBefore || !FILLER_VERBS.has(next.norm)) return false;
  const after = toks[i + 2];
  if (!after || after.breakBefore || after.commaBefore) return true;
  // "and you know it", "you know what, ..."
  return (
    (after.norm === 'it' || after.norm === 'what') &&
    (!toks[i + 3] || toks[i + 3]!.breakBefore || toks[i + 3]!.commaBefore)
  );
}
const FILLER_VERBS = set('know see mean');

/** "if you", "when you", "you know", "you can": "you" meaning anyone. */
function isGeneric(toks: readonly Tok[], i: number): boolean {
  const prev = toks[i - 1];
  const next = toks[i + 1];
  if (prev && !toks[i]!.breakBefore && GENERIC_BEFORE.has(prev.norm)) return true;
  if (next && !next.breakBefore && YOU.has(toks[i]!.norm) && GENERIC_AFTER.has(next.norm)) return true;
  return false;
}

/**
 * An insult used as a form of address: the whole sentence ("Moron."), at the
 * start before a comma or "!" ("Idiot, read it again"), or at the end after
 * a clause ("read the article, moron", "learn to spell idiot").
 */
export function findVocative(toks: readonly Tok[]): { from: number; to: number } | null {
  if (toks.length === 0) return null;

  // Leading: "Idiot, ...", "Stupid moron!"; an optional "hey"/"listen" before.
  let s = 0;
  if (VOCATIVE_LEAD.has(toks[0]!.norm) && toks.length > 1) s = 1;
  let e = s;
  while (e < toks.length && e < s + 4 && isMod(toks[e]) && (e === s || !toks[e]!.breakBefore)) e++;
  if (e > s && isNoun(toks[e - 1])) {
    const after = toks[e];
    if (!after || after.breakBefore || after.commaBefore) return { from: s, to: e };
  }

  // Trailing: "..., moron", "learn to spell idiot".
  const last = toks.length - 1;
  if (!isNoun(toks[last])) return null;
  let b = last;
  while (b > 0 && b > last - 3 && isMod(toks[b - 1]) && !toks[b]!.breakBefore && !toks[b]!.commaBefore) b--;
  const prev = toks[b - 1];
  if (!prev || toks[b]!.breakBefore || toks[b]!.commaBefore || VOCATIVE_LEAD.has(prev.norm))
    return { from: b, to: last + 1 };
  if (NOT_VOCATIVE_BEFORE.has(prev.norm) || SECOND_PERSON.has(prev.norm) || prev.lex !== null) return null;
  return { from: b, to: last + 1 };
}

/** A strong insult noun: "idiot", "moron". */
function isNoun(t: Tok | undefined): boolean {
  return t?.lex?.pos === 'noun' && t.lex.pred >= 0.9;
}

/** A word that can stand in an insult used as address ("stupid", "fucking"). */
function isMod(t: Tok | undefined): boolean {
  return t !== undefined && (t.lex?.pos === 'adj' || t.lex?.pos === 'noun');
}

/**
 * Token index ranges covered by the terms (term offsets are sentence offsets).
 * A term made only of second-person words (a model that reacted to "you")
 * says who is addressed, not what insults, so it anchors no nearness.
 */
function termTokenRanges(toks: readonly Tok[], terms: readonly MatchedTerm[]): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const term of terms) {
    let from = -1;
    let to = -1;
    for (let i = 0; i < toks.length; i++) {
      const t = toks[i]!;
      if (t.end > term.start && t.start < term.end) {
        if (from < 0) from = i;
        to = i + 1;
      }
    }
    if (from < 0) continue;
    let onlyPronouns = true;
    for (let k = from; k < to; k++) if (!SECOND_PERSON.has(toks[k]!.norm)) onlyPronouns = false;
    if (!onlyPronouns) ranges.push([from, to]);
  }
  return ranges;
}

/**
 * Words between two token ranges; a comma or dash between them counts as
 * COMMA_COST words, since "your earlier post, misery fools" is two clauses.
 */
function gapBetween(toks: readonly Tok[], a: readonly [number, number], b: readonly [number, number]): number {
  const [left, right] = a[1] <= b[0] ? [a, b] : b[1] <= a[0] ? [b, a] : [null, null];
  if (!left || !right) return 0;
  let gap = right[0] - left[1];
  for (let k = left[1]; k <= right[0] && k < toks.length; k++) {
    if (toks[k]!.commaBefore || toks[k]!.breakBefore) gap += COMMA_COST;
    if (k < right[0] && CONJUNCTIONS.has(toks[k]!.norm)) gap += COMMA_COST;
  }
  return gap;
}
const COMMA_COST = 2;
/** Words that start a new clause: "the senator is an idiot but you're right". */
const CONJUNCTIONS = set('but and or because although though while whereas since unless so yet');

function nearestCue(toks: readonly Tok[], cues: readonly Cue[], ranges: ReadonlyArray<[number, number]>): Cue | null {
  let best: Cue | null = null;
  let bestDistance = Infinity;
  for (const cue of cues) {
    let distance = Infinity;
    for (const range of ranges) {
      const gap = gapBetween(toks, [cue.from, cue.to], range);
      if (gap < distance) distance = gap;
    }
    if (!cue.wholeSentence && distance > PROXIMITY_WINDOW) continue;
    const effective = cue.wholeSentence ? Math.min(distance, PROXIMITY_WINDOW) : distance;
    if (
      effective < bestDistance ||
      (effective === bestDistance && best && KIND_PRIORITY[cue.kind] < KIND_PRIORITY[best.kind])
    ) {
      best = cue;
      bestDistance = effective;
    }
  }
  return best;
}

function firstCue(cues: readonly Cue[]): Cue | null {
  let best: Cue | null = null;
  for (const cue of cues) {
    if (cue.generic) continue;
    if (!best || KIND_PRIORITY[cue.kind] < KIND_PRIORITY[best.kind]) best = cue;
  }
  return best;
}
