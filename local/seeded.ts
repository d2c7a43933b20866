/**
 * A seeded random number generator (mulberry32) for the local cloud's switchable faults and the
 * soak's workload: the same seed gives the same sequence, so a run can be repeated.
 */

/** A 32-bit hash of a string (FNV-1a), to turn a text seed into a number. */
export const hashSeed = (seed: string | number): number => {
  const text = String(seed);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
};

/** Floats in [0, 1), from `seed`. */
export const seededRandom = (seed: string | number): (() => number) => {
  let state = hashSeed(seed);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

/** A rate in [0, 1] with its seed, as the fault routes take it; answers whether the next event is hit. */
export const seededRate = (rate: number, seed: string | number = 'local'): (() => boolean) => {
  if (!(rate >= 0 && rate <= 1)) throw new Error(`rate must be a number from 0 to 1, not ${String(rate)}`);
  const random = seededRandom(seed);
  return () => rate > 0 && random() < rate;
};
