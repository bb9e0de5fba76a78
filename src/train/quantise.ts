/**
 * Weights are stored as 16-bit integers with one scale per base model: a
 * quarter of float64's size, and an error (max |w| / 65534 per weight) far
 * below what moves a probability. Training quantises before it calibrates
 * and measures, so the shipped model is exactly the measured one.
 */
export const QUANT_MAX = 32767;

export function quantScale(weights: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < weights.length; i++) max = Math.max(max, Math.abs(weights[i]!));
  return max === 0 ? 1 : max / QUANT_MAX;
}

export function toInt16(weights: ArrayLike<number>, scale: number): Int16Array {
  const out = new Int16Array(weights.length);
  for (let i = 0; i < weights.length; i++)
    out[i] = Math.max(-QUANT_MAX, Math.min(QUANT_MAX, Math.round(weights[i]! / scale)));
  return out;
}

export function fromInt16(q: Int16Array, scale: number): Float32Array {
  const out = new Float32Array(q.length);
  for (let i = 0; i < q.length; i++) out[i] = q[i]! * scale;
  return out;
}

/** The weights as they will be after a save and load. */
export function quantise(weights: ArrayLike<number>): { weights: Float32Array; scale: number } {
  const scale = Number(quantScale(weights).toPrecision(9));
  return { weights: fromInt16(toInt16(weights, scale), scale), scale };
}
