const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028,
  771.32342877765313, -176.61502916214059, 12.507343278686905,
  -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/**
 * Natural log of the gamma function for x > 0 (Lanczos approximation,
 * about 15 significant digits).
 *
 * @example logGamma(5) // Math.log(24)
 */
export function logGamma(x: number): number {
  if (x < 0.5) {
    // Reflection keeps the approximation accurate near zero.
    return (
      Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x)
    );
  }

  const z = x - 1;
  let sum = LANCZOS[0] ?? 1;
  for (let i = 1; i < LANCZOS.length; i++) {
    sum += (LANCZOS[i] ?? 0) / (z + i);
  }
  const t = z + 7.5;
  return (
    0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum)
  );
}

/**
 * The digamma function ψ(x) = d/dx log Γ(x) for x > 0 (recurrence up to
 * 6, then the asymptotic series).
 *
 * @example digamma(1) // -0.5772156649 (minus Euler's constant)
 */
export function digamma(x: number): number {
  let shift = 0;
  let z = x;
  while (z < 6) {
    shift -= 1 / z;
    z += 1;
  }
  const inv2 = 1 / (z * z);
  const series =
    Math.log(z) -
    0.5 / z -
    inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 / 240)));
  return shift + series;
}

/**
 * The trigamma function ψ'(x) for x > 0.
 *
 * @example trigamma(1) // Math.PI ** 2 / 6
 */
export function trigamma(x: number): number {
  let shift = 0;
  let z = x;
  while (z < 6) {
    shift += 1 / (z * z);
    z += 1;
  }
  const inv = 1 / z;
  const inv2 = inv * inv;
  const series =
    inv +
    inv2 / 2 +
    inv * inv2 * (1 / 6 - inv2 * (1 / 30 - inv2 * (1 / 42 - inv2 / 30)));
  return shift + series;
}

/**
 * The x > 0 with trigamma(x) = y, for y > 0 (bisection on log x:
 * trigamma is decreasing, so this always converges).
 *
 * @example inverseTrigamma(Math.PI ** 2 / 6) // 1
 */
export function inverseTrigamma(y: number): number {
  if (!(y > 0) || !Number.isFinite(y)) {
    throw new RangeError('inverseTrigamma needs a finite y > 0');
  }

  let lo = Math.log(1e-8);
  let hi = Math.log(1e8);
  for (let i = 0; i < 80; i++) {
    const mid = (lo + hi) / 2;
    if (trigamma(Math.exp(mid)) > y) lo = mid;
    else hi = mid;
  }
  return Math.exp((lo + hi) / 2);
}

/**
 * The x > 0 with digamma(x) = y (Newton from Minka's starting point).
 *
 * @example inverseDigamma(digamma(2.5)) // 2.5
 */
export function inverseDigamma(y: number): number {
  let x = y >= -2.22 ? Math.exp(y) + 0.5 : -1 / (y + 0.5772156649015329);
  for (let i = 0; i < 8; i++) {
    x -= (digamma(x) - y) / trigamma(x);
    if (!(x > 0)) x = 1e-8;
  }
  return x;
}
