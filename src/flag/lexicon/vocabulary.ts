/**
 * The lexicon's own vocabulary: general insult words, with how strongly each
 * one insults on its own ("my idiot boss") and said of someone ("you are an
 * idiot"). Profanity comes from `obscenity` (see profanity.ts); this file
 * holds what a moderator would add: insults that are not swear words.
 *
 * Weights are hand-set on a 0-1 scale where 0.7 is "a moderator would call
 * this an insult". They were not fitted to any data set.
 */
import type { Label } from '../labels.js';

/**
 * noun: a word for a person ("idiot"); adj: a quality ("stupid");
 * quality: a failing someone has ("your ignorance").
 */
export type Pos = 'noun' | 'adj' | 'quality';

export interface LexEntry {
  /** Canonical spelling, shown as the matched term. */
  readonly term: string;
  readonly pos: Pos;
  readonly label: Label;
  /** Strength when the word just appears in a sentence. */
  readonly weight: number;
  /** Strength when the word is said of someone: "you are (a) X", "you X". */
  readonly pred: number;
  /** Extra labels a word carries (slurs carry identity_attack). */
  readonly also?: Readonly<Partial<Record<Label, number>>>;
}

type Tier = readonly [weight: number, pred: number, terms: readonly string[]];

/** Words for a person that insult. Plurals are generated. */
const NOUNS: readonly Tier[] = [
  [
    0.85,
    0.97,
    [
      'idiot', 'moron', 'imbecile', 'cretin', 'dumbass', 'dumbfuck', 'dipshit', 'dickhead', 'asshole', 'arsehole',
      'jackass', 'shithead', 'fuckface', 'fuckhead', 'fuckwit', 'fucktard', 'douchebag', 'douche', 'scumbag', 'dirtbag',
      'shitbag', 'halfwit', 'dimwit', 'nitwit', 'numbskull', 'numbnuts', 'knobhead', 'bellend', 'wanker', 'tosser',
      'motherfucker', 'cocksucker', 'asshat', 'asswipe', 'assclown', 'butthead', 'ignoramus', 'lowlife', 'scumbucket', 'shitstain',
      'dunce', 'dolt', 'dullard', 'nincompoop', 'pinhead', 'bonehead', 'meathead', 'airhead', 'blockhead', 'knucklehead',
      'dingbat', 'twit', 'simpleton', 'buffoon', 'oaf', 'cunt', 'twat', 'retard', 'libtard', 'fucktard',
      'pos', 'sleazebag', 'slimeball', 'scum', 'subhuman', 'muthafucka', 'muthafucker', 'motherfucka', 'mothafucka', 'a-hole',
      'ahole', 'dickwad', 'dumbshit', 'dumbo', 'goof', 'goofball', 'screwball', 'lamebrain', 'birdbrain', 'scatterbrain',
    ],
  ],
  [
    0.75,
    0.92,
    [
      'fool', 'loser', 'clown', 'troll', 'jerk', 'creep', 'liar', 'hypocrite', 'coward', 'parasite', 'leech', 'maggot', 'vermin',
      'bigot', 'bitch', 'bastard', 'prick', 'slut', 'whore', 'skank', 'slag', 'hoe', 'pig', 'swine', 'degenerate', 'lunatic',
      'psycho', 'nutjob', 'nutcase', 'crackpot', 'wacko', 'whacko', 'weirdo', 'freak', 'pervert', 'perv', 'pedo', 'pedophile',
      'paedophile', 'paedo', 'bozo', 'prat', 'pillock', 'muppet', 'numpty', 'plonker', 'git', 'berk', 'dork', 'doofus', 'dope',
      'goon', 'cuck', 'incel', 'neckbeard', 'crybaby', 'brat', 'loudmouth', 'blowhard', 'windbag', 'smartass', 'wiseass',
      'rat', 'snake', 'weasel', 'worm', 'toad', 'hag', 'wench', 'sociopath', 'psychopath', 'hater', 'shill', 'stooge',
      'wingnut', 'moonbat', 'teabagger', 'rethuglican', 'repuglican', 'democrap', 'dummy', 'deadbeat', 'scrub', 'noob',
      'sheeple', 'mouthbreather', 'troglodyte', 'neanderthal', 'chump', 'sucker', 'pussy', 'wimp', 'punk', 'thug',
      'schmuck', 'shmuck', 'putz', 'nimrod', 'dingus', 'bimbo', 'floozy', 'tramp', 'harlot', 'trollop', 'hussy', 'thot', 'cur',
      'scoundrel', 'lout', 'yokel', 'bumpkin', 'hillbilly', 'inbred', 'deviant', 'miscreant', 'reprobate', 'wretch', 'snob',
      'brute', 'hoodlum', 'weakling', 'sissy', 'pansy', 'wuss', 'wussy', 'bigmouth', 'blabbermouth', 'busybody', 'shrew',
      'harpy', 'slob', 'fatso', 'fatty', 'lardass', 'porker', 'landwhale', 'simp', 'cuckold', 'manlet', 'sperg', 'gimp', 'nutter',
      'loon', 'loony', 'looney', 'headcase', 'maniac', 'sicko', 'lunkhead', 'chucklehead', 'fathead', 'dumbbell', 'ninny',
      'dimbulb', 'bootlicker', 'brownnoser', 'suckup', 'sycophant', 'lackey', 'flunky', 'toady', 'sockpuppet', 'twerp',
      'dweeb', 'grifter', 'shyster', 'conman', 'freeloader', 'moocher', 'slacker', 'sleazeball', 'oddball', 'jerkoff',
      'jerkwad', 'dirtball', 'scuzzball', 'skeeze', 'crackhead', 'methhead', 'junkie', 'whore', 'manwhore', 'fuckboy',
      'cocksucka', 'douchenozzle', 'douchecanoe', 'shitbird', 'shitheel', 'fuckstick', 'dickweed', 'dickbag', 'asshead',
      'gasbag', 'dipstick', 'dumbdumb', 'pissant', 'goober', 'poltroon', 'creeper', 'ratbag', 'mongrel',
      'tosspot', 'arsewipe', 'minger', 'munter', 'wazzock', 'fuckup', 'screwup',
    ],
  ],
  [
    0.45,
    0.85,
    [
      'nazi', 'fascist', 'commie', 'traitor', 'savage', 'caveman', 'ape', 'monkey', 'donkey', 'cow', 'snowflake', 'hater',
      'fanboy', 'fangirl', 'racist', 'sexist', 'fraud', 'phony', 'fake', 'charlatan', 'crook', 'dope', 'trash', 'garbage',
      'filth', 'dick', 'cock', 'ass', 'arse', 'turd', 'whiner', 'know-it-all', 'beast', 'animal', 'nobody', 'joke', 'disgrace',
      'embarrassment', 'failure', 'disappointment', 'waste', 'nuisance', 'pest', 'menace', 'noob', 'scrub', 'dog', 'reject',
      'bully', 'maggot', 'baboon', 'mule', 'goat', 'parrot', 'stooge', 'amateur', 'newb', 'n00b', 'joker', 'patsy', 'dupe',
      'bum', 'hobo', 'vagrant', 'madman', 'misogynist', 'homophobe', 'xenophobe', 'bigot', 'sellout', 'weirdo', 'hypocrite',
      'zealot', 'crank', 'philistine', 'lowbrow', 'chav', 'vulture', 'hyena', 'jackal', 'cockroach', 'roach', 'rodent', 'slug',
    ],
  ],
  [
    0.3,
    0.7,
    [
      'baby', 'child', 'kid', 'virgin', 'nerd', 'geek', 'sheep', 'tool', 'hack', 'puppet', 'bot', 'drone', 'lemming', 'peasant',
      'pleb', 'hick', 'redneck', 'wannabe', 'poser', 'mess', 'thief', 'criminal', 'terrorist', 'cancer', 'virus', 'disease',
      'plague', 'parasite',
    ],
  ],
];

