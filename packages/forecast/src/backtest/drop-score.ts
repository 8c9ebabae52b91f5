import { pinball } from '../metrics/distribution';
import type { QuantilePoint } from '../metrics/types';
import { quantileAt } from '../metrics/distribution';
import { ForecastInputError } from '../preorder/errors';

/**
 * How one drop forecast fared against the drop's actual final total.
 *
 * @example scoreDropForecast(forecast.quantiles, 120).scaledPinball
 */
export interface DropScore {
  /** Mean pinball loss over the quantiles, divided by the actual. */
  readonly scaledPinball: number;
  /** Whether the actual fell in the central 50 % and 90 % intervals. */
  readonly inside50: boolean;
  readonly inside90: boolean;
  /** Width of the 90 % interval divided by the actual. */
  readonly width90: number;
  /** (median − actual) / actual: positive is over-forecasting. */
  readonly scaledBias: number;
}

/**
 * Scores quantiles of a drop's final total (levels sorted by p, with
 * 0.05, 0.25, 0.75 and 0.95 among them or interpolated) against the
 * actual total, which must be at least 1 (a drop with no order has
 * nothing to scale by).
 *
 * @example scoreDropForecast([{ p: 0.5, value: 8 }], 10).scaledPinball // 0.1
 */
export function scoreDropForecast(
  quantiles: readonly QuantilePoint[],
  actual: number,
): DropScore {
  if (!(actual >= 1) || !Number.isFinite(actual)) {
    throw new ForecastInputError(
      'empty-input',
      'a drop is scored only when its actual total is at least 1',
    );
  }

  const q = (p: number): number => quantileAt(quantiles, p);
  return {
    scaledPinball: pinball([actual], [quantiles]) / actual,
    inside50: actual >= q(0.25) && actual <= q(0.75),
    inside90: actual >= q(0.05) && actual <= q(0.95),
    width90: (q(0.95) - q(0.05)) / actual,
    scaledBias: (q(0.5) - actual) / actual,
  };
}

/**
 * The mean and median figures of many {@link DropScore}s.
 *
 * @example summarizeDropScores(scores).coverage90 // 0.9
 */
export interface DropScoreSummary {
  readonly drops: number;
  readonly scaledPinball: number;
  readonly coverage50: number;
  readonly coverage90: number;
  readonly medianWidth90: number;
  readonly meanScaledBias: number;
}

/** Averages drop scores. @example summarizeDropScores([score]) */
export function summarizeDropScores(
  scores: readonly DropScore[],
): DropScoreSummary {
  if (scores.length === 0) {
    throw new ForecastInputError('empty-input', 'no drop scores');
  }

  const n = scores.length;
  const sum = (f: (s: DropScore) => number): number =>
    scores.reduce((acc, s) => acc + f(s), 0);
  const widths = scores.map((s) => s.width90).sort((a, b) => a - b);
  const mid = widths.length >> 1;
  const median =
    widths.length % 2 === 1
      ? (widths[mid] ?? 0)
      : ((widths[mid - 1] ?? 0) + (widths[mid] ?? 0)) / 2;

  return {
    drops: n,
    scaledPinball: sum((s) => s.scaledPinball) / n,
    coverage50: sum((s) => (s.inside50 ? 1 : 0)) / n,
    coverage90: sum((s) => (s.inside90 ? 1 : 0)) / n,
    medianWidth90: median,
    meanScaledBias: sum((s) => s.scaledBias) / n,
  };
}
