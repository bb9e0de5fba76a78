/**
 * The trained scorer's features are computed the fast way (normalise into
 * reused typed buffers, vectorOf counting as it hashes); training and the
 * shipped model were fitted on the straightforward way. These properties pin
 * the two together to the last bit: the reference below is the plain
 * reading of the algorithm (arrays of numbers, every occurrence listed, then
 * counted in a Map in the order first seen).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHAR,
  DEFAULT_FEATURES,
  featureOccurrences,
  featurize,
  normalise,
  vectorOf,
  withReusedVectors,
  withoutReusedVectors,
  type FeatureSpec,
  type Normalised,
} from '../../../src/flag/trained/features.js';

const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;
const isWordChar = (c: number): boolean =>
  c < 128
    ? (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 39 || c === 42
    : (c >= 0xd800 && c <= 0xdfff) || WORD_CHAR.test(String.fromCharCode(c));
const isSpace = (c: number): boolean =>
  c === 32 ||
  (c >= 9 && c <= 13) ||
  c === 0xa0 ||
  (c >= 0x2000 && c <= 0x200b) ||
  c === 0x3000 ||
  c === 0xfeff ||
  c === 0x202f;
const lower = (c: number): number => {
  if (c >= 65 && c <= 90) return c + 32;
  if (c < 128) return c;
  const l = String.fromCharCode(c).toLowerCase();
  return l.length === 1 ? l.charCodeAt(0) : c;
};

/** normalise as first written: arrays of numbers, one push per character. */
function referenceNormalise(raw: string): Normalised {
  const text = raw.length > 4000 ? raw.slice(0, 4000) : raw;
  const out = [32];
  const origin = [0];
  const push = (code: number, at: number) => {
    out.push(code);
    origin.push(at);
  };
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      if (out[out.length - 1] !== 32) push(32, i);
      i++;
      continue;
    }
    const boundary = i === 0 || !isWordChar(lower(text.charCodeAt(i - 1)));
    if (c === 64 && boundary) {
      const m = /@[\p{L}\p{N}_][\p{L}\p{N}_.-]*(?:@[\p{L}\p{N}.-]+)?/uy;
      m.lastIndex = i;
      const hit = m.exec(text);
      if (hit) {
        for (const ch of '@user') push(ch.charCodeAt(0), i);
        i += hit[0].length;
        continue;
      }
    }
    if ((c === 104 || c === 72 || c === 119 || c === 87) && boundary) {
      const u = /\b(?:https?:\/\/|www\.)\S+/giy;
      u.lastIndex = i;
      const hit = u.exec(text);
      if (hit) {
        for (const ch of 'url') push(ch.charCodeAt(0), i);
        i += hit[0].length;
        continue;
      }
    }
    let code = lower(c);
    if (code === 0x2019 || code === 0x2018) code = 39;
    const n = out.length;
    if (n >= 2 && out[n - 1] === code && out[n - 2] === code && code !== 32) {
      i++;
      continue;
    }
    push(code, i);
    i++;
  }
  if (out[out.length - 1] !== 32) push(32, text.length);
  const words: Array<[number, number]> = [];
  let start = -1;
  for (let k = 0; k < out.length; k++) {
    const w = isWordChar(out[k]!);
    if (w && start < 0) start = k;
    else if (!w && start >= 0) {
      let s = start;
      let e = k;
      while (s < e && (out[s] === 39 || out[s] === 42)) s++;
      while (e > s && (out[e - 1] === 39 || out[e - 1] === 42)) e--;
      if (e > s) words.push([s, e]);
      start = -1;
    }
  }
  return { text: String.fromCharCode(...out), codes: Uint16Array.from(out), origin: Int32Array.from(origin), words };
}

/** vectorOf as first written: every occurrence listed, counted in a Map in the order first seen. */
function referenceVector(norm: Normalised, spec: FeatureSpec): { idx: Int32Array; val: Float32Array } {
  const occ = featureOccurrences(norm, spec);
  const counts = new Map<number, { count: number; block: number }>();
  for (let k = 0; k < occ.n; k++) {
    const entry = counts.get(occ.bucket[k]!);
    if (entry) entry.count++;
    else counts.set(occ.bucket[k]!, { count: 1, block: occ.kind[k] === CHAR ? 1 : 0 });
  }
  const idx = Int32Array.from(counts.keys());
  const val = new Float32Array(idx.length);
  let sq0 = 0;
  let sq1 = 0;
  [...counts.values()].forEach(({ count, block }, k) => {
    const v = Math.log1p(count);
    val[k] = v;
    if (block === 0) sq0 += v * v;
    else sq1 += v * v;
  });
  const s0 = sq0 > 0 ? Math.sqrt((1 - spec.charShare) / sq0) : 0;
  const s1 = sq1 > 0 ? Math.sqrt(spec.charShare / sq1) : 0;
  [...counts.values()].forEach(({ block }, k) => (val[k]! *= block === 0 ? s0 : s1));
  return { idx, val };
}

