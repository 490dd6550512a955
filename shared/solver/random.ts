/**
 * A small, documented, platform-independent PRNG, so that a seed gives the same CV folds
 * (and the same benchmark data) on every machine and in every runtime.
 *
 * mulberry32 (Tommy Ettinger, public domain): 32-bit state, period 2^32, uses only 32-bit
 * integer arithmetic (Math.imul, >>>), so results are bit-identical across JS engines.
 */
export type Random = () => number;

/** Uniform in [0, 1) with 2^-32 resolution. */
export function mulberry32(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draws by the Box–Muller transform. */
export function normal(random: Random): number {
  const u = 1 - random(); // (0, 1], keeps log finite
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/** Fisher–Yates shuffle of 0 … n−1. */
export function permutation(n: number, random: Random): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const t = order[i]!;
    order[i] = order[j]!;
    order[j] = t;
  }
  return order;
}
