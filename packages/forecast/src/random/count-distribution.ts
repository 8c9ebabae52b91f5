/**
 * A distribution over whole counts (orders, units, visitors): the mass of
 * `offset + i` is `pmf[i]`; all mass outside is zero. Forecasts and plans
 * share it, so any quantile or tail probability is one call away.
 *
 * @example
 * const d = CountDistribution.fromWeights(10, [1, 2, 1]);
 * CountDistribution.quantile(d, 0.5); // 11
 */
export interface CountDistribution {
  readonly offset: number;
  readonly pmf: Float64Array;
  /** Running sum of `pmf`, so quantiles are a binary search. */
  readonly cdf: Float64Array;
}

/** Mass below this, in a tail, is not stored. */
const TAIL = 1e-10;

function fromWeights(
  offset: number,
  weights: ArrayLike<number>,
): CountDistribution {
  if (!Number.isInteger(offset) || offset < 0) {
    throw new RangeError('a count distribution starts at a whole count >= 0');
  }

  let total = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i] ?? 0;
    if (!(w >= 0) || !Number.isFinite(w)) {
      throw new RangeError('count weights must be finite and >= 0');
    }
    total += w;
  }
  if (!(total > 0)) throw new RangeError('count weights sum to zero');

  const pmf = new Float64Array(weights.length);
  const cdf = new Float64Array(weights.length);
  let running = 0;
  for (let i = 0; i < weights.length; i++) {
    pmf[i] = (weights[i] ?? 0) / total;
    running += pmf[i] ?? 0;
    cdf[i] = running;
  }
  cdf[cdf.length - 1] = 1;
  return { offset, pmf, cdf };
}

function point(value: number): CountDistribution {
  return fromWeights(Math.max(0, Math.round(value)), [1]);
}

function fromNegBinomial(size: number, mean: number): CountDistribution {
  if (!(mean >= 0) || !Number.isFinite(mean) || !(size > 0)) {
    throw new RangeError('a negative binomial needs mean >= 0 and size > 0');
  }
  if (mean === 0) return point(0);

  // Walk out from the mode by the ratio of neighbours, so large means
  // neither underflow at 0 nor cost a walk from 0.
  const poisson = !Number.isFinite(size);
  const q = poisson ? 0 : mean / (size + mean);
  const ratio = (k: number): number =>
    poisson ? mean / (k + 1) : ((k + size) / (k + 1)) * q;
  const mode = poisson
    ? Math.floor(mean)
    : Math.max(0, Math.floor(((size - 1) * mean) / size));

  const up: number[] = [];
  for (let k = mode, w = 1; w > TAIL * 1e-3 && up.length < 5_000_000; k++) {
    up.push(w);
    w *= ratio(k);
  }
  const down: number[] = [];
  for (let k = mode - 1, w = 1; k >= 0; k--) {
    w /= ratio(k);
    if (w < TAIL * 1e-3) break;
    down.push(w);
  }
  return fromWeights(mode - down.length, [...down.reverse(), ...up]);
}

function cdfAt(d: CountDistribution, k: number): number {
  const i = Math.floor(k) - d.offset;
  if (i < 0) return 0;
  if (i >= d.cdf.length) return 1;
  return d.cdf[i] ?? 1;
}

function probAtLeast(d: CountDistribution, k: number): number {
  return Math.min(1, Math.max(0, 1 - cdfAt(d, Math.ceil(k) - 1)));
}

function quantile(d: CountDistribution, p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError('a quantile needs 0 <= p <= 1');

  let lo = 0;
  let hi = d.cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    // A hair of tolerance so 0.5 of a symmetric pair is not lost to
    // rounding in the running sum.
    if ((d.cdf[mid] ?? 1) >= p - 1e-12) hi = mid;
    else lo = mid + 1;
  }
  return d.offset + lo;
}

function mean(d: CountDistribution): number {
  let sum = 0;
  for (let i = 0; i < d.pmf.length; i++) sum += (d.pmf[i] ?? 0) * i;
  return d.offset + sum;
}

function variance(d: CountDistribution): number {
  const m = mean(d) - d.offset;
  let sum = 0;
  for (let i = 0; i < d.pmf.length; i++) {
    sum += (d.pmf[i] ?? 0) * (i - m) * (i - m);
  }
  return sum;
}

function shift(d: CountDistribution, by: number): CountDistribution {
  return { offset: d.offset + by, pmf: d.pmf, cdf: d.cdf };
}

function atLeast(d: CountDistribution, k: number): CountDistribution {
  const cut = Math.ceil(k) - d.offset;
  if (cut <= 0) return d;
  if (cut >= d.pmf.length) return point(Math.ceil(k));

  const rest = d.pmf.slice(cut);
  if (!rest.some((w) => w > 0)) return point(Math.ceil(k));
  return fromWeights(d.offset + cut, rest);
}

function convolve(
  a: CountDistribution,
  b: CountDistribution,
): CountDistribution {
  const weights = new Float64Array(a.pmf.length + b.pmf.length - 1);
  for (let i = 0; i < a.pmf.length; i++) {
    const ai = a.pmf[i] ?? 0;
    if (ai < 1e-14) continue;
    for (let j = 0; j < b.pmf.length; j++) {
      weights[i + j] = (weights[i + j] ?? 0) + ai * (b.pmf[j] ?? 0);
    }
  }
  return fromWeights(a.offset + b.offset, weights);
}

/** Companion functions of {@link CountDistribution}. */
export const CountDistribution = Object.freeze({
  /**
   * Normalises non-negative weights of `offset, offset + 1, ...`.
   * @example CountDistribution.fromWeights(0, [1, 1]) // P(0) = P(1) = 0.5
   */
  fromWeights,
  /** All mass on one count. @example CountDistribution.point(3) */
  point,
  /**
   * Negative binomial with `size` r and `mean` m (variance m + m²/r);
   * `size = Infinity` gives a Poisson.
   * @example CountDistribution.fromNegBinomial(Infinity, 2) // Poisson(2)
   */
  fromNegBinomial,
  /** P(X <= k). @example CountDistribution.cdfAt(d, 5) */
  cdfAt,
  /** P(X >= k). @example CountDistribution.probAtLeast(d, 40) */
  probAtLeast,
  /** The smallest k with P(X <= k) >= p. @example quantile(d, 0.9) */
  quantile,
  /** Expected value. @example CountDistribution.mean(d) */
  mean,
  /** Variance. @example CountDistribution.variance(d) */
  variance,
  /** X + by, for a whole `by`. @example CountDistribution.shift(d, 12) */
  shift,
  /**
   * X given X >= k (all mass on k when X < k almost surely).
   * @example CountDistribution.atLeast(d, 1)
   */
  atLeast,
  /** The sum of two independent counts. @example convolve(a, b) */
  convolve,
});
