import { fitEts } from './ets';
import { reseason, type MethodOptions } from './method';
import { naive } from './naive';
import { normalQuantiles } from './quantiles';
import { deseasonalise } from './seasonality';
import type { SeriesForecast } from './types';

/**
 * The standard Theta method (Assimakopoulos & Nikolopoulos 2000), in the
 * equivalent form of Hyndman & Billah (2003): simple exponential smoothing
 * with a drift of half the slope of the least-squares line, on the series
 * seasonally adjusted by classical multiplicative decomposition when the
 * 90 % autocorrelation test at lag m finds seasonality. The forecast h
 * steps ahead is `ℓ_n + b (h − 1 + (1 − (1 − α)^n) / α)`; intervals are
 * those of SES around it.
 *
 * @example theta(y, { horizon: 18, period: 12, levels: [0.05, 0.95], seed: 1 })
 */
export function theta(
  values: readonly number[],
  options: MethodOptions,
): SeriesForecast {
  const ds = deseasonalise(values, options.period);
  const y = ds.adjusted;
  const n = y.length;
  const fit = fitEts(y, {
    error: 'A',
    trend: 'N',
    damped: false,
    season: 'N',
    period: 1,
  });
  if (fit === null) return { ...naive(values, options), method: 'theta' };

  const alpha = Math.max(fit.params.alpha, 1e-10);
  const drift = slope(y) / 2;
  const start = (1 - Math.pow(1 - alpha, n)) / alpha;
  const mean: number[] = [];
  const sd: number[] = [];
  for (let h = 1; h <= options.horizon; h++) {
    mean.push(fit.final.level + drift * (h - 1 + start));
    sd.push(Math.sqrt(fit.sigma2 * (1 + alpha * alpha * (h - 1))));
  }

  const f = {
    method: 'theta',
    mean,
    quantiles: normalQuantiles(mean, sd, options.levels),
  };
  return reseason(f, ds.future(options.horizon));
}

/** Least-squares slope of y on t = 0..n−1. */
function slope(y: readonly number[]): number {
  const n = y.length;
  if (n < 2) return 0;

  const tBar = (n - 1) / 2;
  let yBar = 0;
  for (const v of y) yBar += v / n;
  let sxy = 0;
  let sxx = 0;
  for (let t = 0; t < n; t++) {
    sxy += (t - tBar) * ((y[t] ?? 0) - yBar);
    sxx += (t - tBar) ** 2;
  }
  return sxy / sxx;
}
