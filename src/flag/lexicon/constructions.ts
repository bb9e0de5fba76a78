/**
 * Insult constructions: the grammar of an attack rather than its words.
 * "you are a(n) <insult>", "you <adj> <insult>", "your <failing>",
 * "your <thing> is <negative>", "what a <insult>", "<insult>s like you",
 * threats ("I'll <violent verb> ... you") and fixed expressions.
 *
 * Each construction yields a hit whose weight is how strongly the insult word
 * insults when said of someone (`LexEntry.pred`), so "you are naive" scores
 * lower than "you are an idiot".
 */
import type { Label } from '../labels.js';
import { EXPRESSIONS } from './expressions.js';
import { PhraseIndex, matchPhrase } from './phrases.js';
import type { Token } from './tokens.js';
import {
  GROUPS,
  INTENSIFIERS,
  PERSON_JUDGEMENTS,
  PERSON_NOUNS,
  PLURAL_ADDRESS,
  YOU,
  YOU_ARE,
  YOUR,
  YOURSELF,
  type LexEntry,
} from './vocabulary.js';

/** A token with what the lexicon knows about it. */
export interface Tok extends Token {
  readonly lex: LexEntry | null;
  /** Grammatical roles of the word (ROLE bits), from one look-up. */
  readonly roles: number;
  /** "u" in "U.S." is not a pronoun. */
  readonly abbrev: boolean;
  /**
   * The analysis's own word-list memberships (bits of analyse.ts's MARK),
   * looked up once per distinct word instead of once per token and list.
   */
  readonly marks: number;
}

export interface Hit {
  /** Shown as the matched term: the construction's name. */
  readonly term: string;
  readonly labels: Readonly<Partial<Record<Label, number>>>;
  /** Token range, end exclusive. */
  readonly from: number;
  readonly to: number;
  /** The construction itself addresses the reader ("you are...", "shut up"). */
  readonly addressed: boolean;
}

const set = (words: string): ReadonlySet<string> => new Set(words.split(/\s+/).filter(Boolean));

const NEG = set(
  "not never no aren't arent isn't isnt wasn't wasnt weren't werent ain't aint don't dont won't wont wouldn't wouldnt hardly barely neither nor n't",
);
const AUX = set(
  "must will 'll would 'd have 've has had always still really just truly clearly obviously definitely certainly honestly seriously simply probably surely only also indeed sure literally basically totally absolutely actually apparently evidently now officially even sometimes starting beginning to going trying gonna gotta kinda sorta being",
);
const LINK = set(
  "are r re 're is was were be been being am seem seems seemed sound sounds sounded look looks looked act acts acted acting remain remains become became becoming talk talking write writing behave behaving come comes coming across",
);
const FILL = set(
  'a an the so such as very really truly totally completely absolutely utterly just quite pretty too one of biggest most more real complete total absolute utter typical perfect prime nothing but like being acting kind sort type incredibly extremely seriously beyond unbelievably ridiculously hopelessly clearly obviously definitely certainly apparently evidently probably honestly frankly literally basically officially another yet whole entire ultimate only still always also even example definition epitome proof living walking textbook classic bit some kinda sorta rather bloody damn fucking freaking little big old fine such an certified bona fide self-proclaimed and this that',
);
const DETERMINER = set('a an');
/** Adjectives that are also slang praise: "insane at this game", "sick at guitar". */
const SLANG_PRAISE = set('insane crazy sick nuts mental ridiculous absurd filthy nasty dirty wicked evil savage ugly');
/** Verbs of naming: "he called you an idiot" reports an insult. */
export const CALLING = set('call called calls calling name named names naming label labeled labelled labels');
/** Subjects that make "... called you an idiot" the writer's own insult. */
export const FIRST_PERSON = set("i i'm im i'd i'll ill we we're we'd we'll ima imma gonna would will just");
/** Praise that insults when denied: "you are not very bright". */
const SMART = set(
  'intelligent smart bright clever sharp educated informed wise rational logical sane literate competent',
);
const LINK_3P = set("is are was were seems seem sounds sound looks look remains remain be been becomes 's");
/** Nouns whose criticism is about an argument, not a person: "your argument is stupid" is rude, not an attack. */
const ARGUMENT = set(
  'argument arguments point points logic comment comments post posts reply replies response responses statement statements idea ideas opinion opinions claim claims theory theories reasoning position view views analysis article question questions answer answers premise assertion thinking understanding grammar spelling english math numbers facts source sources link links comparison point-of-view take',
);
const CLAUSE_LEAD = set(
  "just now so and please pls plz seriously dude hey oh lol lmao well then ok okay man bro sir honestly maybe kindly go why don't dont simply fucking pal buddy mate son boy girl kid idiot moron but or yeah yes no nah sorry also really therefore hence",
);
/** Nouns that double as verbs: "you fool anyone", "you troll people". */
const VERBISH = set(
  'fool troll clown leech hack tool dope pig rat snake worm creep ape dog cow weasel drone mess waste joke bot punk sucker trash bitch',
);
const THREAT_SUBJECT = set("i i'll ill i'm im imma i'ma ima i'd we we'll we're someone somebody someone's gonna");
const VIOLENT = set(
  'kill murder shoot stab hurt harm beat punch slap kick choke strangle hang burn smash break rape hunt bury gut slit whoop whip smack torture butcher slaughter execute lynch cripple maim stomp curbstomp bash pound shank slice behead decapitate drown poison skin destroy end',
);
const YOU_OBJECT = set("you u ya your ur yourself urself y'all yall");
const WHAT = set('what such');
const HOW_LINK = set("are r can could is were must you're");
const ASS = set('ass arse butt a$$ azz');
/** Words that cannot be the noun of "you stupid <noun>" ("you dumb it down"). */
const FUNCTION_WORDS = set(
  'it that this these those the a an to of and or but in on at for with as is are was were be been am do does did have has had not no so if then than too very just all any some my his her our their its them him me us they he she we who what which when where why how there here up down out off over about into from by can will would could should may might must shall',
);

