import { mase } from '../metrics';
import { averageForecasts } from './combine';
import type { MethodOptions, SeriesMethod } from './method';
import type { SeriesForecast } from './types';

/** Options of {@link selectByBacktest}. */
export interface SelectOptions {
  /** Forecast origins, each one horizon earlier than the last. */
  readonly origins?: number;
  /** How many of the best candidates to average (2 by default). */
  readonly top?: number;
}

/**
 * Rolling-origin selection: each candidate forecasts the last `horizon`
 * points from `origins` origins (the end minus h, 2h, …); the `top`
 * candidates with the lowest mean MASE (two by default) then forecast
 * from the full series and are averaged (means, and quantiles level by
 * level). Averaging the two best rather than taking the best alone
 * costs one more fit and guards against a backtest of a few points
 * picking a lucky method: on M3 it lowered sMAPE by about 0.3, on M4
 * Weekly it changed OWA by less than 0.001. With too little history for
 * one origin (fewer than max(2h, h + 8) points), the first candidate is
 * used alone.
 *
 * @example selectByBacktest(y, options, { ets, theta })
 */
export function selectByBacktest(
  values: readonly number[],
  options: MethodOptions,
  candidates: Readonly<Record<string, SeriesMethod>>,
  select: SelectOptions = {},
): SeriesForecast {
  const names = Object.keys(candidates);
  const h = options.horizon;
  const n = values.length;
  const minTrain = Math.max(h, 8);
  const origins = Math.max(
    0,
    Math.min(select.origins ?? 2, Math.floor((n - minTrain) / h)),
  );

  const scores = new Map<string, number>();
  if (origins > 0) {
    for (const name of names) {
      const method = candidates[name];
      if (method === undefined) continue;
      scores.set(name, backtestScore(values, options, method, origins));
    }
  }

  // Stable: ties keep the candidates' order.
  const ranked =
    scores.size === 0
      ? names.slice(0, 1)
      : [...names]
          .sort((a, b) => (scores.get(a) ?? 0) - (scores.get(b) ?? 0))
          .slice(0, Math.max(1, select.top ?? 2));
  if (ranked.length === 0) throw new Error('no candidate methods');
  const parts = ranked.map((name) => {
    const method = candidates[name];
    if (method === undefined) throw new Error(`no candidate ${name}`);
    return method(values, options);
  });
  const f =
    parts.length === 1 && parts[0]
      ? parts[0]
      : averageForecasts(parts.map((part) => part.method).join('+'), parts);
  return { ...f, method: `auto:${f.method}` };
}

/**
 * The summed MASE of a method over the last `origins` windows; a method
 * that fails there (throws, or forecasts NaN) scores Infinity and ranks
 * last instead of failing the selection.
 */
function backtestScore(
  values: readonly number[],
  options: MethodOptions,
  method: SeriesMethod,
  origins: number,
): number {
  const h = options.horizon;
  let score = 0;
  try {
    for (let k = 1; k <= origins; k++) {
      const cut = values.length - k * h;
      const train = values.slice(0, cut);
      const test = values.slice(cut, cut + h);
      const f = method(train, options);
      score += mase(test, f.mean.slice(0, test.length), train, options.period);
    }
  } catch {
    return Number.POSITIVE_INFINITY;
  }
  return Number.isNaN(score) ? Number.POSITIVE_INFINITY : score;
}
