import { flat, type MethodOptions } from '../method';
import type { SeriesForecast } from '../types';
import {
  bestAlpha,
  demandProfile,
  demandQuantiles,
  mean,
  smooth,
} from './demand';
import { CROSTON_ALPHA } from './croston';

/**
 * Sums of non-overlapping blocks of `k` periods, aligned so the last
 * block ends at the last observation (the oldest `n mod k` periods are
 * dropped).
 *
 * @example aggregate([1, 2, 3, 4, 5], 2) // [5, 9]
 */
export function aggregate(values: readonly number[], k: number): number[] {
  const out: number[] = [];
  for (let end = values.length; end - k >= 0; end -= k) {
    let sum = 0;
    for (let t = end - k; t < end; t++) sum += values[t] ?? 0;
    out.push(sum);
  }
  return out.reverse();
}

/**
 * Forecast of one block of an aggregated series: SBA when the blocks are
 * still intermittent by the SBC rule (mean interval > 1.32 or squared
 * coefficient of variation of sizes > 0.49, Syntetos et al. 2005), else
 * SES with α chosen by in-sample error.
 */
function blockForecast(blocks: readonly number[]): number {
  const { sizes, intervals } = demandProfile(blocks);
  if (sizes.length === 0) return 0;

  const p = mean(intervals);
  const m = mean(sizes);
  const cv2 = m > 0 ? mean(sizes.map((s) => (s - m) ** 2)) / (m * m) : 0;
  if (p > 1.32 || cv2 > 0.49) {
    const z = smooth(sizes, CROSTON_ALPHA);
    const q = smooth(intervals, CROSTON_ALPHA);
    return q > 0 ? ((1 - CROSTON_ALPHA / 2) * z) / q : 0;
  }
  return smooth(blocks, bestAlpha(blocks));
}

function withQuantiles(
  method: string,
  values: readonly number[],
  level: number,
  options: MethodOptions,
): SeriesForecast {
  const { sizes } = demandProfile(values);
  const chance = sizes.length / Math.max(values.length, 1);
  const sizeMean = chance > 0 ? level / chance : 0;
  const step = demandQuantiles(chance, sizeMean, sizes, options.levels);
  return {
    method,
    mean: flat(level, options.horizon),
    quantiles: flat(0, options.horizon).map(() => step),
  };
}

/** The mean interval between demands, rounded, at least 1. */
function meanInterval(values: readonly number[]): number {
  const { intervals } = demandProfile(values);
  return Math.max(1, Math.round(mean(intervals)));
}

/**
 * ADIDA (Nikolopoulos et al. 2011): aggregate into blocks of k periods,
 * k the mean interval between demands, forecast the block total (see
 * {@link aggregate} for the alignment and `blockForecast` for the
 * method) and spread it evenly over its k periods.
 *
 * @example adida([0, 3, 0, 0, 2, 0], { horizon: 2, period: 1, levels: [0.5], seed: 1 })
 */
export function adida(
  values: readonly number[],
  options: MethodOptions,
): SeriesForecast {
  const k = Math.min(meanInterval(values), Math.floor(values.length / 2) || 1);
  const level = blockForecast(aggregate(values, k)) / k;
  return withQuantiles('adida', values, level, options);
}

/**
 * iMAPA (Petropoulos & Kourentzes 2015): the ADIDA forecast at every
 * aggregation level from 1 to max(2, mean interval), at most 12 and at
 * most half the series, averaged with equal weights.
 *
 * @example imapa([0, 3, 0, 0, 2, 0], { horizon: 2, period: 1, levels: [0.5], seed: 1 })
 */
export function imapa(
  values: readonly number[],
  options: MethodOptions,
): SeriesForecast {
  const top = Math.max(
    1,
    Math.min(
      Math.max(2, meanInterval(values)),
      12,
      Math.floor(values.length / 2),
    ),
  );
  let sum = 0;
  for (let k = 1; k <= top; k++) {
    sum += blockForecast(aggregate(values, k)) / k;
  }
  return withQuantiles('imapa', values, sum / top, options);
}