const PHRASES = new PhraseIndex(EXPRESSIONS);

/** Word roles as bits, so scanning a sentence costs one look-up per word. */
export const ROLE = {
  you: 1 << 0,
  youAre: 1 << 1,
  your: 1 << 2,
  yourself: 1 << 3,
  link: 1 << 4,
  aux: 1 << 5,
  what: 1 << 6,
  threat: 1 << 7,
  group: 1 << 8,
  phrase: 1 << 9,
  starter: 1 << 10,
  neg: 1 << 11,
  fill: 1 << 12,
  plural: 1 << 13,
  intens: 1 << 14,
} as const;

const MISC_STARTERS = set("as aren't arent don't dont stop quit how");

/** The ROLE bits of a word. */
export function roleOf(norm: string): number {
  let r = 0;
  if (YOU.has(norm)) r |= ROLE.you;
  if (YOU_ARE.has(norm)) r |= ROLE.youAre;
  if (YOUR.has(norm)) r |= ROLE.your;
  if (YOURSELF.has(norm)) r |= ROLE.yourself;
  if (LINK.has(norm)) r |= ROLE.link;
  if (AUX.has(norm)) r |= ROLE.aux;
  if (WHAT.has(norm)) r |= ROLE.what;
  if (THREAT_SUBJECT.has(norm)) r |= ROLE.threat;
  if (GROUPS.has(norm)) r |= ROLE.group;
  if (PHRASES.candidates(norm)) r |= ROLE.phrase;
  if (MISC_STARTERS.has(norm)) r |= ROLE.starter;
  if (NEG.has(norm) || norm.endsWith("n't")) r |= ROLE.neg;
  if (FILL.has(norm)) r |= ROLE.fill;
  if (PLURAL_ADDRESS.has(norm)) r |= ROLE.plural;
  if (INTENSIFIERS.has(norm)) r |= ROLE.intens;
  return r;
}

/** Roles that can start a construction. */
const STARTS =
  ROLE.you |
  ROLE.youAre |
  ROLE.your |
  ROLE.yourself |
  ROLE.link |
  ROLE.what |
  ROLE.threat |
  ROLE.group |
  ROLE.phrase |
  ROLE.starter;

export function isYou(t: Tok | undefined): boolean {
  return t !== undefined && (t.roles & ROLE.you) !== 0 && !t.abbrev;
}

