/**
 * A deterministic pseudo-random generator for generated test and bench data, so a failure or a
 * figure can be replayed: mulberry32 (Tommy Ettinger's 32-bit generator, public domain).
 * @param seed any 32-bit integer
 * @returns a function giving numbers in [0, 1)
 */
export function seededRandom(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
