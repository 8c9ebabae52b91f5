/**
 * One quantile of a predictive distribution: the value below which the
 * outcome falls with probability `p`.
 *
 * @example const median: QuantilePoint = { p: 0.5, value: 12 };
 */
export interface QuantilePoint {
  /** Probability level, strictly between 0 and 1. */
  readonly p: number;
  /** The quantile, in the units of the series. */
  readonly value: number;
}

/**
 * A forecast over a horizon: the mean path and, per horizon step, a set of
 * quantiles sorted by increasing `p`.
 *
 * @example
 * const f: QuantileForecast = {
 *   mean: [10],
 *   quantiles: [[{ p: 0.05, value: 6 }, { p: 0.95, value: 14 }]],
 * };
 */
export interface QuantileForecast {
  readonly mean: readonly number[];
  readonly quantiles: readonly (readonly QuantilePoint[])[];
}

/** Stable codes of {@link MetricsError}. */
export type MetricsErrorCode =
  | 'empty-input'
  | 'length-mismatch'
  | 'non-finite-input'
  | 'bad-quantile'
  | 'zero-baseline';

/**
 * Thrown when a metric is asked of input it cannot score (empty, NaN,
 * mismatched lengths); never a NaN result.
 *
 * @example throw new MetricsError('empty-input', 'actual is empty');
 */
export class MetricsError extends Error {
  override readonly name = 'MetricsError';

  constructor(
    readonly code: MetricsErrorCode,
    message: string,
  ) {
    super(message);
  }
}
