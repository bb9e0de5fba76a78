/**
 * Splitting sentences into batches. The graph pads every sentence of a batch
 * to the longest one (and attention grows with the square of that length),
 * so sentences of similar length go together. Longest batches come first so
 * the workers finish at about the same time.
 */

/** Batches of indices into `texts`: each index exactly once, batches of at most `batchSize`, longest first. */
export function planBatches(texts: readonly string[], batchSize: number): number[][] {
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError(`batch size must be a positive integer, got ${batchSize}`);
  // Characters stand in for tokens: tokenising here would cost the main thread what the workers save.
  const order = texts
    .map((_, i) => i)
    .sort((a, b) => (texts[b] as string).length - (texts[a] as string).length || a - b);
  const batches: number[][] = [];
  for (let i = 0; i < order.length; i += batchSize) batches.push(order.slice(i, i + batchSize));
  return batches;
}
