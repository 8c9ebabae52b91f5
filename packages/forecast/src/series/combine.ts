import type { MethodOptions, SeriesMethod } from './method';
import type { SeriesForecast } from './types';

/**
 * The equal-weight mean of several methods' forecasts: means averaged,
 * and quantiles averaged level by level (quantile averaging keeps them
 * ordered).
 *
 * @example combine('comb', [ses, damped, theta])(y, options)
 */
export function combine(
  name: string,
  methods: readonly SeriesMethod[],
): SeriesMethod {
  return (values: readonly number[], options: MethodOptions) => {
    const parts = methods.map((method) => method(values, options));
    return averageForecasts(name, parts);
  };
}

/**
 * Averages forecasts that share horizon and levels.
 *
 * @example averageForecasts('comb', [a, b])
 */
export function averageForecasts(
  name: string,
  parts: readonly SeriesForecast[],
): SeriesForecast {
  const first = parts[0];
  if (first === undefined) return { method: name, mean: [], quantiles: [] };

  const k = parts.length;
  const mean = first.mean.map(
    (_, h) => parts.reduce((acc, f) => acc + (f.mean[h] ?? 0), 0) / k,
  );
  const quantiles = first.quantiles.map((step, h) =>
    step.map(({ p }, j) => ({
      p,
      value:
        parts.reduce((acc, f) => acc + (f.quantiles[h]?.[j]?.value ?? 0), 0) /
        k,
    })),
  );
  return { method: name, mean, quantiles };
}
