/**
 * Fixed expressions that insult or threaten with no insult word in them:
 * dismissals ("shut up", "learn to read"), curses ("fuck you"), threats
 * ("I know where you live"). General English, not lines from any data set.
 */
import type { PhraseSpec } from './phrases.js';

const FUCK = 'fuck|f*ck|f**k|fck|fk|fuk|phuck|frick|screw|f';
const YOU_OBJ = 'you|u|ya|yourself|urself|yourselves|off';

export const EXPRESSIONS: readonly PhraseSpec[] = [
  // Telling someone to go away or be quiet.
  {
    pattern: 'shut the|da|tha? fuck|f*ck|f**k|fck|fk|f|hell|heck|frick|freak|fucking|fuckin|fk? up',
    labels: { insult: 0.85 },
    addressed: true,
  },
  { pattern: 'shut your|ur mouth|trap|face|pie|hole|piehole|cakehole|gob', labels: { insult: 0.85 }, addressed: true },
  { pattern: 'stfu|gtfo|stfup', labels: { insult: 0.85 }, addressed: true },
  { pattern: `${FUCK} ${YOU_OBJ}`, labels: { insult: 0.9 }, addressed: true },
  {
    pattern: 'go fuck|f*ck|screw|fk|fuk|phuck yourself|urself|yourselves|off',
    labels: { insult: 0.95 },
    addressed: true,
  },
  { pattern: 'damn you|u', labels: { insult: 0.7 }, addressed: true },
  { pattern: `${FUCK} your|ur`, labels: { insult: 0.75 }, addressed: true },
  {
    pattern: 'get the|da fuck|f*ck|fck|hell|heck out|outta',
    labels: { insult: 0.8 },
    clauseStart: true,
    addressed: true,
  },
  { pattern: 'up yours', labels: { insult: 0.8 }, addressed: true },
  { pattern: 'piss|bugger|sod|buzz|naff|bog off', labels: { insult: 0.8 }, clauseStart: true, addressed: true },
  { pattern: 'get lost', labels: { insult: 0.75 }, clauseStart: true, addressed: true },
  { pattern: 'go away', labels: { insult: 0.65 }, clauseStart: true, addressed: true },
  { pattern: 'grow up', labels: { insult: 0.7 }, clauseStart: true, addressed: true },
  { pattern: 'grow a brain|pair|spine', labels: { insult: 0.75 }, clauseStart: true, addressed: true },
  { pattern: 'get a life|clue|brain|grip', labels: { insult: 0.75 }, clauseStart: true, addressed: true },
  {
    pattern: 'need|get a fucking|freaking|damn|bloody|real life|clue|brain',
    labels: { insult: 0.75 },
    addressed: true,
  },
  { pattern: 'get some brains|sense|help', labels: { insult: 0.65 }, clauseStart: true, addressed: true },
  { pattern: 'get over yourself', labels: { insult: 0.7 }, clauseStart: true, addressed: true },
  { pattern: 'get bent|stuffed|fucked|f*cked', labels: { insult: 0.8 }, clauseStart: true, addressed: true },
  { pattern: 'go back to school', labels: { insult: 0.75 }, clauseStart: true, addressed: true },
  {
    pattern: 'go back to your|ur cave|hole|basement|bridge|mom|mommy|kitchen|trailer|rock',
    labels: { insult: 0.8 },
    clauseStart: true,
    addressed: true,
  },
  {
    pattern: 'crawl|go|slither|slink|get back under|into|to your|whatever|the? rock|hole|cave|sewer|swamp|bridge',
    labels: { insult: 0.8 },
    clauseStart: true,
    addressed: true,
  },
  {
    pattern: 'go back to where|wherever you|u came come from',
    labels: { insult: 0.7, identity_attack: 0.75 },
    clauseStart: true,
    addressed: true,
  },
  {
    pattern: 'go back to your own? country',
    labels: { insult: 0.7, identity_attack: 0.8 },
    clauseStart: true,
    addressed: true,
  },
  {
    pattern: 'learn how? to read|spell|write|think|comprehend|type',
    labels: { insult: 0.75 },
    clauseStart: true,
    addressed: true,
  },
  { pattern: 'learn english|grammar', labels: { insult: 0.7 }, clauseStart: true, addressed: true },
  { pattern: 'get an education', labels: { insult: 0.65 }, clauseStart: true, addressed: true },
  { pattern: 'take a hike', labels: { insult: 0.7 }, clauseStart: true, addressed: true },
  { pattern: 'bite|blow me', labels: { insult: 0.7 }, clauseStart: true, addressed: true },
  { pattern: 'kiss my ass|arse|butt|a$$', labels: { insult: 0.8 }, addressed: true },
  {
    pattern: 'suck my|a dick|cock|balls|nuts|d|dik|johnson',
    labels: { insult: 0.85, sexual_explicit: 0.8 },
    addressed: true,
  },
  { pattern: 'eat shit|sh*t|a dick|my shorts|a bag', labels: { insult: 0.85 }, addressed: true },
  { pattern: 'eat a bag of dicks|cocks|shit|crap|hammers', labels: { insult: 0.85 }, addressed: true },
  {
    pattern: 'put down the crack|bong|bottle|drugs|pipe|meth',
    labels: { insult: 0.7 },
    clauseStart: true,
    addressed: true,
  },
  { pattern: 'go to hell', labels: { insult: 0.8 }, clauseStart: true, addressed: true },
  { pattern: 'burn|rot in hell', labels: { insult: 0.8, threat: 0.5 }, addressed: true },
  { pattern: 'cry more', labels: { insult: 0.6 }, clauseStart: true, addressed: true },
  { pattern: 'go cry', labels: { insult: 0.6 }, clauseStart: true, addressed: true },
  {
    pattern: 'stop|quit whining|crying|trolling|bitching|moaning|embarrassing|spewing|lying',
    labels: { insult: 0.7 },
    clauseStart: true,
    addressed: true,
  },
  { pattern: 'zip it', labels: { insult: 0.6 }, clauseStart: true, addressed: true },
  { pattern: 'nobody|noone cares|asked', labels: { insult: 0.6 } },
  { pattern: 'nobody|noone asked for? you|u|your|ur', labels: { insult: 0.75 }, addressed: true },
  { pattern: 'no one asked for? you|u|your|ur', labels: { insult: 0.75 }, addressed: true },
  {
    pattern: 'go jump off|in a? bridge|cliff|lake|roof',
    labels: { insult: 0.8, threat: 0.5 },
    clauseStart: true,
    addressed: true,
  },
  {
    pattern: 'you|u need|needs serious|professional|psychiatric|mental|medical help',
    labels: { insult: 0.75 },
    addressed: true,
  },
  {
    pattern: 'seek|get professional|psychiatric|mental help',
    labels: { insult: 0.7 },
    clauseStart: true,
    addressed: true,
  },
  { pattern: 'need|get your|ur head examined|checked|read', labels: { insult: 0.75 }, addressed: true },
  { pattern: 'are you|u high|drunk|stoned', labels: { insult: 0.7 }, addressed: true },
  {
    pattern:
      'you|u lack|lacks basic|any|the|common? intelligence|brains|sense|comprehension|decency|class|integrity|morals',
    labels: { insult: 0.75 },
    addressed: true,
  },
  { pattern: "you|u don't|dont have|got a|any clue|brain|brains|life", labels: { insult: 0.7 }, addressed: true },
  { pattern: 'you|u do not have|got a|any clue|brain|brains|life', labels: { insult: 0.7 }, addressed: true },
  {
    pattern: 'you|u are|r incapable of thinking|thought|reading|reason|reasoning|understanding|comprehending',
    labels: { insult: 0.75 },
    addressed: true,
  },
  { pattern: 'shame on you|u', labels: { insult: 0.6 }, addressed: true },
  { pattern: 'people|folks|types|guys|scum|trash like you|u', labels: { insult: 0.65 }, addressed: true },
  { pattern: 'read a book', labels: { insult: 0.6 }, clauseStart: true, addressed: true },
  { pattern: 'no one cares|asked', labels: { insult: 0.6 } },
  { pattern: 'who asked you|u', labels: { insult: 0.6 }, addressed: true },
  { pattern: 'yo mama|momma|mamma|mom|mum|mother', labels: { insult: 0.75 }, addressed: true },
  { pattern: 'did your|ur mom|mother|mommy|mum|parents drop you|u', labels: { insult: 0.8 }, addressed: true },
  { pattern: 'back in|to the kitchen', labels: { insult: 0.75 }, clauseStart: true, addressed: true },
  {
    pattern:
      'fucked|banged|screwed|nailed|fuck|bang your|ur mom|mother|mum|mama|momma|sister|wife|girlfriend|gf|daughter',
    labels: { insult: 0.85, sexual_explicit: 0.7 },
    addressed: true,
  },
  { pattern: 'you|u have|got the iq|brain|brains|intelligence of', labels: { insult: 0.8 }, addressed: true },
  { pattern: 'your|ur one|only|last|two brain cell|cells', labels: { insult: 0.8 }, addressed: true },
  { pattern: 'stop existing|breathing', labels: { insult: 0.8, threat: 0.5 }, clauseStart: true, addressed: true },
  { pattern: 'do the world a favor|favour', labels: { insult: 0.55 }, addressed: true },

  // "you" + a verb that insults.
  { pattern: 'you|u|ya suck|suk|stink|blow|disgust|sicken|repulse', labels: { insult: 0.8 }, addressed: true },
  { pattern: 'you|u make me sick|puke|vomit|ill|gag|barf', labels: { insult: 0.8 }, addressed: true },
  { pattern: 'you|u make me want to puke|vomit|gag|barf', labels: { insult: 0.8 }, addressed: true },
  { pattern: 'you|u have|got no common|redeeming sense|qualities|decency', labels: { insult: 0.75 }, addressed: true },
  {
    pattern:
      'you|u have|got absolutely|simply|clearly|obviously|really no brain|brains|clue|life|shame|class|dignity|redeeming|common|sense|decency',
    labels: { insult: 0.75 },
    addressed: true,
  },
  {
    pattern:
      'you|u have|got no brain|brains|clue|life|shame|class|dignity|friends|balls|integrity|morals|soul|spine|education',
    labels: { insult: 0.7 },
    addressed: true,
  },
  { pattern: 'you|u know nothing|shit|jack|squat', labels: { insult: 0.65 }, addressed: true },
  { pattern: "you|u don't|dont|do not know|kno shit|jack|squat", labels: { insult: 0.65 }, addressed: true },
  {
    // "you can't even read"; never "you can read this survey".
    pattern: "you|u can't|cant|cannot even? read|spell|think|write|comprehend",
    labels: { insult: 0.75 },
    addressed: true,
  },
  { pattern: 'can|do you|u even read|spell|think|comprehend', labels: { insult: 0.75 }, addressed: true },
  // "can you read?", but not "do you read the news?".
  { pattern: 'can you|u read|spell', labels: { insult: 0.55 }, addressed: true },
  { pattern: 'have you|u no shame|brain|life|dignity', labels: { insult: 0.65 }, addressed: true },
  { pattern: 'i|we hate|despise|loathe you|u|ya', labels: { insult: 0.7 }, addressed: true },
  { pattern: 'nobody|noone likes you|u', labels: { insult: 0.7 }, addressed: true },
  { pattern: 'no one likes you|u', labels: { insult: 0.7 }, addressed: true },
  { pattern: 'full of shit|crap|sh*t|bs|bullshit', labels: { insult: 0.75 } },
  { pattern: 'full of it|yourself', labels: { insult: 0.6 } },
  {
    pattern: "have|got no idea|clue what you're|youre|you|u are|r talking|on",
    labels: { insult: 0.7 },
    addressed: true,
  },
  {
    pattern: "don't|dont|do not know what you're|youre|you|u are|r talking|on",
    labels: { insult: 0.7 },
    addressed: true,
  },
  {
    pattern: "your|ur mom's|moms|mommy's|mother's|parents|parents' basement",
    labels: { insult: 0.75 },
    addressed: true,
  },
  {
    pattern: 'what are you|u 5|6|7|8|9|10|11|12|13|14|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen',
    labels: { insult: 0.7 },
    addressed: true,
  },
  {
    pattern: 'are you|u like? 5|6|7|8|9|10|11|12|five|six|seven|eight|nine|ten|eleven|twelve years? old',
    labels: { insult: 0.7 },
    addressed: true,
  },
  { pattern: 'talking out of|outta your|ur ass|arse', labels: { insult: 0.75 }, addressed: true },
  { pattern: 'head out of|outta your|ur ass|arse|butt', labels: { insult: 0.8 }, addressed: true },
  { pattern: 'did|do|can you|u even read|think|know|understand|comprehend', labels: { insult: 0.7 }, addressed: true },
  { pattern: 'are you|u on drugs|crack|glue|meth', labels: { insult: 0.7 }, addressed: true },
  { pattern: 'take|took|off|skipped|forgot your|ur meds|medication|pills', labels: { insult: 0.75 }, addressed: true },
  {
    pattern: 'comprehension|intelligence|iq|brain|brains|maturity|mentality|wit|manners|logic|attention of a|an',
    labels: { insult: 0.75 },
  },
  {
    pattern: 'like a|an 5|6|7|8|9|10|11|12|13|14|15|five|six|seven|eight|nine|ten|eleven|twelve|thirteen year|yr old',
    labels: { insult: 0.7 },
  },
  { pattern: 'beyond help|saving|hope|redemption', labels: { insult: 0.7 } },
  { pattern: 'head up your|ur ass|arse', labels: { insult: 0.8 }, addressed: true },

  // Threats and wishing harm.
  {
    pattern: 'kill|hang|shoot|neck|off yourself|urself|yourselves',
    labels: { threat: 0.85, severe_toxicity: 0.8, insult: 0.8 },
    addressed: true,
  },
  { pattern: 'kys|foad', labels: { threat: 0.85, severe_toxicity: 0.8, insult: 0.8 }, addressed: true },
  { pattern: 'go die|drown|hang', labels: { threat: 0.8, insult: 0.8 }, clauseStart: true, addressed: true },
  { pattern: 'drop dead', labels: { threat: 0.75, insult: 0.8 }, clauseStart: true, addressed: true },
  { pattern: 'die in a fire|hole|ditch', labels: { threat: 0.85, insult: 0.8 }, addressed: true },
  { pattern: 'go play in traffic', labels: { threat: 0.7, insult: 0.8 }, clauseStart: true, addressed: true },
  { pattern: 'drink bleach', labels: { threat: 0.8, insult: 0.8 }, clauseStart: true, addressed: true },
  { pattern: 'watch your|ur back', labels: { threat: 0.75 }, addressed: true },
  { pattern: 'i|we know where you|u live', labels: { threat: 0.85 }, addressed: true },
  { pattern: 'your|ur days are numbered', labels: { threat: 0.8 }, addressed: true },
  { pattern: "you're|youre dead meat", labels: { threat: 0.75 }, addressed: true },
  { pattern: 'you|u are|r dead meat', labels: { threat: 0.75 }, addressed: true },
  { pattern: "you're|youre a dead man|woman", labels: { threat: 0.8 }, addressed: true },
  { pattern: 'you|u are|r a dead man|woman', labels: { threat: 0.8 }, addressed: true },
  { pattern: 'hunt|track you|u|ya down', labels: { threat: 0.85 }, addressed: true },
  { pattern: 'put you|u in the hospital|ground|grave|ER', labels: { threat: 0.85 }, addressed: true },
  {
    pattern: 'beat|kick|knock|smack|slap|punch the shit|crap|hell|fuck|snot|piss|living daylights out of you|u|ya',
    labels: { threat: 0.9, insult: 0.5 },
    addressed: true,
  },
  {
    pattern:
      'break|smash|bash|rip|cut|slit|punch|kick your|ur neck|face|legs|jaw|nose|arm|arms|teeth|skull|head|throat|ass|balls',
    labels: { threat: 0.85 },
    addressed: true,
  },
  {
    pattern: 'hope|wish|pray that? you|u die|dies|burn|rot|choke|suffer|drown|starve|croak',
    labels: { threat: 0.8, insult: 0.6 },
    addressed: true,
  },
  {
    pattern: 'hope|wish|pray that? you|u get cancer|aids|raped|shot|hit|run',
    labels: { threat: 0.85, insult: 0.6 },
    addressed: true,
  },
  {
    pattern: 'you|u should|deserve|ought|need|better to? die|hang|burn|rot|suffer',
    labels: { threat: 0.8, insult: 0.6 },
    addressed: true,
  },
  {
    pattern:
      'you|u should|deserve|ought|need|better to? be|get shot|killed|hanged|hung|raped|beaten|lynched|executed|gassed|deported',
    labels: { threat: 0.85, insult: 0.6 },
    addressed: true,
  },
];
