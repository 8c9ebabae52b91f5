/**
 * Deterministic demo history: order arrival times with the shape of a real
 * preorder (an opening spike, a lull, a last-hours rush) and customers.
 */

/** A seeded uniform random source in [0, 1) (mulberry32). */
export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * `count` sorted instants within a window: about a third in the first
 * tenth (the launch spike), a fifth in the last tenth (the rush), the rest
 * spread over the lull.
 */
export function arrivalTimes(
  random: () => number,
  count: number,
  opensAt: number,
  lengthMs: number,
): number[] {
  const times: number[] = [];
  for (let i = 0; i < count; i += 1) {
    const u = random();
    const fraction =
      u < 0.35
        ? 0.1 * random() ** 1.6
        : u < 0.55
          ? 0.9 + 0.1 * random() ** 0.7
          : 0.1 + 0.8 * random();
    times.push(opensAt + Math.floor(fraction * (lengthMs - 1)));
  }
  return times.sort((a, b) => a - b);
}

const FIRST = [
  'Giulia',
  'Francesca',
  'Chiara',
  'Alessandro',
  'Lorenzo',
  'Martina',
  'Gennaro',
  'Carmela',
  'Salvatore',
  'Elena',
  'Ciro',
  'Valentina',
  'Rosa',
  'Antonio',
  'Federica',
  'Pasquale',
];
const LAST = [
  'Esposito',
  'Russo',
  'Romano',
  'Gallo',
  'Ferrara',
  'Caputo',
  'Mancini',
  'Marino',
  'Greco',
  'Coppola',
  'Di Lorenzo',
  'Vitale',
];

/** A customer drawn from a small Neapolitan pool (repeat buyers happen). */
export function pickCustomer(random: () => number): {
  name: string;
  email: string;
} {
  const first = FIRST[Math.floor(random() * FIRST.length)] ?? 'Giulia';
  const last = LAST[Math.floor(random() * LAST.length)] ?? 'Esposito';
  const email =
    `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '') + '@example.com';
  return { name: `${first} ${last}`, email };
}