/**
 * Multi-word insults: matched as phrases. The weight is what the phrase
 * scores on its own; the predicate weight applies after "you are".
 */
export const PHRASE_NOUNS: readonly Tier[] = [
  [0.8, 0.97, ['piece of shit', 'piece of crap', 'sack of shit', 'son of a bitch', 'waste of space', 'waste of air', 'waste of oxygen', 'waste of skin', 'waste of sperm', 'waste of life', 'excuse for a human', 'excuse for a human being', 'bag of shit', 'pile of shit', 'lump of shit']],
  [0.55, 0.9, ['piece of garbage', 'piece of trash', 'piece of work', 'piece of filth', 'bag of douche', 'bunch of idiots', 'bunch of morons']],
];

/**
 * Multi-word qualities: matched as phrases and read as one adjective, so
 * "you are mentally ill" scores like "you are deranged".
 */
export const PHRASE_ADJECTIVES: readonly Tier[] = [
  [0.3, 0.9, ['brain dead', 'mentally retarded', 'mentally deficient', 'mentally challenged', 'mentally handicapped', 'intellectually challenged', 'dumb as a rock', 'dumb as rocks', 'thick as a brick', 'dumb as a post', 'dumb as a brick', 'dumb as dirt']],
  [0.2, 0.8, ['mentally ill', 'mentally unstable', 'mentally disturbed', 'mentally deranged', 'morally bankrupt', 'intellectually dishonest', 'full of yourself', 'out of your mind', 'off your meds', 'off your rocker', 'out of touch with reality', 'not right in the head', 'sick in the head', 'soft in the head']],
];

