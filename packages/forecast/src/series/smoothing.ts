import { autoEts, etsName, fitEts, predictEts, type EtsSpec } from './ets';
import { reseason, type MethodOptions } from './method';
import { naive } from './naive';
import { deseasonalise } from './seasonality';
import type { SeriesForecast } from './types';

const SES: EtsSpec = {
  error: 'A',
  trend: 'N',
  damped: false,
  season: 'N',
  period: 1,
};
const HOLT: EtsSpec = { ...SES, trend: 'A' };
const DAMPED: EtsSpec = { ...SES, trend: 'A', damped: true };

/**
 * Fits one non-seasonal ETS model to the series seasonally adjusted as in
 * the M4 benchmarks, then reseasonalises; falls back to {@link naive}
 * when the series is too short for the model.
 */
function adjustedEts(
  name: string,
  spec: EtsSpec,
  values: readonly number[],
  options: MethodOptions,
): SeriesForecast {
  const ds = deseasonalise(values, options.period);
  const fit = fitEts(ds.adjusted, spec);
  if (fit === null) return { ...naive(values, options), method: name };

  const p = predictEts(fit, options.horizon, options.levels, options.seed);
  const f = { method: name, mean: p.mean, quantiles: p.quantiles };
  return reseason(f, ds.future(options.horizon));
}

/**
 * Simple exponential smoothing, ETS(A,N,N) by maximum likelihood, on the
 * seasonally adjusted series.
 *
 * @example ses(y, { horizon: 13, period: 52, levels: [0.5], seed: 1 })
 */
export function ses(values: readonly number[], o: MethodOptions) {
  return adjustedEts('ses', SES, values, o);
}

/**
 * Holt's linear trend, ETS(A,A,N), on the seasonally adjusted series.
 *
 * @example holt(y, { horizon: 13, period: 52, levels: [0.5], seed: 1 })
 */
export function holt(values: readonly number[], o: MethodOptions) {
  return adjustedEts('holt', HOLT, values, o);
}

/**
 * Damped trend (Gardner & McKenzie), ETS(A,Ad,N), on the seasonally
 * adjusted series.
 *
 * @example damped(y, { horizon: 13, period: 52, levels: [0.5], seed: 1 })
 */
export function damped(values: readonly number[], o: MethodOptions) {
  return adjustedEts('damped', DAMPED, values, o);
}

/**
 * ETS with automatic selection by AICc over the admissible models (see
 * `candidateSpecs`), seasonal where the period allows; the method name
 * records the chosen model, e.g. `ets:ETS(M,Ad,N)`.
 *
 * @example ets(y, { horizon: 18, period: 12, levels: [0.5], seed: 1 })
 */
export function ets(
  values: readonly number[],
  options: MethodOptions,
): SeriesForecast {
  const fit = autoEts(values, options.period);
  if (fit === null) return { ...naive(values, options), method: 'ets:naive' };

  const p = predictEts(fit, options.horizon, options.levels, options.seed);
  return { method: `ets:${etsName(fit.spec)}`, ...p };
}