/** An adjective, an intensifier, or an unknown word shaped like an adjective ("mouthy", "pimple-faced"). */
function adjLike(t: Tok): boolean {
  if (t.lex?.pos === 'adj' || (t.roles & ROLE.intens) !== 0) return true;
  return t.lex === null && ADJECTIVAL.test(t.norm) && !STOP.has(t.norm);
}
const ADJECTIVAL = /^(?:[a-z]+-[a-z-]+|[a-z']{3,}(?:y|ed|ful|less|ous|ic|ish|ive|ent|ant|able|ible|est))$/;
const STOP = set(
  'very only early really many any every they many why sky guy buy away today ready study story body anybody everybody nobody somebody already family reply apply supply city party history country money company society policy army economy navy',
);

function isHead(t: Tok): boolean {
  return t.lex !== null && (t.lex.pos === 'noun' || t.lex.pos === 'adj');
}

/**
 * After "you are" / "are you": scans the noun phrase and returns the end and
 * strongest predicate weight, or null when no insult word heads it or a
 * negation ("you're not an idiot") cancels it.
 */
function predicate(
  toks: readonly Tok[],
  from: number,
  allowNegation: boolean,
): { to: number; pred: number; intensified: boolean } | null {
  let pred = 0;
  let to = -1;
  let unknown = 0;
  let intensified = false;
  for (let k = from; k < toks.length && k < from + 7; k++) {
    const t = toks[k]!;
    if (t.breakBefore) break;
    if (t.roles & ROLE.neg) {
      // "you are not (very) intelligent" insults; "you are not an idiot" does not.
      const next =
        toks[k + 1]?.norm === 'very' || toks[k + 1]?.norm === 'too' || toks[k + 1]?.norm === 'that'
          ? toks[k + 2]
          : toks[k + 1];
      if (next && !next.breakBefore && SMART.has(next.norm)) {
        pred = Math.max(pred, 0.8);
        to = toks.indexOf(next) + 1;
        break;
      }
      if (allowNegation) continue;
      return null;
    }
    if (PERSON_JUDGEMENTS.has(t.norm) && personNounAfter(toks, k)) {
      // "you are a horrible person": a verdict on the whole person.
      pred = Math.max(pred, PERSON_VERDICT);
      to = personNounAfter(toks, k);
      break;
    }
    if (isHead(t)) {
      // "you're insane at this game": skill, not an insult.
      const skill = t.lex!.pos === 'adj' && toks[k + 1]?.norm === 'at' && SLANG_PRAISE.has(t.lex!.term);
      const weight = skill ? t.lex!.pred * 0.5 : t.lex!.pred;
      if (weight > pred) pred = weight;
      to = k + 1;
      if (t.lex!.pos === 'noun') break;
      continue;
    }
    if (t.roles & ROLE.intens || t.norm === 'so' || t.norm === 'such') {
      intensified = true;
      continue;
    }
    if (t.roles & ROLE.fill) continue;
    if (adjLike(t) && unknown < 2) {
      unknown++;
      continue;
    }
    break;
  }
  if (
    to < 0 &&
    toks[from]?.norm === 'nothing' &&
    !toks[from]!.breakBefore &&
    (!toks[from + 1] || toks[from + 1]!.breakBefore)
  ) {
    // "you are nothing": the whole predicate is the insult.
    return { to: from + 1, pred: 0.8, intensified };
  }
  return to < 0 ? null : { to, pred, intensified };
}

/** "you are a horrible person": weight of a judging adjective on a plain word for a person. */
const PERSON_VERDICT = 0.85;

/** End (exclusive) of the person noun after a judging adjective at `k` ("terrible (little) human being"), or 0. */
function personNounAfter(toks: readonly Tok[], k: number): number {
  for (let n = k + 1; n < toks.length && n <= k + 2; n++) {
    const t = toks[n]!;
    if (t.breakBefore) return 0;
    if (PERSON_NOUNS.has(t.norm)) return toks[n + 1]?.norm === 'being' && !toks[n + 1]!.breakBefore ? n + 2 : n + 1;
    if (!(t.roles & ROLE.intens) && !PERSON_JUDGEMENTS.has(t.norm) && t.lex?.pos !== 'adj') return 0;
  }
  return 0;
}

/** Weight of "you are <X>": the word's predicate weight, a little more when intensified. */
function predWeight(pred: number, intensified: boolean): number {
  return Math.min(0.99, pred + (intensified ? 0.05 : 0));
}

/** "your an idiot", "your so stupid": `your` misspelling "you're". */
function yourMeansYoureAt(toks: readonly Tok[], i: number): boolean {
  const t = toks[i]!;
  if (!YOUR.has(t.norm)) return false;
  const next = toks[i + 1];
  if (!next || next.breakBefore) return false;
  if (YOUR_AS_YOURE_NEXT.has(next.norm) || LINK.has(next.norm)) return true;
  if (next.lex?.pos === 'adj') {
    const after = toks[i + 2];
    return !after || after.breakBefore || after.commaBefore || after.norm === 'and' || after.norm === 'as';
  }
  return false;
}
const YOUR_AS_YOURE_NEXT = set(
  'a an so such just nothing really clearly obviously truly totally completely too very being acting the not no one always still definitely probably such',
);

/** True when the word at `i` starts a clause: "grow up" but not "kids grow up". */
export function clauseStartAt(toks: readonly Tok[], i: number): boolean {
  if (i === 0) return true;
  const t = toks[i]!;
  if (t.breakBefore || t.commaBefore) return true;
  const prev = toks[i - 1]!;
  if (YOU.has(prev.norm)) {
    // "you grow up" / "why don't you grow up", but not "did you learn to type".
    const before = toks[i - 2];
    return !before || prev.breakBefore || prev.commaBefore || YOU_LEAD.has(before.norm);
  }
  // After a vocative insult: "moron grow up".
  return CLAUSE_LEAD.has(prev.norm) || (prev.lex?.pos === 'noun' && prev.lex.pred >= 0.9);
}
const YOU_LEAD = set("don't dont why just now so and please then");

/**
 * How strongly each construction insults, as a share of the insult word's own
 * weight (`LexEntry.pred`): 1 would be as strong as "you are an <insult>",
 * the most direct verdict on the reader. The shares order the constructions by
 * how directly they judge a participant; they were set by hand, never fitted.
 */
export const SHARE = {
  /** "exposes you as a fool", "make yourself look like a fool", "are you a fool?": the verdict, said less directly. */
  indirect: 0.95,
  /** "as dim as you (are)": a comparison, one step removed. */
  comparison: 0.9,
  /** "don't be an idiot": a warning more than a verdict. */
  dontBe: 0.9,
  /** "what an idiot": insulting, but says nothing about whom. */
  exclamation: 0.85,
  /** "(proving) how ignorant you are": the verdict, as an aside. */
  howYouAre: 0.9,
  /** "how stupid are you": a question that presumes its answer. */
  howAreYou: 0.95,
  /** "idiots like you": the reader lumped with the insult, nearly as direct. */
  likeYou: 0.97,
  /** "a dumb person like you": the insult is an adjective on another noun. */
  adjectiveLikeYou: 0.9,
  /** "<group> are animals": an identity attack first, an insult second. */
  groupIdentity: 0.85,
  groupInsult: 0.5,
} as const;

/** Fixed weights where no insult word carries one. */
const FIXED = {
  /** "you jews", "you mexicans": addressing the reader by a group is an identity attack even without an insult. */
  youGroup: { identity_attack: 0.6, insult: 0.4 },
} as const;

/** "a dumb person like you" needs a clearly insulting adjective; "<group> are <X>" a clearly insulting X. */
const ADJECTIVE_LIKE_YOU_MIN = 0.85;
const GROUP_PREDICATE_MIN = 0.8;

/** A construction tried at token `i`: pushes its hits; true when the token is done with (no other construction is tried). */
type Construction = (toks: readonly Tok[], i: number, hits: Hit[]) => boolean;

/** Finds every construction in a tokenised sentence. */
export function findConstructions(toks: readonly Tok[]): Hit[] {
  const hits: Hit[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    // Most words start no construction.
    if (t.lex === null && (t.roles & STARTS) === 0) continue;
    for (const construction of CONSTRUCTIONS) if (construction(toks, i, hits)) break;
  }
  return hits;
}

/** Fixed expressions ("shut up", "go to hell"); never ends the search, a phrase can overlap a construction. */
const fixedExpressions: Construction = (toks, i, hits) => {
  const t = toks[i]!;
  const phrases = t.roles & ROLE.phrase ? PHRASES.candidatesBefore(t.norm, toks[i + 1]) : undefined;
  for (const phrase of phrases ?? []) {
    if (phrase.clauseStart && !clauseStartAt(toks, i)) continue;
    if (t.roles & ROLE.you && t.abbrev) continue;
    const len = matchPhrase(phrase, toks, i);
    if (len > 0)
      hits.push({
        term: phraseText(toks, i, i + len),
        labels: phrase.labels,
        from: i,
        to: i + len,
        addressed: phrase.addressed === true,
      });
  }
  return false;
};

/** A verdict on the reader from `from` to the predicate's end. */
function verdict(
  hits: Hit[],
  term: string,
  from: number,
  p: { to: number; pred: number; intensified: boolean },
  share = 1,
): void {
  hits.push({ term, labels: { insult: predWeight(p.pred, p.intensified) * share }, from, to: p.to, addressed: true });
}

/** "you're (starting to sound like) a(n) <insult>" */
const youreInsult: Construction = (toks, i, hits) => {
  const roles = toks[i]!.roles;
  if (!(roles & ROLE.youAre) && !(roles & ROLE.your && yourMeansYoureAt(toks, i))) return false;
  let j = i + 1;
  while (j < toks.length && j < i + 5 && !toks[j]!.breakBefore && toks[j]!.roles & (ROLE.aux | ROLE.link)) j++;
  const p = predicate(toks, j, false);
  if (!p) return false;
  verdict(hits, "you're <insult>", i, p);
  return true;
};

/** "(exposes) you as a fool" */
const youAsInsult: Construction = (toks, i, hits) => {
  if (!isYou(toks[i]) || toks[i + 1]?.norm !== 'as' || toks[i + 1]!.breakBefore) return false;
  const p = predicate(toks, i + 2, false);
  if (!p) return false;
  verdict(hits, 'you as <insult>', i, p, SHARE.indirect);
  return true;
};

/** "(make) yourself look like a fool" */
const yourselfLook: Construction = (toks, i, hits) => {
  const next = toks[i + 1];
  if (!(toks[i]!.roles & ROLE.yourself) || !next || !(next.roles & ROLE.link) || next.breakBefore) return false;
  const p = predicate(toks, i + 2, false);
  if (p) verdict(hits, 'yourself look <insult>', i, p, SHARE.indirect);
  return true;
};

/** "as dim as you (are)": the comparison lands on the reader. */
const asInsultAsYou: Construction = (toks, i, hits) => {
  const adj = toks[i + 1];
  if (toks[i]!.norm !== 'as' || adj?.lex?.pos !== 'adj' || toks[i + 2]?.norm !== 'as') return false;
  if (!isYou(toks[i + 3]) || toks[i + 3]!.breakBefore) return false;
  hits.push({
    term: 'as <insult> as you',
    labels: { insult: adj.lex.pred * SHARE.comparison },
    from: i,
    to: i + 4,
    addressed: true,
  });
  return true;
};

/** "you (guys) (must) are/sound like <insult>", else "you idiot" or "you stupid"; and "you <group>". */
const youClause: Construction = (toks, i, hits) => {
  if (!isYou(toks[i])) return false;
  let j = i + 1;
  while (j < toks.length && j < i + 3 && toks[j]!.roles & ROLE.plural && !toks[j]!.breakBefore) j++;
  let linked = false;
  const start = j;
  while (j < toks.length && j < start + 4 && !toks[j]!.breakBefore && toks[j]!.roles & (ROLE.aux | ROLE.link)) {
    if (toks[j]!.roles & ROLE.link) linked = true;
    j++;
  }
  if (linked) {
    const p = predicate(toks, j, false);
    if (p) verdict(hits, 'you are <insult>', i, p);
  } else if (!vocative(toks, i, hits)) {
    bareAdjective(toks, i, hits);
  }
  const next = toks[i + 1];
  if (next && !next.breakBefore && next.roles & ROLE.group)
    hits.push({ term: 'you <group>', labels: FIXED.youGroup, from: i, to: i + 2, addressed: true });
  return true;
};

/** "are you (just) a <insult>?", "aren't you a little <insult>" */
const areYouInsult: Construction = (toks, i, hits) => {
  const t = toks[i]!;
  const linking = t.roles & ROLE.link || t.norm === "aren't" || t.norm === 'arent';
  if (!linking || !isYou(toks[i + 1]) || toks[i + 1]!.breakBefore) return false;
  const p = predicate(toks, i + 2, true);
  if (p) verdict(hits, 'are you <insult>', i, p, SHARE.indirect);
  return true;
};

/** "your stupidity", "your idiot friends" and the like (see `possessive`). */
const yourPossessive: Construction = (toks, i, hits) => {
  if (!(toks[i]!.roles & ROLE.your)) return false;
  possessive(toks, i, hits);
  return true;
};

const DONT = set("don't dont stop quit");
const BE = set('be being acting');

/** "don't be (such) an idiot", "stop being a <insult>" */
const dontBeInsult: Construction = (toks, i, hits) => {
  if (!DONT.has(toks[i]!.norm) || !toks[i + 1] || !BE.has(toks[i + 1]!.norm) || !clauseStartAt(toks, i)) return false;
  const p = predicate(toks, i + 2, false);
  if (p) verdict(hits, "don't be <insult>", i, p, SHARE.dontBe);
  return true;
};

/** "what an idiot", "such a moron": insulting, but says nothing about whom. */
const whatAnInsult: Construction = (toks, i, hits) => {
  if (!(toks[i]!.roles & ROLE.what) || !toks[i + 1] || !DETERMINER.has(toks[i + 1]!.norm)) return false;
  let j = i + 2;
  let intensified = false;
  while (j < toks.length && j < i + 6 && !toks[j]!.breakBefore && adjLike(toks[j]!) && toks[j]!.lex?.pos !== 'noun') {
    if (toks[j]!.roles & ROLE.intens) intensified = true;
    j++;
  }
  const head = toks[j];
  if (head && !head.breakBefore && head.lex?.pos === 'noun')
    hits.push({
      term: 'what a <insult>',
      labels: { insult: predWeight(head.lex.pred, intensified) * SHARE.exclamation },
      from: i,
      to: j + 1,
      addressed: false,
    });
  return true;
};

/** "(proving) how ignorant you are" */
const howInsultYouAre: Construction = (toks, i, hits) => {
  const adj = toks[i + 1];
  const you = toks[i + 2];
  if (toks[i]!.norm !== 'how' || adj?.lex?.pos !== 'adj' || !you) return false;
  if (!(isYou(you) || YOU_ARE.has(you.norm)) || you.breakBefore) return false;
  const end = YOU_ARE.has(you.norm) ? i + 3 : toks[i + 3] && LINK.has(toks[i + 3]!.norm) ? i + 4 : i + 3;
  hits.push({
    term: 'how <insult> you are',
    labels: { insult: adj.lex.pred * SHARE.howYouAre },
    from: i,
    to: end,
    addressed: true,
  });
  return true;
};

/** "how stupid are you", "how dumb can you be" */
const howInsultAreYou: Construction = (toks, i, hits) => {
  const adj = toks[i + 1];
  if (toks[i]!.norm !== 'how' || adj?.lex?.pos !== 'adj' || !toks[i + 2] || !HOW_LINK.has(toks[i + 2]!.norm))
    return false;
  const you = toks[i + 2]!.norm === "you're" ? toks[i + 2] : toks[i + 3];
  if (you && (isYou(you) || YOU_ARE.has(you.norm)))
    hits.push({
      term: 'how <insult> are you',
      labels: { insult: adj.lex.pred * SHARE.howAreYou },
      from: i,
      to: toks.indexOf(you) + 1,
      addressed: true,
    });
  return true;
};

/** Threats: "I'll (come and) <violent verb> (the hell out of) you". */
const threatens: Construction = (toks, i, hits) => {
  if (!(toks[i]!.roles & ROLE.threat)) return false;
  threat(toks, i, hits);
  return true;
};

/** "<insult>s like you" */
const insultLikeYou: Construction = (toks, i, hits) => {
  const t = toks[i]!;
  if (t.lex?.pos !== 'noun' || toks[i + 1]?.norm !== 'like' || !isYou(toks[i + 2]) || toks[i + 2]!.breakBefore)
    return false;
  hits.push({
    term: '<insult> like you',
    labels: { insult: t.lex.pred * SHARE.likeYou },
    from: i,
    to: i + 3,
    addressed: true,
  });
  return true;
};

/** "a dumb person like you" */
const adjectiveLikeYou: Construction = (toks, i, hits) => {
  const t = toks[i]!;
  if (t.lex?.pos !== 'adj' || t.lex.pred < ADJECTIVE_LIKE_YOU_MIN) return false;
  if (!toks[i + 1] || toks[i + 1]!.lex !== null || toks[i + 2]?.norm !== 'like') return false;
  if (!isYou(toks[i + 3]) || toks[i + 3]!.breakBefore) return false;
  hits.push({
    term: '<insult> <noun> like you',
    labels: { insult: t.lex.pred * SHARE.adjectiveLikeYou },
    from: i,
    to: i + 4,
    addressed: true,
  });
  return true;
};

/** "<group> are (all) animals" */
const groupAreInsult: Construction = (toks, i, hits) => {
  const next = toks[i + 1];
  if (!(toks[i]!.roles & ROLE.group) || !next || (next.norm !== 'are' && next.norm !== 'r')) return false;
  const p = predicate(toks, i + 2, false);
  if (p && p.pred >= GROUP_PREDICATE_MIN)
    hits.push({
      term: '<group> are <insult>',
      labels: { identity_attack: p.pred * SHARE.groupIdentity, insult: p.pred * SHARE.groupInsult },
      from: i,
      to: p.to,
      addressed: false,
    });
  return true;
};

/** Tried in this order at each token; the first that returns true ends the search there. */
const CONSTRUCTIONS: readonly Construction[] = [
  fixedExpressions,
  youreInsult,
  youAsInsult,
  yourselfLook,
  asInsultAsYou,
  youClause,
  areYouInsult,
  yourPossessive,
  dontBeInsult,
  whatAnInsult,
  howInsultYouAre,
  howInsultAreYou,
  threatens,
  insultLikeYou,
  adjectiveLikeYou,
  groupAreInsult,
];

function phraseText(toks: readonly Tok[], from: number, to: number): string {
  let out = toks[from]!.norm;
  for (let k = from + 1; k < to; k++) out += ' ' + toks[k]!.norm;
  return out;
}

/**
 * "you so stupid", "you crazy": the copula is often dropped in speech and
 * in several dialects of English. Only when the adjective ends the clause,
 * so "you stupid people" or "you dumb it down" are not read this way.
 */
function bareAdjective(toks: readonly Tok[], i: number, hits: Hit[]): void {
  if (reportedCall(toks, i)) return;
  let j = i + 1;
  let intensified = false;
  while (toks[j] && j < i + 3 && !toks[j]!.breakBefore && BARE_INTENSIFIERS.has(toks[j]!.norm)) {
    intensified = true;
    j++;
  }
  const adj = toks[j];
  if (!adj || adj.breakBefore || adj.lex?.pos !== 'adj') return;
  const after = toks[j + 1];
  if (after && !after.breakBefore && !after.commaBefore && !CLAUSE_END_WORDS.has(after.norm)) return;
  hits.push({
    term: 'you <insult>',
    labels: { insult: predWeight(adj.lex.pred, intensified) * 0.95 },
    from: i,
    to: j + 1,
    addressed: true,
  });
}
const BARE_INTENSIFIERS = set('so such really too just straight mad hella fucking fuckin damn very truly');
const CLAUSE_END_WORDS = set('as af and or but lol lmao haha man dude bro to');

/** "you idiot", "you stupid fucking moron", "(call) you an idiot". True when found. */
function vocative(toks: readonly Tok[], i: number, hits: Hit[]): boolean {
  let j = i + 1;
  let intensified = false;
  let determiner = false;
  if (toks[j] && DETERMINER.has(toks[j]!.norm) && !toks[j]!.breakBefore) {
    // "I'd call you an idiot" insults; "he called you an idiot" reports one.
    if (reportedCall(toks, i)) return false;
    determiner = true;
    j++;
  }
  const firstAdj = j;
  while (
    j < toks.length &&
    j < firstAdj + 4 &&
    !toks[j]!.breakBefore &&
    toks[j]!.lex?.pos !== 'noun' &&
    adjLike(toks[j]!)
  ) {
    if (toks[j]!.lex?.pos === 'adj' || INTENSIFIERS.has(toks[j]!.norm)) intensified = true;
    j++;
  }
  const head = toks[j];
  if (!head || head.breakBefore) return false;
  if (!determiner && reportedCall(toks, i)) return false;
  if (head.lex?.pos !== 'noun') {
    // "you pathetic little man", "you stupid people": an insulting adjective
    // before a plain noun addresses the reader just as well.
    let strongest = 0;
    for (let k = firstAdj; k < j; k++)
      if (toks[k]!.lex?.pos === 'adj') strongest = Math.max(strongest, toks[k]!.lex!.pred);
    if (
      strongest < 0.85 ||
      head.lex !== null ||
      head.roles !== 0 ||
      head.commaBefore ||
      !/^\p{L}{3,}$/u.test(head.norm) ||
      FUNCTION_WORDS.has(head.norm)
    )
      return false;
    hits.push({
      term: 'you <insult> <noun>',
      labels: { insult: strongest * 0.9 },
      from: i,
      to: j + 1,
      addressed: true,
    });
    return true;
  }
  if (j === i + 1 && VERBISH.has(head.lex.term)) {
    const after = toks[j + 1];
    if (after && !after.breakBefore && !after.commaBefore) return false;
  }
  const weight = predWeight(head.lex.pred, intensified) * (determiner ? 0.9 : 1);
  hits.push({ term: 'you <insult>', labels: { insult: weight }, from: i, to: j + 1, addressed: true });
  return true;
}

/**
 * "<someone> called you (a)": true when the naming verb before `you` (at
 * `i`) has a subject other than the writer, or is negated ("I'm not calling
 * you an idiot").
 */
export function reportedCall(toks: readonly Tok[], i: number): boolean {
  const verb = toks[i - 1];
  if (!verb || !CALLING.has(verb.norm)) return false;
  for (let k = i - 2; k >= 0 && k >= i - 4; k--) {
    const t = toks[k]!;
    if (t.roles & ROLE.neg) return true;
    if (FIRST_PERSON.has(t.norm)) return false;
    if (toks[k + 1]!.breakBefore || toks[k + 1]!.commaBefore) break;
  }
  return i - 2 >= 0;
}

/** "your ignorance", "your stupid ass", "your argument is idiotic", "your mother is a whore". */
function possessive(toks: readonly Tok[], i: number, hits: Hit[]): void {
  let j = i + 1;
  let adjectives = 0;
  while (
    j < toks.length &&
    j < i + 4 &&
    !toks[j]!.breakBefore &&
    toks[j]!.lex?.pos !== 'noun' &&
    toks[j]!.lex?.pos !== 'quality' &&
    adjLike(toks[j]!)
  ) {
    adjectives++;
    j++;
  }
  const head = toks[j];
  if (!head || head.breakBefore) return;
  if (head.lex?.pos === 'quality') {
    hits.push({
      term: 'your <failing>',
      labels: { insult: Math.min(0.99, head.lex.pred + (adjectives > 0 ? 0.08 : 0)) },
      from: i,
      to: j + 1,
      addressed: true,
    });
    return;
  }
  if (ASS.has(head.norm) && adjectives > 0) {
    hits.push({ term: 'your <adj> ass', labels: { insult: 0.85 }, from: i, to: j + 1, addressed: true });
    return;
  }
  if (
    head.lex === null &&
    adjectives > 0 &&
    head.roles === 0 &&
    !head.commaBefore &&
    /^\p{L}{3,}$/u.test(head.norm) &&
    !FUNCTION_WORDS.has(head.norm)
  ) {
    // "your stupid comments", "your pathetic life": scorn for the reader's own.
    let strongest = 0;
    for (let k = i + 1; k < j; k++)
      if (toks[k]!.lex?.pos === 'adj') strongest = Math.max(strongest, toks[k]!.lex!.pred);
    if (strongest >= 0.85) {
      hits.push({
        term: 'your <insult> <noun>',
        labels: { insult: strongest * (ARGUMENT.has(head.norm) ? 0.7 : 0.8) },
        from: i,
        to: j + 1,
        addressed: true,
      });
      return;
    }
  }
  if (head.lex?.pos === 'noun' && head.lex.pred >= 0.9 && adjectives + (j - i) <= 4) {
    const after = toks[j + 1];
    const modifiesNext =
      after !== undefined &&
      !after.breakBefore &&
      !after.commaBefore &&
      after.lex === null &&
      /^[a-z]/.test(after.norm) &&
      !LINK_3P.has(after.norm);
    hits.push({
      term: 'your <insult>',
      labels: { insult: head.lex.pred * (modifiesNext ? 0.6 : 0.85) },
      from: i,
      to: j + 1,
      addressed: true,
    });
    return;
  }
  // "your <thing> is <negative>": up to two words of subject, then a copula.
  for (let s = i + 1; s < toks.length && s <= i + 3; s++) {
    const verb = toks[s + 1];
    if (!verb || verb.breakBefore || toks[s]!.breakBefore) return;
    if (LINK_3P.has(verb.norm)) {
      let k = s + 2;
      while (k < toks.length && k < s + 4 && AUX.has(toks[k]!.norm)) k++;
      const p = predicate(toks, k, false);
      if (!p) return;
      const subject = toks[s]!.norm;
      const factor = ARGUMENT.has(subject) ? 0.7 : 0.85;
      hits.push({
        term: 'your <thing> is <insult>',
        labels: { insult: predWeight(p.pred, p.intensified) * factor },
        from: i,
        to: p.to,
        addressed: true,
      });
      return;
    }
  }
}

function threat(toks: readonly Tok[], i: number, hits: Hit[]): void {
  for (let k = i + 1; k < toks.length && k <= i + 6; k++) {
    const t = toks[k]!;
    if (t.breakBefore) return;
    if (NEG.has(t.norm) || t.norm.endsWith("n't")) return;
    if (!VIOLENT.has(t.norm)) continue;
    // The reader must be the verb's object, right after it: "kill you",
    // "kick your teeth in"; not "we may drown in your empathy".
    const object = toks[k + 1];
    if (object && !object.breakBefore && YOU_OBJECT.has(object.norm) && !object.abbrev) {
      hits.push({ term: "I'll <hurt> you", labels: { threat: 0.9, insult: 0.5 }, from: i, to: k + 2, addressed: true });
    }
    return;
  }
}
