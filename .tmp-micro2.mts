import { readFileSync } from 'node:fs';
import { splitSentences } from './src/flag/sentences.ts';
import { analyseSentence } from './src/flag/lexicon/analyse.ts';
const texts = readFileSync('/work/shared/data/attacks-dev.jsonl', 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l).text as string);
const sentences = texts.flatMap((t) => splitSentences(t).map((s) => s.text));
for (let r = 0; r < 300; r++) { for (const s of sentences) analyseSentence(s); }
