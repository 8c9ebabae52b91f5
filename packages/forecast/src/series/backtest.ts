import {
  intervalCoverage,
  mase,
  rmsse,
  scaledBias,
  scaledPinball,
  smape,
} from '../metrics';
import { forecastSeries } from './forecast';
import { SeriesError, type SeriesErrorCode } from './types';

/** Input of {@link backtestSeries}. */
export interface SeriesBacktestInput {
  readonly series: readonly {
    readonly id: string;
    readonly values: readonly number[];
    readonly period: number;
  }[];
  readonly horizon: number;
  /** Method names (see `methodNames`); {@link DEFAULT_BACKTEST_METHODS}. */
  readonly methods?: readonly string[];
  readonly onProgress?: (done: number, total: number) => void;
}

/** Scores of one method on one series's hold-out. */
export interface SeriesScores {
  readonly smape: number;
  readonly mase: number;
  readonly rmsse: number;
  /** Mean pinball loss over the quantiles, scaled like MASE. */
  readonly pinball: number;
  readonly coverage50: number;
  readonly coverage90: number;
  readonly scaledBias: number;
}

/** One row per series and method. */
export type SeriesBacktestRow =
  | ({
      readonly id: string;
      readonly method: string;
      readonly ok: true;
      /** What the method resolved to, e.g. `auto:ets:ETS(A,N,N)`. */
      readonly model: string;
    } & SeriesScores)
  | {
      readonly id: string;
      readonly method: string;
      readonly ok: false;
      readonly error: {
        readonly code: SeriesErrorCode;
        readonly message: string;
      };
    };

/** Mean scores of one method over the series it could score. */
export interface MethodSummary extends SeriesScores {
  readonly method: string;
  readonly scored: number;
  readonly failed: number;
}

/** Output of {@link backtestSeries}. */
export interface SeriesBacktestResult {
  readonly horizon: number;
  readonly summary: MethodSummary[];
  readonly rows: SeriesBacktestRow[];
}

/** The methods a backtest compares when none are named. */
export const DEFAULT_BACKTEST_METHODS: readonly string[] = Object.freeze([
  'naive',
  'naive2',
  'ses',
  'damped',
  'ets',
  'theta',
  'comb',
  'croston',
  'sba',
  'tsb',
  'adida',
  'imapa',
  'auto',
]);

/**
 * Holds out the last `horizon` points of every series, forecasts them
 * with every method from the rest, and scores point accuracy (sMAPE,
 * MASE and scaled pinball at the series's period, RMSSE at lag 1),
 * interval coverage at 50 % and 90 % and scaled bias. A series too short
 * to hold out (or that a method cannot forecast) gets an error row.
 *
 * @example backtestSeries({ series: [{ id: 'a', values, period: 12 }], horizon: 18 })
 */
export function backtestSeries(
  input: SeriesBacktestInput,
): SeriesBacktestResult {
  const methods = input.methods ?? DEFAULT_BACKTEST_METHODS;
  const h = input.horizon;
  const rows: SeriesBacktestRow[] = [];
  const total = input.series.length;

  input.series.forEach((s, i) => {
    for (const method of methods) {
      rows.push(scoreOne(s.id, s.values, s.period, h, method));
    }
    input.onProgress?.(i + 1, total);
  });

  return { horizon: h, summary: summarise(methods, rows), rows };
}

function scoreOne(
  id: string,
  values: readonly number[],
  period: number,
  h: number,
  method: string,
): SeriesBacktestRow {
  try {
    if (values.length <= h) {
      throw new SeriesError(
        'too-short',
        `${values.length} points, horizon ${h}`,
      );
    }
    const train = values.slice(0, values.length - h);
    const test = values.slice(values.length - h);
    const f = forecastSeries(train, { horizon: h, period, method });

    return {
      id,
      method,
      ok: true,
      model: f.method,
      smape: smape(test, f.mean),
      mase: mase(test, f.mean, train, period),
      rmsse: rmsse(test, f.mean, train),
      pinball: scaledPinball(test, f.quantiles, train, period),
      coverage50: intervalCoverage(test, f.quantiles, 0.5),
      coverage90: intervalCoverage(test, f.quantiles, 0.9),
      scaledBias: scaledBias(test, f.mean, train, period),
    };
  } catch (error) {
    const code = error instanceof SeriesError ? error.code : 'fit-failed';
    const message = error instanceof Error ? error.message : String(error);
    return { id, method, ok: false, error: { code, message } };
  }
}

const KEYS = [
  'smape',
  'mase',
  'rmsse',
  'pinball',
  'coverage50',
  'coverage90',
  'scaledBias',
] as const;

function summarise(
  methods: readonly string[],
  rows: readonly SeriesBacktestRow[],
): MethodSummary[] {
  return methods.map((method) => {
    const mine = rows.filter((r) => r.method === method);
    const good = mine.filter((r) => r.ok);
    const means = Object.fromEntries(
      KEYS.map((k) => [
        k,
        good.length === 0
          ? 0
          : good.reduce((a, r) => a + r[k], 0) / good.length,
      ]),
    ) as Record<(typeof KEYS)[number], number>;
    return {
      method,
      scored: good.length,
      failed: mine.length - good.length,
      ...means,
    };
  });
}
