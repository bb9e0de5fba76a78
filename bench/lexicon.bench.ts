/**
 * Lexicon scorer throughput: comments per second, splitting included.
 *
 * Input: the 600 development-set comments (../shared/data/attacks-dev.jsonl),
 * made unique per pass by a nonce word so caches cannot return whole
 * comments; the profanity and look-up caches still see real vocabulary, as
 * they would on a real thread. Reports the first (cold) pass separately.
 *
 * Run: npm run bench:lexicon   (or: npx tsx bench/lexicon.bench.ts [seconds])
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
const seconds = Number(process.argv[2] ?? 5);

/** CPU time of this process in ms: steadier than wall time on a shared machine. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

function pass(round: number): { comments: number; sentences: number; ms: number; wallMs: number } {
  const t0 = cpuMs();
  const w0 = performance.now();
  let sentences = 0;
  for (let i = 0; i < texts.length; i++) {
    const text = `${texts[i]!} zq${round.toString(36)}x${i.toString(36)}`;
    for (const s of splitSentences(text)) {
      analyseSentence(s.text);
      sentences++;
    }
  }
  return { comments: texts.length, sentences, ms: cpuMs() - t0, wallMs: performance.now() - w0 };
}

const cold = pass(0);
let comments = 0;
let sentences = 0;
let ms = 0;
let wallMs = 0;
for (let round = 1; ms < seconds * 1000; round++) {
  const r = pass(round);
  comments += r.comments;
  sentences += r.sentences;
  ms += r.ms;
  wallMs += r.wallMs;
}

// The Scorer interface path (what flagThread calls), on pre-split sentences.
const scorer = createLexiconScorer();
const all = texts.flatMap((t) => splitSentences(t).map((s) => s.text));
const t0 = cpuMs();
let scored = 0;
while (cpuMs() - t0 < 1000) {
  await scorer.score(all);
  scored += all.length;
}
const scorerRate = scored / ((cpuMs() - t0) / 1000);

const avgChars = Math.round(texts.reduce((n, t) => n + t.length, 0) / texts.length);
console.log(`lexicon scorer, ${texts.length} dev-set comments (avg ${avgChars} chars), node ${process.version}`);
const rate = (n: number, t: number): string => Math.round((n / t) * 1000).toLocaleString('en');
console.log('rates are per CPU second of this (single-threaded) process; wall-clock rate in brackets');
console.log(`cold first pass (empty caches): ${rate(cold.comments, cold.ms)} comments/s [wall ${rate(cold.comments, cold.wallMs)}]`);
console.log(`warm, split + score: ${rate(comments, ms)} comments/s, ${rate(sentences, ms)} sentences/s over ${(ms / 1000).toFixed(1)} CPU s [wall ${rate(comments, wallMs)} comments/s]`);
console.log(`Scorer.score() on pre-split sentences: ${Math.round(scorerRate).toLocaleString('en')} sentences/s`);
