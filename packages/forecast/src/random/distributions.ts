import { CountDistribution } from './count-distribution';
import type { Rng } from './rng';
import { logGamma } from './special';

/**
 * A standard normal draw (Box–Muller; one of the pair is dropped to keep
 * the function stateless).
 *
 * @example sampleNormal(createRng(1)) // a number around 0
 */
export function sampleNormal(rng: Rng): number {
  const u = 1 - rng();
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * A Gamma(shape, rate) draw (Marsaglia–Tsang; shapes below 1 are boosted
 * by a uniform power). Mean shape / rate.
 *
 * @example sampleGamma(createRng(1), 2, 0.5) // a number around 4
 */
export function sampleGamma(rng: Rng, shape: number, rate: number): number {
  if (!(shape > 0) || !(rate > 0)) {
    throw new RangeError('sampleGamma needs a positive shape and rate');
  }
  if (shape < 1) {
    const boost = Math.pow(1 - rng(), 1 / shape);
    return sampleGamma(rng, shape + 1, rate) * boost;
  }

  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = sampleNormal(rng);
    const v = (1 + c * x) ** 3;
    if (v <= 0) continue;
    const u = 1 - rng();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
      return (d * v) / rate;
    }
  }
}

/**
 * A Poisson(mean) draw: inversion for small means, a Gamma-split
 * recursion for large ones so the cost stays logarithmic.
 *
 * @example samplePoisson(createRng(1), 3) // a count around 3
 */
export function samplePoisson(rng: Rng, mean: number): number {
  if (!(mean >= 0) || !Number.isFinite(mean)) {
    throw new RangeError('samplePoisson needs a finite mean >= 0');
  }
  if (mean > 30) {
    // The k-th arrival of a rate-1 process splits the interval in two.
    const k = Math.floor(mean * 0.875);
    const arrival = sampleGamma(rng, k, 1);
    if (arrival > mean) return binomialBelow(rng, k - 1, mean / arrival);
    return k + samplePoisson(rng, mean - arrival);
  }

  const limit = Math.exp(-mean);
  let k = 0;
  let product = rng();
  while (product > limit) {
    k++;
    product *= rng();
  }
  return k;
}

function binomialBelow(rng: Rng, n: number, p: number): number {
  let k = 0;
  for (let i = 0; i < n; i++) if (rng() < p) k++;
  return k;
}

/**
 * A negative binomial draw with `size` r and `mean` m (a Gamma mixture of
 * Poissons, variance m + m² / r).
 *
 * @example sampleNegBinomial(createRng(1), 2, 10) // a count around 10
 */
export function sampleNegBinomial(
  rng: Rng,
  size: number,
  mean: number,
): number {
  if (mean === 0) return 0;
  return samplePoisson(rng, sampleGamma(rng, size, size / mean));
}

/**
 * Probability mass of a negative binomial with `size` r and `mean` m at
 * count k.
 *
 * @example negBinomialPmf(0, 1, 1) // 0.5
 */
export function negBinomialPmf(k: number, size: number, mean: number): number {
  if (k < 0 || !Number.isInteger(k)) return 0;
  if (mean === 0) return k === 0 ? 1 : 0;

  const p = size / (size + mean);
  const logPmf =
    logGamma(k + size) -
    logGamma(size) -
    logGamma(k + 1) +
    size * Math.log(p) +
    k * Math.log1p(-p);
  return Math.exp(logPmf);
}

/**
 * The smallest count k with P(X <= k) >= prob for a negative binomial of
 * `size` r and `mean` m (a Poisson when size is Infinity).
 *
 * @example negBinomialQuantile(0.5, 1, 1) // 0
 */
export function negBinomialQuantile(
  prob: number,
  size: number,
  mean: number,
): number {
  if (!(prob >= 0 && prob < 1)) {
    throw new RangeError('negBinomialQuantile needs 0 <= prob < 1');
  }
  return CountDistribution.quantile(
    CountDistribution.fromNegBinomial(size, mean),
    prob,
  );
}
