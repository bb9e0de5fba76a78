/**
 * Hashed text features for the trained attack model: word 1-2-grams and
 * character 2-5-grams, each hashed into a fixed number of buckets.
 *
 * Training and scoring share this one function, so a model can never see
 * features built differently from those it learned on. Hashing needs no
 * vocabulary file, handles any word (misspellings, l33t, new slurs) through
 * its character grams, and keeps scoring to a few multiplications per
 * character.
 *
 * Normalisation (the same at training and scoring): lower case, runs of
 * white space as one space, a letter repeated 3+ times as two ("stuuupid" ->
 * "stuupid"), @mentions as `@user` and links as `url` (OLID's tweets already
 * read that way, so a Lemmy mention and a tweet's mention look alike).
 *
 * Values: log(1 + count) per feature, then the word block and the character
 * block are each scaled to unit length, so a sentence and a whole comment
 * land on the same scale.
 */

export interface FeatureSpec {
  /** log2 of the number of hash buckets. */
  readonly bits: number;
  /** Character n-gram lengths, inclusive. */
  readonly charMin: number;
  readonly charMax: number;
  /** Word n-gram orders used (1 = unigrams, 2 = bigrams). */
  readonly wordMax: number;
  /** Share of the vector's squared length given to the character block (0..1). */
  readonly charShare: number;
}

export const DEFAULT_FEATURES: FeatureSpec = { bits: 16, charMin: 2, charMax: 5, wordMax: 2, charShare: 0.5 };

/** A sparse vector: bucket indices (unique) and their values. */
export interface SparseVector {
  readonly idx: Int32Array;
  readonly val: Float32Array;
}

/** Normalised text with, for each of its characters, the offset in the original. */
export interface Normalised {
  readonly text: string;
  /** The text's UTF-16 codes (`codes[i] === text.charCodeAt(i)`): what the features hash. */
  readonly codes: Uint16Array;
  readonly origin: Int32Array;
  /** Word spans in the normalised text. */
  readonly words: ReadonlyArray<readonly [number, number]>;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const SEED_WORD = 0x2f1b3c4d;
const SEED_BIGRAM = 0x5a17e3c9;
const SEED_CHAR = 0x13579bdf;
const MAX_CHARS = 4000;

const URL_RE = /\b(?:https?:\/\/|www\.)\S+/giy;
const MENTION_RE = /@[\p{L}\p{N}_][\p{L}\p{N}_.-]*(?:@[\p{L}\p{N}.-]+)?/uy;

const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;

function isWordChar(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 39 || c === 42;
  return (c >= 0xd800 && c <= 0xdfff) || WORD_CHAR.test(String.fromCharCode(c));
}

function isSpaceCode(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    (c >= 0x2000 && c <= 0x200b) ||
    c === 0x3000 ||
    c === 0xfeff ||
    c === 0x202f
  );
}

/** What an ASCII character can be in `normalise` (bits), and what any other is. */
const SPACE = 1;
const UPPER = 2;
/** `@` may start a mention, `h`/`w` a link. */
const TOKEN_START = 4;
/** A character of a word, as `isWordChar` says (of lower-cased text). */
const WORD_PART = 8;
const NON_ASCII = 16;
const ASCII_CLASS = Uint8Array.from({ length: 128 }, (_, c) => {
  let cls = 0;
  if (isSpaceCode(c)) cls |= SPACE;
  if (c >= 65 && c <= 90) cls |= UPPER;
  if (c === 64 || c === 104 || c === 72 || c === 119 || c === 87) cls |= TOKEN_START;
  if (isWordChar(c)) cls |= WORD_PART;
  return cls;
});

/** Output buffers of `normalise`, reused (scoring is single-threaded); the result copies out of them. */
let normCodes = new Uint16Array(4096);
let normOrigin = new Int32Array(4096);

