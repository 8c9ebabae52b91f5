import { mean, requireFinite, requireSameLength } from './checks';
import { naiveScale } from './scale';
import { MetricsError, type QuantilePoint } from './types';

/**
 * Mean pinball (quantile) loss over every horizon step and every quantile:
 * `p * (y - q)` when the outcome is above the quantile, else
 * `(1 - p) * (q - y)`.
 *
 * @example pinball([10], [[{ p: 0.5, value: 8 }]]) // 1
 */
export function pinball(
  actual: readonly number[],
  quantiles: readonly (readonly QuantilePoint[])[],
): number {
  requireFinite(actual, 'actual');
  requireSameLength(actual, quantiles, 'pinball');

  let sum = 0;
  let count = 0;
  for (let t = 0; t < actual.length; t++) {
    const y = actual[t] ?? 0;
    for (const { p, value } of quantiles[t] ?? []) {
      requireQuantile(p, value);
      sum += y >= value ? p * (y - value) : (1 - p) * (value - y);
      count += 1;
    }
  }
  if (count === 0) {
    throw new MetricsError('empty-input', 'no quantiles to score');
  }
  return sum / count;
}

/**
 * {@link pinball} divided by the in-sample seasonal naive MAE (see
 * {@link naiveScale}), so series of different sizes can be averaged.
 *
 * @example scaledPinball([10], [[{ p: 0.5, value: 8 }]], [0, 2]) // 0.5
 */
export function scaledPinball(
  actual: readonly number[],
  quantiles: readonly (readonly QuantilePoint[])[],
  insample: readonly number[],
  m = 1,
): number {
  return pinball(actual, quantiles) / naiveScale(insample, m);
}

/**
 * Share of outcomes inside their closed interval `[lower, upper]`.
 *
 * @example coverage([1, 5], [0, 0], [2, 2]) // 0.5
 */
export function coverage(
  actual: readonly number[],
  lower: readonly number[],
  upper: readonly number[],
): number {
  requireFinite(actual, 'actual');
  requireFinite(lower, 'lower');
  requireFinite(upper, 'upper');
  requireSameLength(actual, lower, 'coverage');
  requireSameLength(actual, upper, 'coverage');

  let inside = 0;
  for (let t = 0; t < actual.length; t++) {
    const y = actual[t] ?? 0;
    if (y >= (lower[t] ?? 0) && y <= (upper[t] ?? 0)) inside += 1;
  }
  return inside / actual.length;
}

/**
 * Coverage of the central interval of probability `level` read from
 * quantile forecasts (bounds at `(1 - level) / 2` and `(1 + level) / 2`,
 * interpolated by {@link quantileAt}).
 *
 * @example intervalCoverage([5], [[{ p: 0.05, value: 1 }, { p: 0.95, value: 9 }]], 0.9) // 1
 */
export function intervalCoverage(
  actual: readonly number[],
  quantiles: readonly (readonly QuantilePoint[])[],
  level: number,
): number {
  if (!(level > 0 && level < 1)) {
    throw new MetricsError('bad-quantile', `level ${level} not in (0, 1)`);
  }
  requireSameLength(actual, quantiles, 'intervalCoverage');

  const lo = (1 - level) / 2;
  const hi = (1 + level) / 2;
  const lower = quantiles.map((qs) => quantileAt(qs, lo));
  const upper = quantiles.map((qs) => quantileAt(qs, hi));
  return coverage(actual, lower, upper);
}

/**
 * Mean signed error (forecast minus actual) divided by the in-sample naive
 * MAE: positive means over-forecasting.
 *
 * @example scaledBias([10], [12], [0, 2]) // 1
 */
export function scaledBias(
  actual: readonly number[],
  forecast: readonly number[],
  insample: readonly number[],
  m = 1,
): number {
  requireFinite(actual, 'actual');
  requireFinite(forecast, 'forecast');
  requireSameLength(actual, forecast, 'scaledBias');

  const errors = actual.map((y, t) => (forecast[t] ?? 0) - y);
  return mean(errors) / naiveScale(insample, m);
}

/**
 * The quantile at probability `p` from a set sorted by `p`, linearly
 * interpolated between neighbours and held flat beyond the outermost.
 *
 * @example quantileAt([{ p: 0.1, value: 0 }, { p: 0.3, value: 2 }], 0.2) // 1
 */
export function quantileAt(
  points: readonly QuantilePoint[],
  p: number,
): number {
  const first = points[0];
  const last = points[points.length - 1];
  if (first === undefined || last === undefined) {
    throw new MetricsError('empty-input', 'no quantiles');
  }
  if (p <= first.p) return first.value;
  if (p >= last.p) return last.value;

  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] ?? first;
    const b = points[i] ?? last;
    if (p <= b.p) {
      const w = b.p > a.p ? (p - a.p) / (b.p - a.p) : 1;
      return a.value + w * (b.value - a.value);
    }
  }
  return last.value;
}

function requireQuantile(p: number, value: number): void {
  if (!(p > 0 && p < 1)) {
    throw new MetricsError('bad-quantile', `p ${p} not in (0, 1)`);
  }
  if (!Number.isFinite(value)) {
    throw new MetricsError('non-finite-input', 'quantile value not finite');
  }
}
