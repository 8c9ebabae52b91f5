import { mase } from '../metrics';
import type { MethodOptions, SeriesMethod } from './method';
import type { SeriesForecast } from './types';

/** Options of {@link selectByBacktest}. */
export interface SelectOptions {
  /** Forecast origins, each one horizon earlier than the last. */
  readonly origins?: number;
}

/**
 * Rolling-origin selection: each candidate forecasts the last `horizon`
 * points from `origins` origins (the end minus h, 2h, …); the candidate
 * with the lowest mean MASE then forecasts from the full series. With too
 * little history for one origin (fewer than max(2h, h + 8) points), the
 * first candidate is used.
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

  let bestName = names[0] ?? '';
  if (origins > 0) {
    let bestScore = Number.POSITIVE_INFINITY;
    for (const name of names) {
      const method = candidates[name];
      if (method === undefined) continue;
      let score = 0;
      for (let k = 1; k <= origins; k++) {
        const cut = n - k * h;
        const train = values.slice(0, cut);
        const test = values.slice(cut, cut + h);
        const f = method(train, options);
        score += mase(
          test,
          f.mean.slice(0, test.length),
          train,
          options.period,
        );
      }
      if (score < bestScore) {
        bestScore = score;
        bestName = name;
      }
    }
  }

  const chosen = candidates[bestName];
  if (chosen === undefined) throw new Error('no candidate methods');
  const f = chosen(values, options);
  return { ...f, method: `auto:${f.method}` };
}
