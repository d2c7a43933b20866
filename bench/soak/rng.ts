/**
 * A small seeded random number generator (mulberry32), so that a soak run's workload and its
 * faults can be replayed: the same seed gives the same choices in the same order.
 */
import { seededRandom } from '../../local/seeded';

export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /** A whole number in [min, max]. */
  int(min: number, max: number): number;
  /** One of `items`. */
  pick<T>(items: readonly T[]): T;
  /** True with probability `p`. */
  chance(p: number): boolean;
  /** A key of `weights`, chosen in proportion to its weight. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K;
  /** An independent generator derived from this one's seed and `label` (one per simulated user). */
  fork(label: string): Rng;
}

export const seededRng = (seed: string | number): Rng => {
  const next = seededRandom(seed);
  const rng: Rng = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)];
    },
    chance: (p) => next() < p,
    weighted: (weights) => {
      const entries = Object.entries(weights) as [keyof typeof weights, number][];
      const total = entries.reduce((sum, [, w]) => sum + w, 0);
      if (!(total > 0)) throw new Error('weights must add up to more than 0');
      let r = next() * total;
      for (const [key, w] of entries) if ((r -= w) < 0) return key;
      return entries[entries.length - 1][0];
    },
    fork: (label) => seededRng(`${seed}/${label}`),
  };
  return rng;
};
