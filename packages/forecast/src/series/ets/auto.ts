import { fitEts, type EtsFit } from './fit';
import type { EtsSpec, SeasonType, TrendType } from './spec';

/** The most seasons R's `ets` will model (longer periods go non-seasonal). */
export const MAX_SEASONAL_PERIOD = 24;

/**
 * The admissible models for a series, as R's `ets` chooses by default:
 * additive or multiplicative error; no, additive or additive damped
 * trend; no, additive or multiplicative season; excluding additive error
 * with multiplicative season (numerically unstable), multiplicative parts
 * for series that are not strictly positive, and seasonal models when the
 * period is 1, above {@link MAX_SEASONAL_PERIOD} or the series is shorter
 * than two seasons.
 *
 * @example candidateSpecs(monthly, 12).length // 15 for a positive series
 */
export function candidateSpecs(
  y: readonly number[],
  period: number,
): EtsSpec[] {
  const positive = y.every((v) => v > 0);
  const seasonal =
    period > 1 && period <= MAX_SEASONAL_PERIOD && y.length >= 2 * period;
  const trends: [TrendType, boolean][] = [
    ['N', false],
    ['A', false],
    ['A', true],
  ];
  const seasons: SeasonType[] = seasonal ? ['N', 'A', 'M'] : ['N'];
  const out: EtsSpec[] = [];

  for (const error of positive ? (['A', 'M'] as const) : (['A'] as const)) {
    for (const [trend, damped] of trends) {
      for (const season of seasons) {
        if (season === 'M' && (error === 'A' || !positive)) continue;
        out.push({
          error,
          trend,
          damped,
          season,
          period: season === 'N' ? 1 : period,
        });
      }
    }
  }
  return out;
}

/**
 * Fits every candidate and keeps the one with the smallest AICc; `null`
 * when none can be fitted (a series too short for any model).
 *
 * @example autoEts(monthly, 12)?.spec
 */
export function autoEts(
  y: readonly number[],
  period: number,
  specs: readonly EtsSpec[] = candidateSpecs(y, period),
): EtsFit | null {
  let best: EtsFit | null = null;
  for (const spec of specs) {
    const fit = fitEts(y, spec);
    if (fit === null || !Number.isFinite(fit.aicc)) continue;
    if (best === null || fit.aicc < best.aicc) best = fit;
  }
  return best;
}
