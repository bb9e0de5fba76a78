/** For the tests of threadmod's wasm kernels: inputs that reach every corner of float32 arithmetic. */

/** Deterministic float32 values: mostly ordinary, some zeros of both signs, tiny, huge, infinite and NaN. */
export function float32Values(count: number, seed: number): Float32Array {
  let s = seed | 0;
  const next = () => ((s = (Math.imul(s, 1103515245) + 12345) | 0) >>> 8) / (1 << 24);
  const specials = [0, -0, 1e-42, -3e38, Infinity, -Infinity, NaN];
  return Float32Array.from({ length: count }, () => {
    const r = next();
    if (r < 0.02) return specials[Math.floor(next() * specials.length)] as number;
    return (next() - 0.5) * Math.exp((next() - 0.5) * 12);
  });
}