/**
 * Adjectives that insult only when they describe a person ("you are a
 * horrible person") but not a thing or a skill ("a horrible day", "terrible
 * at chess"); see PERSON_NOUNS.
 */
export const PERSON_JUDGEMENTS: ReadonlySet<string> = new Set([
  'bad', 'horrible', 'terrible', 'awful', 'rotten', 'vile', 'disgusting', 'despicable', 'nasty', 'evil', 'sick', 'twisted', 'wretched',
  'miserable', 'sad', 'pathetic', 'lousy', 'crappy', 'shitty', 'sorry', 'poor', 'pitiful', 'lowly', 'worthless', 'useless', 'hateful', 'dreadful',
]);
/** Plain words for a person: "you are a sad little man", "a terrible human being". */
export const PERSON_NOUNS: ReadonlySet<string> = new Set([
  'person', 'people', 'human', 'humans', 'man', 'men', 'woman', 'women', 'individual', 'individuals', 'specimen', 'creature', 'soul', 'excuse',
  'example', 'guy', 'guys', 'dude', 'boy', 'girl', 'lady', 'excuses', 'character', 'being', 'beings',
]);

/**
 * Common misspellings of insult words, mapped to the word they stand for.
 * Fuzzy matching would be more general but confuses real words ("toward" is
 * one letter from "coward"), so the frequent ones are listed.
 */
const MISSPELLINGS: ReadonlyArray<readonly [string, string]> = [
  ['idoit', 'idiot'], ['idjit', 'idiot'], ['idiet', 'idiot'], ['moran', 'moron'], ['morron', 'moron'], ['stupit', 'stupid'],
  ['stoopid', 'stupid'], ['stupide', 'stupid'], ['dumass', 'dumbass'], ['dumbazz', 'dumbass'], ['dumazz', 'dumbass'],
  ['ignorent', 'ignorant'], ['ignorunt', 'ignorant'], ['iliterate', 'illiterate'], ['illitrate', 'illiterate'],
  ['hypocrit', 'hypocrite'], ['hipocrite', 'hypocrite'], ['hippocrite', 'hypocrite'], ['hippocrate', 'hypocrite'],
  ['retart', 'retard'], ['retared', 'retarded'], ['retarted', 'retarded'], ['looser', 'loser'], ['loosers', 'loser'],
  ['pathatic', 'pathetic'], ['pethetic', 'pathetic'], ['imbicile', 'imbecile'], ['imbecil', 'imbecile'], ['imbicle', 'imbecile'],
  ['asshat', 'asshat'], ['azzhole', 'asshole'], ['asswhole', 'asshole'], ['assole', 'asshole'], ['douch', 'douche'],
  ['douchbag', 'douchebag'], ['dusche', 'douche'], ['bastered', 'bastard'], ['basterd', 'bastard'], ['biatch', 'bitch'],
  ['beotch', 'bitch'], ['cretan', 'cretin'], ['libtart', 'libtard'], ['dumbfuk', 'dumbfuck'], ['fagit', 'faggot'],
];

