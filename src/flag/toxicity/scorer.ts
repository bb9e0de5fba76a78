/**
 * The toxicity model behind the Scorer interface: cache lookups first, the
 * rest deduplicated, sorted by length, batched and spread over the runner.
 */
import { LABELS, type LabelScores } from '../labels.js';
import type { ScoreProgress, Scorer, ScorerInfo, SentenceScore } from '../scorer.js';
import { planBatches } from './batching.js';
import { PAIRS_PER_SENTENCE } from './layout.js';
import type { Runner } from './runner.js';
import { ScoreCache, type TrueProbabilities } from './score-cache.js';

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
    private readonly batchSize: number,
  ) {}

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
    const texts = misses.map(([, m]) => m.text);
    await Promise.all(
      planBatches(texts, this.batchSize).map(async (batch) => {
        const pairs = await this.runner.score(batch.map((i) => texts[i] as string));
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

function toLabelScores(p: TrueProbabilities): LabelScores {
  return Object.fromEntries(LABELS.map((label, i) => [label, p[i] as number])) as LabelScores;
}