/** Lower-cases and normalises `raw`, keeping where every character came from. */
export function normalise(raw: string): Normalised {
  const text = raw.length > MAX_CHARS ? raw.slice(0, MAX_CHARS) : raw;
  const n = text.length;
  // Each character gives at most one, a mention (2+ characters) gives `@user`: 2.5 per character at most.
  if (normCodes.length < 3 * n + 2) {
    normCodes = new Uint16Array(3 * n + 2);
    normOrigin = new Int32Array(3 * n + 2);
  }
  const out = normCodes;
  const origin = normOrigin;
  out[0] = 32;
  origin[0] = 0;
  let len = 1;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    // ASCII, almost every character: one table look-up says what it can be.
    const cls = c < 128 ? ASCII_CLASS[c]! : isSpaceCode(c) ? SPACE : NON_ASCII;
    if (cls & SPACE) {
      if (out[len - 1] !== 32) {
        out[len] = 32;
        origin[len++] = i;
      }
      i++;
      continue;
    }
    if (cls & TOKEN_START && (i === 0 || !isWordChar(lowerCode(text.charCodeAt(i - 1))))) {
      const token = c === 64 /* @ */ ? USER_TOKEN : URL_TOKEN;
      const re = c === 64 ? MENTION_RE : URL_RE;
      re.lastIndex = i;
      const m = re.exec(text);
      if (m) {
        for (let k = 0; k < token.length; k++) {
          out[len] = token.charCodeAt(k);
          origin[len++] = i;
        }
        i += m[0].length;
        continue;
      }
    }
    let code = cls & UPPER ? c + 32 : c;
    if (cls === NON_ASCII) {
      code = lowerCode(c);
      if (code === 0x2019 || code === 0x2018) code = 39;
    }
    // A letter written 3+ times in a row keeps two copies.
    if (len >= 2 && out[len - 1] === code && out[len - 2] === code && code !== 32) {
      i++;
      continue;
    }
    out[len] = code;
    origin[len++] = i;
    i++;
  }
  if (out[len - 1] !== 32) {
    out[len] = 32;
    origin[len++] = n;
  }
  const words: Array<[number, number]> = [];
  let start = -1;
  for (let k = 0; k < len; k++) {
    const o = out[k]!;
    const w = o < 128 ? (ASCII_CLASS[o]! & WORD_PART) !== 0 : isWordChar(o);
    if (w && start < 0) start = k;
    else if (!w && start >= 0) {
      pushWord(out, start, k, words);
      start = -1;
    }
  }
  const kept = int32s(len);
  // A loop, not set(subarray): a subarray is one more typed array to make.
  for (let k = 0; k < len; k++) kept[k] = origin[k]!;
  const textLength = Math.min(len, 65536);
  const codes = uint16s(textLength);
  for (let k = 0; k < textLength; k++) codes[k] = out[k]!;
  return new NormalisedText(codes, kept, words);
}

/**
 * The string is made when first read: scoring hashes the codes and reads the
 * text only to quote a word of an explained sentence, and making it cost
 * more than any other step of normalising.
 */
class NormalisedText implements Normalised {
  private made: string | undefined = undefined;
  constructor(
    readonly codes: Uint16Array,
    readonly origin: Int32Array,
    readonly words: ReadonlyArray<readonly [number, number]>,
  ) {}
  get text(): string {
    return (this.made ??= stringOf(this.codes, this.codes.length));
  }
}

const USER_TOKEN = '@user';
const URL_TOKEN = 'url';

/** The string of the first `len` codes, built a few thousand at a time (an argument list has a limit). */
function stringOf(codes: Uint16Array, len: number): string {
  const CHUNK = 4096;
  if (len <= CHUNK) return String.fromCharCode.apply(null, codes.subarray(0, len) as unknown as number[]);
  let s = '';
  for (let at = 0; at < len; at += CHUNK)
    s += String.fromCharCode.apply(null, codes.subarray(at, Math.min(len, at + CHUNK)) as unknown as number[]);
  return s;
}

/** Apostrophes and asterisks only count inside a word: "'idiot'" is the word idiot. */
function pushWord(codes: Uint16Array, start: number, end: number, words: Array<[number, number]>): void {
  while (start < end && (codes[start] === 39 || codes[start] === 42)) start++;
  while (end > start && (codes[end - 1] === 39 || codes[end - 1] === 42)) end--;
  if (end > start) words.push([start, end]);
}

function lowerCode(c: number): number {
  if (c >= 65 && c <= 90) return c + 32;
  if (c < 128) return c;
  const lower = String.fromCharCode(c).toLowerCase();
  return lower.length === 1 ? lower.charCodeAt(0) : c;
}

