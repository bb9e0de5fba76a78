/**
 * The toxicity model behind the Scorer interface: cache lookups first, the
 * rest deduplicated, tokenised once here, sorted by token count, batched by
 * padded tokens and spread over the runner as token ids.
 */
import { LABELS, type LabelScores } from '../labels.js';
import type { ScoreProgress, Scorer, ScorerInfo, SentenceScore } from '../scorer.js';
import { packBatch, planBatches, type BatchLimits } from './batching.js';
import { PAIRS_PER_SENTENCE } from './layout.js';
import type { Runner } from './runner.js';
import { ScoreCache, type TrueProbabilities } from './score-cache.js';
import type { SentencePieceTokenizer } from './tokenizer.js';

/** Tokenising yields to the event loop after this long, so a review screen stays responsive meanwhile. */
const TOKENISE_SLICE_MS = 8;

export interface ToxicityStats {
  /** Batches sent to the model. */
  readonly modelBatches: number;
  /** Sentences the model scored. */
  readonly modelSentences: number;
  /** Sentences answered from the disk cache. */
  readonly cacheHits: number;
}

export interface ToxicityScorer extends Scorer {
  /** Counters since load, for progress lines and tests. */
  readonly stats: ToxicityStats;
  /** Waits until the model is loaded in every worker; resolves to the load time in ms. */
  ready(): Promise<number>;
  /** Live TF.js tensors per model thread after its last batch (constant unless something leaks). */
  numTensors(): number[];
}

export class ToxicityModelScorer implements ToxicityScorer {
  private counters = { modelBatches: 0, modelSentences: 0, cacheHits: 0 };

  constructor(
    readonly info: ScorerInfo,
    private readonly runner: Runner,
    private readonly cache: ScoreCache | null,
    private readonly limits: BatchLimits,
    /** Builds the tokenizer (reads the vocabulary) on first use; a run answered from the cache never needs it. */
    private readonly loadTokenizer: () => SentencePieceTokenizer,
  ) {}

  private tokenizer: SentencePieceTokenizer | null = null;

  get stats(): ToxicityStats {
    return { ...this.counters };
  }

  ready(): Promise<number> {
    return this.runner.ready();
  }

  numTensors(): number[] {
    return this.runner.numTensors();
  }

  async score(sentences: readonly string[], onProgress?: (p: ScoreProgress) => void): Promise<SentenceScore[]> {
    const total = sentences.length;
    const found: Array<TrueProbabilities | undefined> = new Array(total);
    // Each distinct text is scored once, whatever the number of times it occurs.
    const pending = new Map<string, { text: string; positions: number[] }>();
    let done = 0;
    sentences.forEach((text, i) => {
      const key = ScoreCache.key(text);
      const hit = this.cache?.get(key);
      if (hit) {
        found[i] = hit;
        done++;
        this.counters.cacheHits++;
        return;
      }
      const entry = pending.get(key);
      if (entry) entry.positions.push(i);
      else pending.set(key, { text, positions: [i] });
    });
    if (done > 0) onProgress?.({ done, total });

    const misses = [...pending.entries()];
    if (misses.length === 0) return found.map((p) => ({ scores: toLabelScores(p as TrueProbabilities), terms: [] }));
    this.tokenizer ??= this.loadTokenizer();
    const tokens = await tokeniseAll(
      this.tokenizer,
      misses.map(([, m]) => m.text),
    );
    await Promise.all(
      planBatches(
        tokens.map((t) => t.length),
        this.limits,
      ).map(async (batch) => {
        const pairs = await this.runner.score(packBatch(batch.map((i) => tokens[i] as number[])));
        this.counters.modelBatches++;
        this.counters.modelSentences += batch.length;
        const fresh: Array<[string, TrueProbabilities]> = [];
        batch.forEach((missIndex, row) => {
          const [key, miss] = misses[missIndex] as [string, { positions: number[] }];
          const p = LABELS.map((_, label) => pairs[row * PAIRS_PER_SENTENCE + label * 2 + 1] as number);
          for (const pos of miss.positions) found[pos] = p;
          done += miss.positions.length;
          fresh.push([key, p]);
        });
        await this.cache?.add(fresh);
        onProgress?.({ done, total });
      }),
    );
    return found.map((p) => ({ scores: toLabelScores(p as TrueProbabilities), terms: [] }));
  }

  close(): Promise<void> {
    return this.runner.close();
  }
}

/** Token ids of each text, in slices that leave the event loop free between them. */
async function tokeniseAll(tokenizer: SentencePieceTokenizer, texts: readonly string[]): Promise<number[][]> {
  const out: number[][] = [];
  let sliceStart = performance.now();
  for (const text of texts) {
    out.push(tokenizer.encode(text));
    if (performance.now() - sliceStart > TOKENISE_SLICE_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
  }
  return out;
}

function toLabelScores(p: TrueProbabilities): LabelScores {
  return Object.fromEntries(LABELS.map((label, i) => [label, p[i] as number])) as LabelScores;
}
