/**
 * Accuracy metrics for point and distribution forecasts.
 *
 * @packageDocumentation
 */
export {
  MetricsError,
  type MetricsErrorCode,
  type QuantileForecast,
  type QuantilePoint,
} from './types';
export { naiveScale, squaredNaiveScale } from './scale';
export { mase, owa, rmsse, smape, type SmapeMase } from './point';
export {
  coverage,
  intervalCoverage,
  pinball,
  quantileAt,
  scaledBias,
  scaledPinball,
} from './distribution';