function hashRange(codes: Uint16Array, start: number, end: number, seed: number): number {
  let h = FNV_OFFSET ^ seed;
  for (let i = start; i < end; i++) h = Math.imul(h ^ codes[i]!, FNV_PRIME);
  return h;
}

function finalMix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Scratch space reused between calls (scoring is single-threaded): the count
 * per bucket, and the buckets in the order they were first touched. That
 * order is the vector's order, so sums over it come out the same to the last
 * bit. Word grams are all counted before character grams, so the buckets
 * first touched by a word gram (the word block) come first.
 */
class Scratch {
  readonly counts: Int32Array;
  touched = new Int32Array(1024);
  constructor(size: number) {
    this.counts = new Int32Array(size);
  }
  /** Room for `size` distinct buckets and one more, so the counting loop needs no bounds check. */
  reserve(size: number): void {
    if (this.touched.length > size) return;
    this.touched = new Int32Array(size + 1);
  }
}

const scratches = new Map<number, Scratch>();

function scratchFor(bits: number): Scratch {
  let s = scratches.get(bits);
  if (!s) {
    s = new Scratch(1 << bits);
    scratches.set(bits, s);
  }
  return s;
}

/**
 * Vectors (and the origins of normalised texts) are views cut from shared
 * 1 MB slabs: a typed array with a buffer
 * of its own costs an allocation and a registration with the garbage
 * collector, which was the largest cost left per sentence. A slab is freed
 * when no vector cut from it is left (scoring drops them after each call;
 * training keeps them all, packed).
 */
const SLAB_BYTES = 1 << 20;
let slab = new ArrayBuffer(SLAB_BYTES);
let slabUsed = 0;

/** `n` 32-bit integers from the current slab (a new slab when it is full); the caller writes every one. */
function int32s(n: number): Int32Array {
  const at = reserveSlab(4 * n);
  return new Int32Array(cut, at, n);
}

/** `n` 16-bit codes from the current slab (whole 4-byte units, so the next cut stays aligned); the caller writes every one. */
function uint16s(n: number): Uint16Array {
  const at = reserveSlab(4 * ((n + 1) >> 1));
  return new Uint16Array(cut, at, n);
}

/** `n` 32-bit floats from the current slab; the caller writes every one. */
function float32s(n: number): Float32Array {
  const at = reserveSlab(4 * n);
  return new Float32Array(cut, at, n);
}

/**
 * While `withReusedVectors` runs, vectors are cut from this buffer instead,
 * from its start again at each run. A fresh slab's pages cost a page fault
 * each on first write (about a microsecond in this VM, one every two
 * sentences); these stay mapped.
 */
let reused = new ArrayBuffer(SLAB_BYTES);
let reusedUsed = 0;
let reusing = false;
/** The buffer the last `reserveSlab` cut from. */
let cut: ArrayBuffer = slab;

/**
 * Runs `fn` with every vector and normalised text it makes cut from memory
 * that the next run reuses: they are valid only until `fn` returns, so
 * nothing made inside may outlive it (a scoring call, which keeps only the
 * scores it computes from them). Nested runs share the outer one's memory.
 */
export function withReusedVectors<T>(fn: () => T): T {
  if (reusing) return fn();
  reusing = true;
  reusedUsed = 0;
  try {
    return fn();
  } finally {
    reusing = false;
    // A batch of thousands of sentences grew it: not kept, so a long thread does not hold its size for good.
    if (reused.byteLength > MAX_REUSED_BYTES) reused = new ArrayBuffer(SLAB_BYTES);
  }
}

const MAX_REUSED_BYTES = 4 * SLAB_BYTES;

/** Runs `fn` (someone else's code, a progress callback) with vectors cut from slabs again, as outside any run. */
export function withoutReusedVectors<T>(fn: () => T): T {
  if (!reusing) return fn();
  reusing = false;
  try {
    return fn();
  } finally {
    reusing = true;
  }
}

