import type { QuantilePoint } from '../types';
import { sortedQuantile } from '../quantiles';

/** Sizes and intervals of the non-zero demands of a series. */
export interface DemandProfile {
  /** The non-zero demands, in time order. */
  readonly sizes: number[];
  /**
   * Periods between demands; the first counts from the start of the
   * series, so a first demand at index t has interval t + 1.
   */
  readonly intervals: number[];
}

/**
 * Splits a series into non-zero demand sizes and the intervals between
 * them.
 *
 * @example demandProfile([0, 3, 0, 0, 2]) // sizes [3, 2], intervals [2, 3]
 */
export function demandProfile(values: readonly number[]): DemandProfile {
  const sizes: number[] = [];
  const intervals: number[] = [];
  let last = -1;
  values.forEach((v, t) => {
    if (v !== 0) {
      sizes.push(v);
      intervals.push(t - last);
      last = t;
    }
  });
  return { sizes, intervals };
}

/**
 * Quantiles of one period's demand as a compound Bernoulli: no demand
 * with probability `1 − chance`, otherwise a size drawn from the observed
 * non-zero sizes rescaled to mean `sizeMean`. With no observed size the
 * size is `sizeMean` itself.
 *
 * @example demandQuantiles(0.5, 4, [2, 6], [0.25, 0.9])
 */
export function demandQuantiles(
  chance: number,
  sizeMean: number,
  sizes: readonly number[],
  levels: readonly number[],
): QuantilePoint[] {
  const pi = Math.min(Math.max(chance, 0), 1);
  const observed = sizes.length > 0 ? mean(sizes) : 0;
  const factor = observed > 0 ? sizeMean / observed : 0;
  const sorted = Float64Array.from(sizes).sort();

  return levels.map((p) => {
    if (pi <= 0 || p <= 1 - pi) return { p, value: 0 };
    if (sorted.length === 0) return { p, value: sizeMean };

    const within = (p - (1 - pi)) / pi;
    return { p, value: factor * sortedQuantile(sorted, within) };
  });
}

/** Arithmetic mean; 0 for an empty array. */
export function mean(xs: readonly number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
}

/**
 * Simple exponential smoothing of `xs` started at its first value,
 * returning the final level.
 *
 * @example smooth([2, 4], 0.5) // 3
 */
export function smooth(xs: readonly number[], alpha: number): number {
  let level = xs[0] ?? 0;
  for (let i = 1; i < xs.length; i++) {
    level += alpha * ((xs[i] ?? 0) - level);
  }
  return level;
}

/**
 * The smoothing constant from `grid` with the smallest in-sample sum of
 * squared one-step errors of {@link smooth}.
 *
 * @example bestAlpha([1, 5, 2, 6])
 */
export function bestAlpha(
  xs: readonly number[],
  grid: readonly number[] = [0.05, 0.1, 0.2, 0.3, 0.5, 0.7, 0.9],
): number {
  let best = grid[0] ?? 0.1;
  let bestSse = Number.POSITIVE_INFINITY;
  for (const alpha of grid) {
    let level = xs[0] ?? 0;
    let sse = 0;
    for (let i = 1; i < xs.length; i++) {
      const e = (xs[i] ?? 0) - level;
      sse += e * e;
      level += alpha * e;
    }
    if (sse < bestSse) {
      bestSse = sse;
      best = alpha;
    }
  }
  return best;
}
