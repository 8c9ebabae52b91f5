import { flat, type MethodOptions } from '../method';
import type { SeriesForecast } from '../types';
import { demandProfile, demandQuantiles, smooth } from './demand';

/** The classic smoothing constant of Croston's method (and R's default). */
export const CROSTON_ALPHA = 0.1;

/**
 * Croston's method (Croston 1972): simple exponential smoothing, with one
 * constant α, of the non-zero demand sizes z and of the intervals p
 * between them, updated only in periods with demand; the forecast per
 * period is z / p. Conventions: both smoothers start at their first
 * observation; the first interval counts from the start of the series
 * (as R's `croston`). A series with no demand forecasts 0.
 *
 * Quantiles: a compound Bernoulli with demand chance 1 / p and the
 * observed sizes rescaled to mean z (see `demandQuantiles`).
 *
 * @example croston([0, 3, 0, 0, 2], { horizon: 1, period: 1, levels: [0.5], seed: 1 })
 */
export function croston(
  values: readonly number[],
  options: MethodOptions,
  alpha = CROSTON_ALPHA,
): SeriesForecast {
  return crostonFamily('croston', values, options, alpha, 1);
}

/**
 * The Syntetos–Boylan approximation (2005): Croston's forecast times
 * (1 − α/2), which removes most of its positive bias.
 *
 * @example sba([0, 3, 0, 0, 2], { horizon: 1, period: 1, levels: [0.5], seed: 1 })
 */
export function sba(
  values: readonly number[],
  options: MethodOptions,
  alpha = CROSTON_ALPHA,
): SeriesForecast {
  return crostonFamily('sba', values, options, alpha, 1 - alpha / 2);
}

function crostonFamily(
  method: string,
  values: readonly number[],
  options: MethodOptions,
  alpha: number,
  correction: number,
): SeriesForecast {
  const { sizes, intervals } = demandProfile(values);
  const z = smooth(sizes, alpha);
  const p = smooth(intervals, alpha);
  const level = sizes.length > 0 && p > 0 ? (correction * z) / p : 0;
  const chance = p > 0 ? Math.min(1, 1 / p) : 0;
  const sizeMean = chance > 0 ? level / chance : 0;
  const step = demandQuantiles(chance, sizeMean, sizes, options.levels);

  return {
    method,
    mean: flat(level, options.horizon),
    quantiles: flat(0, options.horizon).map(() => step),
  };
}
