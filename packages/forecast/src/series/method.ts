import type { SeriesForecast } from './types';

/** Options a method receives, already checked: levels sorted. */
export interface MethodOptions {
  readonly horizon: number;
  readonly period: number;
  readonly levels: readonly number[];
  readonly seed: number;
}

/**
 * A forecasting method: a pure function of the history and the options.
 *
 * @example const f = naive([1, 2, 3], { horizon: 2, period: 1, levels: [0.5], seed: 1 });
 */
export type SeriesMethod = (
  values: readonly number[],
  options: MethodOptions,
) => SeriesForecast;

/** The same value `horizon` times. */
export function flat(value: number, horizon: number): number[] {
  return new Array<number>(horizon).fill(value);
}

/** Root mean square of the finite entries of `xs` (0 when none). */
export function rms(xs: ArrayLike<number>): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i] ?? Number.NaN;
    if (Number.isFinite(x)) {
      sum += x * x;
      count += 1;
    }
  }
  return count > 0 ? Math.sqrt(sum / count) : 0;
}

/**
 * Multiplies a forecast (mean and quantiles) step by step by seasonal
 * indices, putting back seasonality removed before fitting.
 *
 * @example reseason(forecast, [1.1, 0.9])
 */
export function reseason(
  forecast: SeriesForecast,
  indices: readonly number[],
): SeriesForecast {
  return {
    method: forecast.method,
    mean: forecast.mean.map((v, h) => v * (indices[h] ?? 1)),
    quantiles: forecast.quantiles.map((step, h) =>
      step.map(({ p, value }) => ({ p, value: value * (indices[h] ?? 1) })),
    ),
  };
}
