/**
 * Demand forecasting for ordinary items: intermittent (Croston, SBA, TSB,
 * ADIDA, iMAPA) and regular (SES, Holt, damped, ETS, Theta, combinations),
 * chosen per series by backtest.
 *
 * @packageDocumentation
 */
export {
  backtestSeries,
  DEFAULT_BACKTEST_METHODS,
  type MethodSummary,
  type SeriesBacktestInput,
  type SeriesBacktestResult,
  type SeriesBacktestRow,
  type SeriesScores,
} from './backtest';
export { forecastMany, type SeriesInput, type SeriesResult } from './batch';
export { averageForecasts, combine } from './combine';
export * from './ets';
export { forecastSeries, methodNames, type SeriesOptions } from './forecast';
export { adida, aggregate, imapa } from './intermittent/aggregate';
export { croston, CROSTON_ALPHA, sba } from './intermittent/croston';
export { demandProfile, demandQuantiles } from './intermittent/demand';
export { tsb } from './intermittent/tsb';
export type { MethodOptions, SeriesMethod } from './method';
export {
  INTERMITTENT_CANDIDATES,
  isIntermittent,
  METHODS,
  REGULAR_CANDIDATES,
} from './methods';
export { naive, naive2, snaive, zero } from './naive';
export {
  nelderMead,
  type NelderMeadOptions,
  type NelderMeadResult,
} from './nelder-mead';
export { normalQuantile } from './normal';
export { createNormal, createRandom } from './random';
export { acf, decompose, deseasonalise, isSeasonal } from './seasonality';
export { selectByBacktest, type SelectOptions } from './select';
export { damped, ets, holt, ses } from './smoothing';
export { theta } from './theta';
export {
  DEFAULT_LEVELS,
  SeriesError,
  type ForecastOptions,
  type SeriesErrorCode,
  type SeriesForecast,
} from './types';
