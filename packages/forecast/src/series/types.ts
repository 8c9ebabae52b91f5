import type { QuantilePoint } from '../metrics';

export type { QuantilePoint } from '../metrics';

/**
 * A forecast of one series: the point forecast per horizon step and, per
 * step, quantiles sorted by increasing `p`.
 *
 * @example forecast.quantiles[0]?.find((q) => q.p === 0.9)?.value
 */
export interface SeriesForecast {
  /** The method that made it, e.g. `'ets'` or `'ets(M,Ad,N)'`. */
  readonly method: string;
  readonly mean: readonly number[];
  readonly quantiles: readonly (readonly QuantilePoint[])[];
}

/** Inputs every method accepts. */
export interface ForecastOptions {
  /** Steps ahead, at least 1. */
  readonly horizon: number;
  /** Seasonal period (1 for none; 4 quarterly, 12 monthly, 52 weekly). */
  readonly period: number;
  /** Probability levels of the quantiles, each in (0, 1). */
  readonly levels?: readonly number[];
  /** Seed of the PRNG used by simulated intervals. */
  readonly seed?: number;
}

/**
 * The default quantile levels: they hold the central 50 %, 80 % and 90 %
 * intervals and the median.
 */
export const DEFAULT_LEVELS: readonly number[] = Object.freeze([
  0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95,
]);

/** Stable codes of {@link SeriesError}. */
export type SeriesErrorCode =
  | 'empty-series'
  | 'non-finite-value'
  | 'bad-horizon'
  | 'bad-period'
  | 'bad-level'
  | 'unknown-method'
  | 'too-short'
  | 'fit-failed';

/**
 * Thrown for input a series method cannot forecast; batch APIs turn it
 * into a per-item `{ ok: false }` result.
 *
 * @example throw new SeriesError('empty-series', 'series "a" is empty');
 */
export class SeriesError extends Error {
  override readonly name = 'SeriesError';

  constructor(
    readonly code: SeriesErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Checks a series and its options, returning the levels to use.
 *
 * @example validateInput([1, 2], { horizon: 3, period: 1 })
 */
export function validateInput(
  values: readonly number[],
  options: ForecastOptions,
): readonly number[] {
  if (values.length === 0) {
    throw new SeriesError('empty-series', 'the series is empty');
  }
  if (!values.every(Number.isFinite)) {
    throw new SeriesError('non-finite-value', 'the series has a non-finite');
  }
  if (!Number.isInteger(options.horizon) || options.horizon < 1) {
    throw new SeriesError('bad-horizon', `horizon ${options.horizon}`);
  }
  if (!Number.isInteger(options.period) || options.period < 1) {
    throw new SeriesError('bad-period', `period ${options.period}`);
  }

  const levels = options.levels ?? DEFAULT_LEVELS;
  if (!levels.every((p) => p > 0 && p < 1)) {
    throw new SeriesError('bad-level', 'levels must lie in (0, 1)');
  }
  return [...levels].sort((a, b) => a - b);
}