/** Qualities that insult when said of someone. Comparatives and superlatives are listed where common. */
const ADJECTIVES: readonly Tier[] = [
  [
    0.35,
    0.95,
    [
      'stupid', 'stupider', 'stupidest', 'dumb', 'dumber', 'dumbest', 'idiotic', 'moronic', 'retarded', 'brainless', 'braindead',
      'brain-dead', 'clueless', 'ignorant', 'pathetic', 'worthless', 'imbecilic', 'asinine', 'witless', 'mindless', 'halfwitted',
      'dimwitted', 'feebleminded', 'feeble-minded', 'simple-minded', 'simpleminded', 'dense', 'gormless', 'boneheaded',
      'thickheaded', 'thick-headed', 'despicable', 'contemptible', 'pitiful', 'pitiable', 'disgusting', 'vile', 'repulsive',
      'repugnant', 'loathsome', 'hideous', 'ugly', 'uglier', 'ugliest', 'scummy', 'useless', 'spineless', 'gutless',
      'cretinous', 'unintelligent', 'obtuse', 'vacuous', 'inbred', 'batshit', 'grotesque', 'brain-damaged', 'braindamaged',
      'dumbass', 'dumb-ass', 'ignorant-ass', 'stupidass',
    ],
  ],
  [
    0.25,
    0.85,
    [
      'illiterate', 'uneducated', 'delusional', 'deluded', 'gullible', 'immature', 'childish', 'infantile', 'arrogant', 'pompous',
      'obnoxious', 'insufferable', 'deranged', 'demented', 'psychotic', 'unhinged', 'hypocritical', 'cowardly', 'dishonest',
      'deceitful', 'lying', 'incompetent', 'inept', 'foolish', 'daft', 'dopey', 'dim', 'thick', 'fat', 'fatter', 'fattest',
      'lazy', 'whiny', 'whiney', 'revolting', 'creepy', 'slimy', 'sleazy', 'trashy', 'classless', 'brainwashed', 'bigoted',
      'small-minded', 'narrow-minded', 'pea-brained', 'butthurt', 'insane', 'twisted', 'perverted', 'evil', 'wicked', 'hateful',
      'spiteful', 'nasty', 'filthy', 'smug', 'condescending', 'shitty', 'crappy', 'senile', 'naive', 'laughable', 'inferior',
      'disgraceful', 'shameless', 'clownish', 'ill-informed', 'closed-minded', 'racist', 'sexist',
      'inane', 'vapid', 'uncouth', 'boorish', 'oafish', 'loutish', 'backward', 'crazed', 'loony', 'kooky', 'craven', 'feeble',
      'puny', 'gross', 'foul', 'skeevy', 'pervy', 'warped', 'malicious', 'vindictive', 'homophobic', 'misogynistic', 'xenophobic',
      'conceited', 'snobbish', 'snooty', 'patronizing', 'patronising', 'sanctimonious', 'self-righteous', 'two-faced', 'treacherous',
      'sneaky', 'shifty', 'untrustworthy', 'greedy', 'selfish', 'spoiled', 'spoilt', 'bratty', 'puerile', 'juvenile', 'irritating',
      'unbearable', 'intolerable', 'disrespectful', 'low-class', 'white-trash', 'hopeless', 'obese', 'dopey', 'dozy', 'nutty',
      'ludicrous', 'absurd', 'clueless', 'trolling', 'hypocritical', 'cowardly', 'weak-minded', 'pea-brained',
      'airheaded', 'birdbrained', 'lamebrained', 'knuckleheaded', 'mouthbreathing', 'slack-jawed',
      'mealy-mouthed', 'depraved', 'wretched', 'odious', 'abhorrent',
      'detestable', 'reprehensible', 'deplorable', 'ignoble', 'sniveling', 'snivelling', 'whinging',
      'fanatical', 'nutso', 'loopy', 'batty', 'cuckoo', 'moronical', 'idiotical',
      'dunderheaded', 'thickskulled', 'thick-skulled', 'empty-headed', 'emptyheaded', 'half-witted', 'dim-witted',
    ],
  ],
  [
    0.15,
    0.72,
    [
      'lame', 'mental', 'sick', 'sorry', 'sad', 'miserable', 'crazy', 'nuts', 'ridiculous', 'irrelevant', 'insignificant',
      'annoying', 'rude', 'bitter', 'jealous', 'paranoid', 'hysterical', 'silly', 'weak', 'uninformed', 'misinformed', 'dirty',
      'petty', 'entitled',
    ],
  ],
];

/** Failings: "your ignorance", "your stupidity". */
const QUALITIES: readonly Tier[] = [
  [0.3, 0.9, ['stupidity', 'idiocy', 'ignorance', 'imbecility', 'moronity', 'retardation', 'incompetence', 'cowardice', 'hypocrisy', 'arrogance', 'dishonesty', 'foolishness', 'ugliness', 'bigotry']],
  [0.2, 0.75, ['lies', 'bullshit', 'bs', 'crap', 'garbage', 'trash', 'drivel', 'nonsense', 'rubbish', 'idiocies', 'ramblings', 'whining', 'stupid', 'ego', 'delusions', 'tantrum', 'tantrums', 'filth', 'hate', 'hatred', 'racism', 'propaganda', 'insanity', 'naivety', 'naivete', 'immaturity', 'childishness', 'pettiness']],
];

