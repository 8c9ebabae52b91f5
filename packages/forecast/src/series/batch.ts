import { forecastSeries, type SeriesOptions } from './forecast';
import {
  SeriesError,
  type SeriesErrorCode,
  type SeriesForecast,
} from './types';

/** One series of a batch. */
export interface SeriesInput {
  readonly id: string;
  readonly values: readonly number[];
  /** Overrides the batch's period for this series. */
  readonly period?: number;
}

/** The outcome for one series: its forecast, or why there is none. */
export type SeriesResult =
  | {
      readonly id: string;
      readonly ok: true;
      readonly forecast: SeriesForecast;
    }
  | {
      readonly id: string;
      readonly ok: false;
      readonly error: {
        readonly code: SeriesErrorCode;
        readonly message: string;
      };
    };

/**
 * Forecasts many series; one bad series gives an `{ ok: false }` result
 * and never stops the rest.
 *
 * @example forecastMany([{ id: 'a', values: [1, 2] }], { horizon: 3, period: 1 })
 */
export function forecastMany(
  series: readonly SeriesInput[],
  options: SeriesOptions,
): SeriesResult[] {
  return series.map((s) => {
    try {
      const forecast = forecastSeries(s.values, {
        ...options,
        period: s.period ?? options.period,
      });
      return { id: s.id, ok: true, forecast };
    } catch (error) {
      return { id: s.id, ok: false, error: describe(error) };
    }
  });
}

function describe(error: unknown): { code: SeriesErrorCode; message: string } {
  if (error instanceof SeriesError) {
    return { code: error.code, message: error.message };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'fit-failed', message };
}