/** Offset of `bytes` bytes in `cut`, which this sets: read `cut` only after. */
function reserveSlab(bytes: number): number {
  if (reusing) {
    // Full: a larger buffer for the rest of this run and the next ones; what was cut from the old one stays valid.
    if (reusedUsed + bytes > reused.byteLength) {
      reused = new ArrayBuffer(Math.max(2 * reused.byteLength, bytes));
      reusedUsed = 0;
    }
    cut = reused;
    const at = reusedUsed;
    reusedUsed += bytes;
    return at;
  }
  if (slabUsed + bytes > slab.byteLength) {
    slab = new ArrayBuffer(Math.max(SLAB_BYTES, bytes));
    slabUsed = 0;
  }
  cut = slab;
  const at = slabUsed;
  slabUsed += bytes;
  return at;
}

/** log(1 + c) for the small counts almost every feature has: the same doubles Math.log1p gives, looked up. */
const LOG1P = Float64Array.from({ length: 256 }, (_, c) => Math.log1p(c));

/** Feature kinds, as stored in `Occurrences.kind`. */
export const WORD = 0;
export const BIGRAM = 1;
export const CHAR = 2;

/**
 * Every feature occurrence of a text, in order: its bucket, kind, and span in
 * the normalised text. The arrays are reused by the next call (scoring is
 * single-threaded and every caller reads them at once): plain loops over
 * typed arrays instead of a callback per occurrence, which kept the hot loop
 * from being inlined.
 */
export interface Occurrences {
  n: number;
  bucket: Int32Array;
  kind: Uint8Array;
  start: Int32Array;
  end: Int32Array;
}

const occurrences: Occurrences = {
  n: 0,
  bucket: new Int32Array(4096),
  kind: new Uint8Array(4096),
  start: new Int32Array(4096),
  end: new Int32Array(4096),
};

function reserve(size: number): void {
  if (occurrences.bucket.length >= size) return;
  const grow = <T extends Int32Array | Uint8Array>(a: T, make: (n: number) => T): T => {
    const b = make(size);
    b.set(a);
    return b;
  };
  occurrences.bucket = grow(occurrences.bucket, (n) => new Int32Array(n));
  occurrences.kind = grow(occurrences.kind, (n) => new Uint8Array(n));
  occurrences.start = grow(occurrences.start, (n) => new Int32Array(n));
  occurrences.end = grow(occurrences.end, (n) => new Int32Array(n));
}

/** The feature occurrences of the normalised text (offsets in the normalised text); valid until the next call. */
export function featureOccurrences(norm: Normalised, spec: FeatureSpec): Occurrences {
  const mask = (1 << spec.bits) - 1;
  const codes = norm.codes;
  const words = norm.words;
  const n = codes.length;
  reserve(2 * words.length + n * Math.max(0, spec.charMax - spec.charMin + 1) + 1);
  const { bucket, kind, start, end } = occurrences;
  let o = 0;
  let prev = 0;
  for (let w = 0; w < words.length; w++) {
    const [s, e] = words[w]!;
    const h = hashRange(codes, s, e, SEED_WORD);
    bucket[o] = finalMix(h) & mask;
    kind[o] = WORD;
    start[o] = s;
    end[o++] = e;
    if (spec.wordMax >= 2 && w > 0) {
      const b = Math.imul(prev ^ SEED_BIGRAM, FNV_PRIME) ^ h;
      bucket[o] = finalMix(Math.imul(b, 0x9e3779b1)) & mask;
      kind[o] = BIGRAM;
      start[o] = words[w - 1]![0];
      end[o++] = e;
    }
    prev = h;
  }
  for (let i = 0; i < n - 1; i++) {
    let h = FNV_OFFSET ^ SEED_CHAR;
    const limit = Math.min(n, i + spec.charMax);
    for (let k = i; k < limit; k++) {
      h = Math.imul(h ^ codes[k]!, FNV_PRIME);
      const len = k - i + 1;
      if (len >= spec.charMin) {
        bucket[o] = finalMix(h ^ len) & mask;
        kind[o] = CHAR;
        start[o] = i;
        end[o++] = k + 1;
      }
    }
  }
  occurrences.n = o;
  return occurrences;
}

/** The feature vector of `text`. */
export function featurize(text: string, spec: FeatureSpec): SparseVector {
  return vectorOf(normalise(text), spec);
}

/**
 * The feature vector of a normalised text: the occurrences of
 * `featureOccurrences`, counted as they are hashed (nothing stored per
 * occurrence), in the order each bucket is first seen.
 */
