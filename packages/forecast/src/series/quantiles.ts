import type { QuantilePoint } from '../metrics';
import { normalQuantile } from './normal';

/**
 * Quantiles of a normal distribution per horizon step.
 *
 * @example normalQuantiles([10], [2], [0.5]) // [[{ p: 0.5, value: 10 }]]
 */
export function normalQuantiles(
  mean: readonly number[],
  sd: readonly number[],
  levels: readonly number[],
): QuantilePoint[][] {
  return mean.map((mu, h) => {
    const s = sd[h] ?? 0;
    return levels.map((p) => ({ p, value: mu + s * normalQuantile(p) }));
  });
}

/**
 * The `p` quantile of a sorted sample (linear interpolation between order
 * statistics, R's type 7).
 *
 * @example sortedQuantile([1, 2, 3, 4], 0.5) // 2.5
 */
export function sortedQuantile(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return 0;

  const pos = (n - 1) * p;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, n - 1);
  const a = sorted[lo] ?? 0;
  const b = sorted[hi] ?? 0;
  return a + (pos - lo) * (b - a);
}

/**
 * Quantiles per horizon step from simulated sample paths, given as one
 * sample per step.
 *
 * @example sampleQuantiles([Float64Array.of(1, 2, 3)], [0.5])
 */
export function sampleQuantiles(
  samples: readonly Float64Array[],
  levels: readonly number[],
): QuantilePoint[][] {
  return samples.map((sample) => {
    const sorted = Float64Array.from(sample).sort();
    return levels.map((p) => ({ p, value: sortedQuantile(sorted, p) }));
  });
}

/**
 * Clamps quantiles at zero and keeps them non-decreasing in `p`, for
 * demand that cannot be negative.
 *
 * @example clampNonNegative([[{ p: 0.1, value: -1 }]]) // value 0
 */
export function clampNonNegative(
  quantiles: readonly (readonly QuantilePoint[])[],
): QuantilePoint[][] {
  return quantiles.map((step) => monotone(step, 0));
}

/**
 * Makes quantile values non-decreasing in `p` (and at least `floor`).
 *
 * @example monotone([{ p: 0.1, value: 2 }, { p: 0.9, value: 1 }])
 */
export function monotone(
  step: readonly QuantilePoint[],
  floor = Number.NEGATIVE_INFINITY,
): QuantilePoint[] {
  let last = floor;
  return step.map(({ p, value }) => {
    last = Math.max(last, value);
    return { p, value: last };
  });
}
