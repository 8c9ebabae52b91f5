/**
 * A seeded source of uniform numbers in [0, 1): the same seed gives the
 * same sequence in Node, in a browser and in a service worker.
 *
 * @example const u = createRng(42)(); // 0 <= u < 1
 */
export type Rng = () => number;

/**
 * Creates a seeded pseudo-random generator (a 32-bit xorshift-multiply
 * mixer, the "mulberry" family): fast, small, good enough for simulation
 * and bootstrap, not for anything secret.
 *
 * @example
 * const rng = createRng(7);
 * const a = rng(); const b = rng(); // two numbers in [0, 1)
 */
export function createRng(seed: number): Rng {
  let state = Math.trunc(Number.isFinite(seed) ? seed : 0) >>> 0;

  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 15), z | 1);
    z ^= z + Math.imul(z ^ (z >>> 7), z | 61);
    return ((z ^ (z >>> 14)) >>> 0) / 4294967296;
  };
}
