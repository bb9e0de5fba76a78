/**
 * Lexicon scorer throughput in comments per second, sentence splitting
 * included (what `flagThread` does per comment, minus targeting).
 *
 * Input: the 600 development-set comments (../shared/data/attacks-dev.jsonl,
 * avg 165 characters), scored over and over for a few CPU seconds.
 * - "warm": the texts as they are. The word caches (vocabulary, profanity)
 *   are warm, as they are a few hundred comments into any real thread.
 * - "one unseen word per comment": a never-seen word is put at the start of
 *   every comment, so each comment also pays the cache-miss path.
 * - "cold": the first pass in a fresh process.
 * Rates are per CPU second of this single-threaded process (steadier than
 * wall time on a shared machine); the wall-clock rate is shown too.
 *
 * Run: npm run bench:lexicon   (or: npx tsx bench/lexicon.bench.ts [cpu-seconds])
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyseSentence } from '../src/flag/lexicon/analyse.js';
import { createLexiconScorer } from '../src/flag/lexicon/index.js';
import { splitSentences } from '../src/flag/sentences.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const devSet = path.resolve(process.env.THREADMOD_SHARED ?? path.join(repo, '../shared'), 'data/attacks-dev.jsonl');
const texts = readFileSync(devSet, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => (JSON.parse(l) as { text: string }).text);
const seconds = Number(process.argv[2] ?? 3);

/** CPU time of this process in ms. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** A word no cache has seen: letters only, so it looks like a name or a typo. */
function unseen(round: number, i: number): string {
  return `zq${(round * texts.length + i).toString(26).replace(/\d/g, (d) => 'klmnopqrst'[Number(d)]!)}x`;
}

interface Run {
  comments: number;
  sentences: number;
  cpu: number;
  wall: number;
}

function pass(round: number, novel: boolean, run: Run): void {
  const c0 = cpuMs();
  const w0 = performance.now();
  for (let i = 0; i < texts.length; i++) {
    const text = novel ? `${unseen(round, i)} ${texts[i]!}` : texts[i]!;
    for (const s of splitSentences(text)) {
      analyseSentence(s.text);
      run.sentences++;
    }
  }
  run.comments += texts.length;
  run.cpu += cpuMs() - c0;
  run.wall += performance.now() - w0;
}

function measure(novel: boolean, firstRound: number): Run {
  const run: Run = { comments: 0, sentences: 0, cpu: 0, wall: 0 };
  for (let round = firstRound; run.cpu < seconds * 1000; round++) pass(round, novel, run);
  return run;
}

const cold: Run = { comments: 0, sentences: 0, cpu: 0, wall: 0 };
pass(0, false, cold);
const warm = measure(false, 1);
const novel = measure(true, 1);

// The Scorer interface (what flagThread calls), on pre-split sentences.
const scorer = createLexiconScorer();
const all = texts.flatMap((t) => splitSentences(t).map((s) => s.text));
const s0 = cpuMs();
let scored = 0;
while (cpuMs() - s0 < 1000) {
  await scorer.score(all);
  scored += all.length;
}
const scorerRate = scored / ((cpuMs() - s0) / 1000);

const rate = (n: number, ms: number): string => Math.round((n / ms) * 1000).toLocaleString('en');
const line = (name: string, r: Run): string =>
  `${name}: ${rate(r.comments, r.cpu)} comments/s (${rate(r.sentences, r.cpu)} sentences/s; ${(r.cpu / 1000).toFixed(1)} CPU s) [wall ${rate(r.comments, r.wall)} comments/s]`;
const avgChars = Math.round(texts.reduce((n, t) => n + t.length, 0) / texts.length);
console.log(
  `lexicon scorer: split + score, ${texts.length} dev-set comments (avg ${avgChars} chars), node ${process.version}`,
);
console.log('rates per CPU second of this single-threaded process [wall-clock rate]');
console.log(line('warm', warm));
console.log(line('one unseen word per comment', novel));
console.log(line('cold (first pass, empty caches)', cold));
console.log(`Scorer.score() on pre-split sentences: ${Math.round(scorerRate).toLocaleString('en')} sentences/s`);
