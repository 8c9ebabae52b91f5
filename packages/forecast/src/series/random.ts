/**
 * A seeded pseudo-random generator returning numbers in [0, 1): the
 * mulberry32 recurrence on a 32-bit state.
 *
 * @example const rand = createRandom(42); rand(); // same value every run
 */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = state;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Standard normal draws from a uniform generator (Box–Muller, one of the
 * pair used per call for simplicity).
 *
 * @example const z = createNormal(createRandom(1)); z();
 */
export function createNormal(rand: () => number): () => number {
  return () => {
    const u = 1 - rand();
    const v = rand();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
}
