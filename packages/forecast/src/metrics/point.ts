import { mean, requireFinite, requireSameLength } from './checks';
import { naiveScale, squaredNaiveScale } from './scale';
import { MetricsError } from './types';

/**
 * Symmetric MAPE as defined by the M4 competition, in percent:
 * `200 / h * sum |y - f| / (|y| + |f|)`. A step where actual and forecast
 * are both zero counts as a perfect forecast (0) rather than 0/0.
 *
 * @example smape([100], [110]) // 9.5238...
 */
export function smape(
  actual: readonly number[],
  forecast: readonly number[],
): number {
  requireFinite(actual, 'actual');
  requireFinite(forecast, 'forecast');
  requireSameLength(actual, forecast, 'smape');

  let sum = 0;
  for (let t = 0; t < actual.length; t++) {
    const y = actual[t] ?? 0;
    const f = forecast[t] ?? 0;
    const denom = Math.abs(y) + Math.abs(f);
    if (denom > 0) sum += Math.abs(y - f) / denom;
  }
  return (200 * sum) / actual.length;
}

/**
 * Mean absolute scaled error: the out-of-sample MAE divided by the
 * in-sample MAE of the seasonal naive forecast at period `m` (see
 * {@link naiveScale} for the zero-scale fallback).
 *
 * @example mase([3, 3], [2, 4], [1, 2, 3, 4], 1) // 1
 */
export function mase(
  actual: readonly number[],
  forecast: readonly number[],
  insample: readonly number[],
  m = 1,
): number {
  requireFinite(actual, 'actual');
  requireFinite(forecast, 'forecast');
  requireSameLength(actual, forecast, 'mase');

  const errors = actual.map((y, t) => Math.abs(y - (forecast[t] ?? 0)));
  return mean(errors) / naiveScale(insample, m);
}

/**
 * Root mean squared scaled error (M5): the out-of-sample RMSE divided by
 * the in-sample root mean squared error of the naive forecast at lag `m`
 * (1 by default), with the fallbacks of {@link squaredNaiveScale}.
 *
 * @example rmsse([3, 3], [2, 4], [1, 2, 3, 4]) // 1
 */
export function rmsse(
  actual: readonly number[],
  forecast: readonly number[],
  insample: readonly number[],
  m = 1,
): number {
  requireFinite(actual, 'actual');
  requireFinite(forecast, 'forecast');
  requireSameLength(actual, forecast, 'rmsse');

  const squares = actual.map((y, t) => (y - (forecast[t] ?? 0)) ** 2);
  return Math.sqrt(mean(squares)) / squaredNaiveScale(insample, m);
}

/** sMAPE and MASE of one method, as fed to {@link owa}. */
export interface SmapeMase {
  readonly smape: number;
  readonly mase: number;
}

/**
 * Overall weighted average of the M4 competition: the mean of the
 * method's sMAPE and MASE, each relative to Naive2's. A zero baseline
 * paired with a zero score gives a ratio of 1; a zero baseline with a
 * positive score cannot be compared and throws `zero-baseline`.
 *
 * @example owa({ smape: 9, mase: 2.5 }, { smape: 10, mase: 2.5 }) // 0.95
 */
export function owa(method: SmapeMase, naive2: SmapeMase): number {
  return (
    0.5 *
    (ratio(method.smape, naive2.smape, 'sMAPE') +
      ratio(method.mase, naive2.mase, 'MASE'))
  );
}

function ratio(score: number, baseline: number, what: string): number {
  if (!Number.isFinite(score) || !Number.isFinite(baseline)) {
    throw new MetricsError('non-finite-input', `${what} is not finite`);
  }
  if (baseline > 0) return score / baseline;
  if (score === 0) return 1;
  throw new MetricsError('zero-baseline', `Naive2 ${what} is zero`);
}
