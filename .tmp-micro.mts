import { readFileSync } from 'node:fs';
import { splitSentences } from './src/flag/sentences.ts';
import { tokenize } from './src/flag/lexicon/tokens.ts';
import { lookup, analyseSentence, lexTokens } from './src/flag/lexicon/analyse.ts';
import { findProfanity } from './src/flag/lexicon/profanity.ts';
import { findConstructions } from './src/flag/lexicon/constructions.ts';
const texts = readFileSync('/work/shared/data/attacks-dev.jsonl', 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).text as string);
const sentences = texts.flatMap((t) => splitSentences(t).map((s) => s.text));
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
function time(name: string, fn: () => void, reps = 40) {
  fn();
  const t0 = cpu();
  for (let r = 0; r < reps; r++) fn();
  const ms = (cpu() - t0) / reps;
  console.log(name.padEnd(20), (ms).toFixed(2), 'ms per 600 comments =>', Math.round(600 / ms * 1000), '/s');
}
time('split', () => { for (const t of texts) splitSentences(t); });
time('tokenize', () => { for (const s of sentences) tokenize(s); });
const toks = sentences.map((s) => tokenize(s));
time('lookup', () => { for (const ts of toks) for (const t of ts) lookup(t.norm); });
time('profanity', () => { for (const s of sentences) findProfanity(s); });
const lt = sentences.map((s) => lexTokens(s));
time('lexTokens', () => { for (const s of sentences) lexTokens(s); });
time('constructions', () => { for (const ts of lt) findConstructions(ts); });
time('analyse', () => { for (const s of sentences) analyseSentence(s); });