/**
 * Slurs and words aimed at a group. `obscenity` knows the common slurs; these
 * are ones its data set lacks. Identity words are scored only in attacking
 * patterns (see constructions.ts), never for merely appearing.
 */
const SLURS: readonly Tier[] = [
  [
    0.75,
    0.95,
    [
      'darky', 'darkey', 'niglet', 'zipperhead', 'slanteye', 'camel-jockey', 'kyke', 'faggit', 'fagot', 'fagget', 'nigguh',
      'spic', 'spick', 'wetback', 'beaner', 'gook', 'raghead', 'towelhead', 'sandnigger', 'jigaboo', 'darkie', 'shemale', 'faggot',
      'fag', 'faggy', 'muzzie', 'mooslime', 'nigga', 'nigger', 'kike', 'chink', 'dyke', 'tranny', 'mongoloid', 'spaz', 'lesbo',
    ],
  ],
  [0.4, 0.9, ['coon', 'paki', 'dago', 'wop', 'kraut', 'honky', 'honkey', 'cracker', 'gringo', 'homo', 'tard']],
];

/** Group nouns that make "you <group>" / "<group> are animals" an identity attack. */
export const GROUPS: ReadonlySet<string> = new Set([
  'jew', 'jews', 'muslim', 'muslims', 'moslem', 'moslems', 'arab', 'arabs', 'black', 'blacks', 'mexican', 'mexicans', 'gay', 'gays',
  'immigrant', 'immigrants', 'illegals', 'asian', 'asians', 'chinese', 'africans', 'hispanics', 'latinos', 'christians', 'catholics',
  'women', 'females', 'lesbians', 'homosexuals', 'transgenders', 'whites', 'indians', 'negroes',
]);

function plural(word: string): string[] {
  if (word.includes(' ') || word.endsWith('s')) return [];
  if (/[^aeiou]y$/.test(word)) return [word.slice(0, -1) + 'ies'];
  if (/(sh|ch|x|z)$/.test(word)) return [word + 'es'];
  return [word + 's'];
}

function build(): Map<string, LexEntry> {
  const map = new Map<string, LexEntry>();
  const add = (key: string, entry: LexEntry): void => {
    const old = map.get(key);
    if (!old || old.pred < entry.pred) map.set(key, entry);
  };
  for (const [weight, pred, terms] of NOUNS)
    for (const term of terms) {
      const entry: LexEntry = { term, pos: 'noun', label: 'insult', weight, pred };
      for (const key of [term, ...plural(term)]) add(key, entry);
      if (term.includes('-')) add(term.replaceAll('-', ''), entry);
    }
  for (const [weight, pred, terms] of ADJECTIVES)
    for (const term of terms) {
      const entry: LexEntry = { term, pos: 'adj', label: 'insult', weight, pred };
      add(term, entry);
      if (term.includes('-')) add(term.replaceAll('-', ''), entry);
    }
  for (const [weight, pred, terms] of QUALITIES)
    for (const term of terms) if (!map.has(term)) add(term, { term, pos: 'quality', label: 'insult', weight, pred });
  for (const [weight, pred, terms] of SLURS)
    for (const term of terms) {
      const entry: LexEntry = { term, pos: 'noun', label: 'insult', weight, pred, also: { identity_attack: weight + 0.1 } };
      for (const key of [term, ...plural(term)]) map.set(key, entry);
      if (term.includes('-')) map.set(term.replaceAll('-', ''), entry);
    }
  for (const [wrong, right] of MISSPELLINGS) {
    const entry = map.get(right);
    if (!entry) throw new Error(`misspelling of an unknown word: ${right}`);
    for (const key of [wrong, ...plural(wrong)]) if (!map.has(key)) map.set(key, entry);
  }
  return map;
}

/** Every single-word entry, keyed by lower-case spelling (plurals included). */
export const VOCABULARY: ReadonlyMap<string, LexEntry> = build();

/**
 * The second half of compound insults ("dickhead", "fuckface", "assclown")
 * with the first halves that make them insults; "redhead" and "egghead"
 * stay clean because their first half is not listed.
 */
