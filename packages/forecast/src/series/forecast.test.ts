import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { backtestSeries } from './backtest';
import { forecastMany } from './batch';
import { forecastSeries, methodNames } from './forecast';
import { SeriesError } from './types';

const awkward = [
  [0],
  [5],
  [0, 0, 0, 0, 0, 0, 0, 0],
  [3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3],
  [1, 2],
  [0, 0, 4, 0, 0, 0, 1, 0, 0, 0, 0, 2],
  [-5, 3, -2, 8, 0, 1],
];

describe('forecastSeries on awkward series', () => {
  it.each(methodNames())('%s gives finite, ordered output', (method) => {
    for (const values of awkward) {
      const f = forecastSeries(values, { horizon: 3, period: 4, method });
      expect(f.mean).toHaveLength(3);
      for (const [h, step] of f.quantiles.entries()) {
        expect(Number.isFinite(f.mean[h])).toBe(true);
        step.forEach((q, i) => {
          expect(Number.isFinite(q.value)).toBe(true);
          if (i > 0) expect(q.value).toBeGreaterThanOrEqual(step[i - 1]!.value);
        });
      }
    }
  });

  it('throws typed errors on bad input', () => {
    const bad =
      (values: number[], horizon = 1, method?: string) =>
      () =>
        forecastSeries(values, { horizon, period: 1, method });
    expect(bad([])).toThrow(SeriesError);
    expect(bad([1, Number.NaN])).toThrow(
      expect.objectContaining({ code: 'non-finite-value' }),
    );
    expect(bad([1], 0)).toThrow(
      expect.objectContaining({ code: 'bad-horizon' }),
    );
    expect(bad([1], 1, 'nope')).toThrow(
      expect.objectContaining({ code: 'unknown-method' }),
    );
  });
});

describe('forecastSeries properties', () => {
  const series = fc.array(fc.integer({ min: 0, max: 50 }), {
    minLength: 1,
    maxLength: 30,
  });

  it.each(['auto', 'ets', 'theta', 'comb', 'tsb', 'imapa'])(
    '%s: non-negative demand, nested intervals, no NaN',
    (method) => {
      fc.assert(
        fc.property(series, (values) => {
          const f = forecastSeries(values, { horizon: 4, period: 4, method });
          return f.quantiles.every((step, h) => {
            const v = step.map((q) => q.value);
            const [q05, , q25, , q75, , q95] = v;
            return (
              Number.isFinite(f.mean[h]) &&
              v.every((x) => Number.isFinite(x) && x >= 0) &&
              q05! <= q25! &&
              q75! <= q95!
            );
          });
        }),
        { numRuns: 15 },
      );
    },
  );

  it('is deterministic for a seed', () => {
    const y = [5, 7, 6, 9, 8, 11, 10, 13, 12, 15, 14, 17];
    const a = forecastSeries(y, {
      horizon: 3,
      period: 1,
      method: 'ets',
      seed: 3,
    });
    const b = forecastSeries(y, {
      horizon: 3,
      period: 1,
      method: 'ets',
      seed: 3,
    });
    expect(a).toEqual(b);
  });
});

describe('forecastMany', () => {
  it('keeps going past a bad series', () => {
    const results = forecastMany(
      [
        { id: 'a', values: [1, 2, 3] },
        { id: 'b', values: [] },
        { id: 'c', values: [0, 0, 1] },
      ],
      { horizon: 2, period: 1, method: 'naive' },
    );
    expect(results.map((r) => r.ok)).toEqual([true, false, true]);
    const b = results[1];
    expect(b?.ok === false && b.error.code).toBe('empty-series');
  });
});

describe('backtestSeries', () => {
  it('scores the hold-out and summarises per method', () => {
    const progress: number[] = [];
    const result = backtestSeries({
      series: [
        { id: 'line', values: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], period: 1 },
        { id: 'short', values: [1, 2], period: 1 },
      ],
      horizon: 2,
      methods: ['naive'],
      onProgress: (done) => progress.push(done),
    });

    expect(progress).toEqual([1, 2]);
    const row = result.rows.find((r) => r.id === 'line');
    expect(row?.ok).toBe(true);
    if (row?.ok !== true) return;
    // Forecast 8, 8 against 9, 10; in-sample naive MAE 1.
    expect(row.smape).toBeCloseTo(100 * (1 / 17 + 2 / 18), 10);
    expect(row.mase).toBeCloseTo(1.5, 12);
    expect(row.scaledBias).toBeCloseTo(-1.5, 12);
    expect(result.summary).toEqual([
      expect.objectContaining({ method: 'naive', scored: 1, failed: 1 }),
    ]);
  });
});
