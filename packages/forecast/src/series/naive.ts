import { flat, reseason, rms, type MethodOptions } from './method';
import { normalQuantiles } from './quantiles';
import { deseasonalise } from './seasonality';
import type { SeriesForecast } from './types';

/**
 * The naive forecast: the last value, with normal intervals widening as
 * √h from the in-sample one-step differences.
 *
 * @example naive([3, 5], { horizon: 2, period: 1, levels: [0.5], seed: 1 }).mean // [5, 5]
 */
export function naive(
  values: readonly number[],
  options: MethodOptions,
): SeriesForecast {
  const last = values[values.length - 1] ?? 0;
  const sigma = rms(values.slice(1).map((v, t) => v - (values[t] ?? 0)));
  const mean = flat(last, options.horizon);
  const sd = mean.map((_, h) => sigma * Math.sqrt(h + 1));
  return {
    method: 'naive',
    mean,
    quantiles: normalQuantiles(mean, sd, options.levels),
  };
}

/**
 * The seasonal naive forecast: the value one season earlier, with
 * intervals widening with the number of whole seasons ahead. Falls back
 * to {@link naive} for a period of 1 or a series shorter than a season.
 *
 * @example snaive([1, 2, 3, 4], { horizon: 2, period: 2, levels: [0.5], seed: 1 }).mean // [3, 4]
 */
export function snaive(
  values: readonly number[],
  options: MethodOptions,
): SeriesForecast {
  const m = options.period;
  const n = values.length;
  if (m <= 1 || n < m) return { ...naive(values, options), method: 'snaive' };

  const sigma = rms(values.slice(m).map((v, t) => v - (values[t] ?? 0)));
  const mean: number[] = [];
  const sd: number[] = [];
  for (let h = 0; h < options.horizon; h++) {
    mean.push(values[n - m + (h % m)] ?? 0);
    sd.push(sigma * Math.sqrt(Math.floor(h / m) + 1));
  }
  return {
    method: 'snaive',
    mean,
    quantiles: normalQuantiles(mean, sd, options.levels),
  };
}

/**
 * Naive2 of the M competitions: the naive forecast of the series
 * seasonally adjusted by classical multiplicative decomposition when the
 * 90 % autocorrelation test finds seasonality, then reseasonalised.
 *
 * @example naive2(monthly, { horizon: 18, period: 12, levels: [0.5], seed: 1 })
 */
export function naive2(
  values: readonly number[],
  options: MethodOptions,
): SeriesForecast {
  const ds = deseasonalise(values, options.period);
  const f = naive(ds.adjusted, options);
  return { ...reseason(f, ds.future(options.horizon)), method: 'naive2' };
}

/**
 * The all-zero forecast, a baseline for intermittent demand.
 *
 * @example zero([0, 1], { horizon: 2, period: 1, levels: [0.5], seed: 1 }).mean // [0, 0]
 */
export function zero(
  _values: readonly number[],
  options: MethodOptions,
): SeriesForecast {
  const mean = flat(0, options.horizon);
  return {
    method: 'zero',
    mean,
    quantiles: mean.map(() => options.levels.map((p) => ({ p, value: 0 }))),
  };
}
