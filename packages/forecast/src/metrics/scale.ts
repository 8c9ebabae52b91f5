import { requireFinite } from './checks';

/** A scale below this counts as zero, so a ratio never overflows. */
const TINY = 1e-9;

/**
 * The scale that MASE, scaled pinball and scaled bias divide by: the
 * in-sample mean absolute error of the seasonal naive forecast at lag `m`.
 *
 * Fallbacks, so a score is never NaN or infinite:
 * - a series with `m + 1` points or fewer uses lag 1;
 * - a zero scale (a constant series) falls back to the in-sample lag-1
 *   MAE, then to the mean absolute level, then to 1 (an all-zero series);
 *   a scale below 1e-9 counts as zero.
 *
 * @example naiveScale([1, 2, 4], 1) // 1.5
 */
export function naiveScale(insample: readonly number[], m = 1): number {
  requireFinite(insample, 'insample');

  const lag = m >= 1 && insample.length > m ? Math.round(m) : 1;
  const seasonal = meanAbsDiff(insample, lag, false);
  if (seasonal > TINY) return seasonal;

  const plain = meanAbsDiff(insample, 1, false);
  if (plain > TINY) return plain;

  return levelOrOne(insample);
}

/**
 * The scale of RMSSE: the root of the in-sample mean squared error of the
 * naive forecast at lag `m` (lag 1 by default, as in the M5 competition),
 * with the same fallbacks as {@link naiveScale}.
 *
 * @example squaredNaiveScale([1, 2, 4], 1) // Math.sqrt(2.5)
 */
export function squaredNaiveScale(insample: readonly number[], m = 1): number {
  requireFinite(insample, 'insample');

  const lag = m >= 1 && insample.length > m ? Math.round(m) : 1;
  const seasonal = Math.sqrt(meanAbsDiff(insample, lag, true));
  if (seasonal > TINY) return seasonal;

  const plain = Math.sqrt(meanAbsDiff(insample, 1, true));
  if (plain > TINY) return plain;

  return levelOrOne(insample);
}

function meanAbsDiff(
  xs: readonly number[],
  lag: number,
  squared: boolean,
): number {
  if (xs.length <= lag) return 0;

  let sum = 0;
  for (let t = lag; t < xs.length; t++) {
    const d = Math.abs((xs[t] ?? 0) - (xs[t - lag] ?? 0));
    sum += squared ? d * d : d;
  }
  return sum / (xs.length - lag);
}

function levelOrOne(xs: readonly number[]): number {
  let sum = 0;
  for (const x of xs) sum += Math.abs(x);
  const level = sum / xs.length;
  return level > TINY ? level : 1;
}