export function vectorOf(norm: Normalised, spec: FeatureSpec): SparseVector {
  const scratch = scratchFor(spec.bits);
  const mask = (1 << spec.bits) - 1;
  const codes = norm.codes;
  const words = norm.words;
  const len = codes.length;
  const { charMin, charMax } = spec;
  scratch.reserve(2 * words.length + len * Math.max(0, charMax - charMin + 1) + 1);
  const { counts, touched } = scratch;
  // Every bucket is written to `touched[n]`, and `n` moves on only when the
  // bucket is new ((seen - 1) >>> 31 is 1 for seen 0, else 0): a branch here
  // was taken at random, and its mispredictions cost more than the store.
  let n = 0;
  let prev = 0;
  for (let w = 0; w < words.length; w++) {
    const word = words[w]!;
    const h = hashRange(codes, word[0], word[1], SEED_WORD);
    let b = finalMix(h) & mask;
    let seen = counts[b]!;
    counts[b] = seen + 1;
    touched[n] = b;
    n += (seen - 1) >>> 31;
    if (spec.wordMax >= 2 && w > 0) {
      b = finalMix(Math.imul(Math.imul(prev ^ SEED_BIGRAM, FNV_PRIME) ^ h, 0x9e3779b1)) & mask;
      seen = counts[b]!;
      counts[b] = seen + 1;
      touched[n] = b;
      n += (seen - 1) >>> 31;
    }
    prev = h;
  }
  const wordBlock = n;
  for (let i = 0; i < len - 1; i++) {
    let h = FNV_OFFSET ^ SEED_CHAR;
    const limit = Math.min(len, i + charMax);
    // The characters before the shortest gram's last one only feed the hash.
    const first = Math.min(limit, i + charMin - 1);
    let k = i;
    for (; k < first; k++) h = Math.imul(h ^ codes[k]!, FNV_PRIME);
    for (; k < limit; k++) {
      h = Math.imul(h ^ codes[k]!, FNV_PRIME);
      const b = finalMix(h ^ (k - i + 1)) & mask;
      const seen = counts[b]!;
      counts[b] = seen + 1;
      touched[n] = b;
      n += (seen - 1) >>> 31;
    }
  }
  const idx = int32s(n);
  const val = float32s(n);
  // One call per block, so neither loop tests which block an entry is in.
  const sq0 = drainCounts(touched, counts, idx, val, 0, wordBlock);
  const sq1 = drainCounts(touched, counts, idx, val, wordBlock, n);
  const s0 = sq0 > 0 ? Math.sqrt((1 - spec.charShare) / sq0) : 0;
  const s1 = sq1 > 0 ? Math.sqrt(spec.charShare / sq1) : 0;
  for (let k = 0; k < wordBlock; k++) val[k]! *= s0;
  for (let k = wordBlock; k < n; k++) val[k]! *= s1;
  return { idx, val };
}

/** Features of a normalised text, ready to multiply with any weight vector of the same spec. */
export interface Counted extends SparseVector {
  dot(weights: Float32Array | Float64Array): number;
}

export function countFeatures(norm: Normalised, spec: FeatureSpec): Counted {
  const v = vectorOf(norm, spec);
  return new CountedVector(v.idx, v.val);
}

class CountedVector implements Counted {
  constructor(
    readonly idx: Int32Array,
    readonly val: Float32Array,
  ) {}
  dot(weights: Float32Array | Float64Array): number {
    const { idx, val } = this;
    let s = 0;
    for (let k = 0; k < idx.length; k++) s += val[k]! * weights[idx[k]!]!;
    return s;
  }
}

/**
 * Moves the counts of buckets `touched[from..to)` into `idx`/`val` as
 * log(1 + count), clearing them for the next text; returns the block's sum of
 * squared values.
 */
function drainCounts(
  touched: Int32Array,
  counts: Int32Array,
  idx: Int32Array,
  val: Float32Array,
  from: number,
  to: number,
): number {
  let sq = 0;
  for (let k = from; k < to; k++) {
    const b = touched[k]!;
    const c = counts[b]!;
    counts[b] = 0;
    const v = c < 256 ? LOG1P[c]! : Math.log1p(c);
    idx[k] = b;
    val[k] = v;
    sq += v * v;
  }
  return sq;
}