export const COMPOUND_HEADS: readonly string[] = ['head', 'face', 'bag', 'wad', 'wit', 'hole', 'hat', 'wipe', 'sucker', 'licker', 'stain', 'clown', 'brain', 'brains', 'tard', 'nugget', 'breath', 'muncher', 'goblin', 'weasel', 'stick', 'rag', 'lord', 'fucker', 'monkey'];
export const COMPOUND_FIRSTS: readonly string[] = ['dumb', 'dick', 'shit', 'fuck', 'phuck', 'fck', 'ass', 'arse', 'butt', 'cum', 'douche', 'scum', 'dirt', 'slime', 'sleaze', 'twat', 'cunt', 'kunt', 'cock', 'dork', 'dope', 'knob', 'bone', 'pea', 'turd', 'fart', 'poo', 'poop', 'piss', 'dim', 'half', 'nit', 'numb', 'lard', 'fat', 'mother', 'douchey', 'jizz', 'crap', 'retard', 'libtard', 'wank', 'bitch', 'prick', 'bum', 'moron', 'idiot', 'tit', 'meat', 'mouth', 'egg', 'dip', 'goat'];

/** First words that make a two-word insult with "ass" or "fuck": "dumb ass", "smart ass", "dumb fuck". */
export const ASS_FIRSTS: readonly string[] = ['dumb', 'jack', 'smart', 'fat', 'lazy', 'stupid', 'wise', 'dip'];

/** Prefixes glued onto an insult ("fuckingloser", "stupidbitch"). */
export const GLUED_PREFIXES: readonly string[] = ['fucking', 'fuckin', 'fking', 'stupid', 'dumb', 'fat', 'lil', 'little', 'big', 'filthy', 'dirty', 'ugly', 'pathetic', 'worthless', 'useless'];

/** Words that strengthen the insult they precede: "you fucking idiot". */
export const INTENSIFIERS: ReadonlySet<string> = new Set([
  'fucking', 'fuckin', "fuckin'", 'fking', 'fkn', 'fkin', 'effing', 'freaking', 'frickin', 'frigging', 'friggin', 'flipping', 'bloody',
  'damn', 'damned', 'goddamn', 'goddamned', 'god-damn', 'motherfucking', 'stinking', 'stinkin', 'total', 'complete', 'absolute',
  'utter', 'real', 'big', 'little', 'lil', 'old', 'sorry', 'pathetic', 'sad', 'miserable', 'typical', 'classic', 'giant', 'huge',
  'massive', 'fat', 'ignorant', 'stupid', 'dumb', 'filthy', 'dirty', 'lying', 'worthless', 'useless', 'fucken', 'f*cking',
  'f**king', 'sodding', 'rotten', 'arrogant', 'uneducated', 'illiterate', 'whiny', 'self-righteous', 'smug', 'pompous',
]);

/** Second-person forms that can stand as a subject or an object. */
export const YOU: ReadonlySet<string> = new Set(['you', 'u', 'ya', 'ye', 'yu', 'youse', 'y\'all', 'yall', 'thou', 'thee']);
/** Contractions that mean "you are". */
export const YOU_ARE: ReadonlySet<string> = new Set(["you're", 'youre', "u're", 'ur', 'yer', "you's", "ya're"]);
/** Possessives; `your` is also a common misspelling of "you're". */
export const YOUR: ReadonlySet<string> = new Set(['your', 'ur', 'yo', 'yer', 'yur', 'yor', 'thy']);
export const YOURSELF: ReadonlySet<string> = new Set(['yourself', 'yourselves', 'urself', 'yaself', 'yourselfs', 'yerself']);
/** Every second-person cue the targeting looks for. */
export const SECOND_PERSON: ReadonlySet<string> = new Set([...YOU, ...YOU_ARE, ...YOUR, ...YOURSELF, 'yours', "you've", "you'd", "you'll", 'youve', 'youd', 'youll', "u'll", "u've"].filter((w) => w !== 'yo' && w !== 'thy'));

/** Nouns that can follow "you" when addressing several people: "you guys are idiots". */
export const PLURAL_ADDRESS: ReadonlySet<string> = new Set(['guys', 'people', 'lot', 'all', 'two', 'both', 'folks', 'kids', 'children', 'boys', 'girls', 'lads', 'ladies', 'idiots', 'morons', 'clowns', 'fools', 'dudes', 'bunch', 'yourselves', 'yourself', 'here', 'there', 'again', 'too', 'still', 'sir', 'man', 'dude', 'bro', 'mate', 'buddy', 'pal', 'honey', 'sweetie', 'lady', 'boy', 'son']);