const PIECES = [
  'you',
  'idiot',
  'YOU',
  'Stupid',
  ' ',
  '  ',
  '\n',
  '\t',
  '.',
  ',',
  '!',
  "'",
  '*',
  '’',
  '‘',
  'stuuuupid',
  'aaa',
  'ïdîöt',
  'Ｉｄｉｏｔ',
  'уоu',
  'Ты',
  '😀',
  '🤡',
  '\u200b',
  '\u00a0',
  'İ',
  'ß',
  '@bob',
  '@bob@lemmy.world',
  'x@y',
  'http://a.b/c',
  'www.x.org',
  'https://',
  'Hwww',
  'e\u0301',
  '12',
  '\ud800',
  'q',
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(''));
const spec = fc.record({
  bits: fc.integer({ min: 8, max: 16 }),
  charMin: fc.integer({ min: 1, max: 3 }),
  charMax: fc.integer({ min: 3, max: 6 }),
  wordMax: fc.integer({ min: 1, max: 2 }),
  charShare: fc.double({ min: 0, max: 1, noNaN: true }),
});

describe('trained features, fast against straightforward', () => {
  it('normalise gives the same text, origins and words', () => {
    fc.assert(
      fc.property(text, (t) => {
        const fast = normalise(t);
        const ref = referenceNormalise(t);
        expect(fast.text).toBe(ref.text);
        expect(Array.from(fast.codes)).toEqual(Array.from(ref.codes));
        expect(fast.origin).toEqual(ref.origin);
        expect(fast.words).toEqual(ref.words);
      }),
      { numRuns: 2000 },
    );
  });

  it('vectorOf gives the same buckets, in the same order, with the same values', () => {
    fc.assert(
      fc.property(text, spec, (t, s) => {
        const norm = normalise(t);
        const fast = vectorOf(norm, s);
        const ref = referenceVector(norm, s);
        expect(fast.idx).toEqual(ref.idx);
        expect(fast.val).toEqual(ref.val);
      }),
      { numRuns: 2000 },
    );
  });

  it('the same on long texts (buffers grow, counts pass the lookup table) and on the shipped spec', () => {
    for (const t of ['ab cd '.repeat(700), 'aa '.repeat(1500), '@bob hi '.repeat(600), 'you idiot. '.repeat(50)]) {
      const norm = normalise(t);
      const ref = referenceNormalise(t);
      expect(norm.text).toBe(ref.text);
      expect(norm.words).toEqual(ref.words);
      const fast = vectorOf(norm, DEFAULT_FEATURES);
      const slow = referenceVector(norm, DEFAULT_FEATURES);
      expect(fast.idx).toEqual(slow.idx);
      expect(fast.val).toEqual(slow.val);
    }
  });

  it('keeps every vector as it was made while many more are made after it (vectors share buffers)', () => {
    const kept: Array<{ v: ReturnType<typeof featurize>; idx: number[]; val: number[] }> = [];
    for (let i = 0; i < 3000; i++) {
      const v = featurize(`${'you idiot number '.repeat(1 + (i % 7))}${i} ${'x'.repeat(i % 50)}`, DEFAULT_FEATURES);
      kept.push({ v, idx: Array.from(v.idx), val: Array.from(v.val) });
    }
    // Over 2 MB of vectors: several buffers were started and none was written over.
    expect(kept.reduce((n, k) => n + 8 * k.idx.length, 0)).toBeGreaterThan(2 << 20);
    for (const k of kept) {
      expect(Array.from(k.v.idx)).toEqual(k.idx);
      expect(Array.from(k.v.val)).toEqual(k.val);
    }
  });

  it('vectors made in withReusedVectors are the same as any, and the next run reuses their memory', () => {
    const texts = ['you idiot', 'ab cd '.repeat(700), '@bob hi '.repeat(600), 'fine, thanks', 'x'.repeat(3000)];
    const outside = texts.map((t) => featurize(t, DEFAULT_FEATURES));
    const plain = (v: ReturnType<typeof featurize>) => ({ idx: Array.from(v.idx), val: Array.from(v.val) });
    for (let run = 0; run < 3; run++) {
      // Several megabytes per run: the reused buffer grows (and is let go) on the way.
      const inside = withReusedVectors(() =>
        texts.flatMap((t) => Array.from({ length: 40 }, () => plain(featurize(t, DEFAULT_FEATURES)))),
      );
      inside.forEach((v, i) => expect(v).toEqual(plain(outside[Math.floor(i / 40)]!)));
    }
    const first = withReusedVectors(() => featurize('you idiot', DEFAULT_FEATURES));
    const kept = withReusedVectors(() => withoutReusedVectors(() => featurize('you idiot', DEFAULT_FEATURES)));
    withReusedVectors(() => featurize('something else entirely', DEFAULT_FEATURES));
    // The first run's vector was written over by the third; the one made outside reuse was not.
    expect(plain(first)).not.toEqual(plain(outside[0]!));
    expect(plain(kept)).toEqual(plain(outside[0]!));
  });
});
