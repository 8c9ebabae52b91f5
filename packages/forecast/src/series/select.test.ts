import { describe, expect, it } from 'vitest';
import type { SeriesMethod } from './method';
import { selectByBacktest } from './select';

/** A method that always forecasts `level`, named after it. */
const flat =
  (name: string, level: number): SeriesMethod =>
  (_values, options) => ({
    method: name,
    mean: Array.from({ length: options.horizon }, () => level),
    quantiles: Array.from({ length: options.horizon }, () => [
      { p: 0.1, value: level - 1 },
      { p: 0.9, value: level + 1 },
    ]),
  });

const y = Array.from({ length: 40 }, (_, t) => 10 + (t % 2));
const options = { horizon: 4, period: 1, levels: [0.1, 0.9], seed: 1 };
const candidates = {
  far: flat('far', 30),
  near: flat('near', 10.5),
  close: flat('close', 12),
};

describe('selectByBacktest', () => {
  it('averages the two candidates with the best backtest', () => {
    const f = selectByBacktest(y, options, candidates);
    expect(f.method).toBe('auto:near+close');
    expect(f.mean).toEqual([11.25, 11.25, 11.25, 11.25]);
    expect(f.quantiles[0]).toEqual([
      { p: 0.1, value: 10.25 },
      { p: 0.9, value: 12.25 },
    ]);
  });

  it('keeps the best alone when asked for one', () => {
    const f = selectByBacktest(y, options, candidates, { top: 1 });
    expect(f.method).toBe('auto:near');
    expect(f.mean).toEqual([10.5, 10.5, 10.5, 10.5]);
  });

  it('uses the first candidate alone when history is too short', () => {
    const f = selectByBacktest(y.slice(0, 9), options, candidates);
    expect(f.method).toBe('auto:far');
  });

  it('ranks a candidate whose backtest fails last', () => {
    const broken = flat('broken', Number.NaN);
    const f = selectByBacktest(y, options, { broken, ...candidates });
    expect(f.method).toBe('auto:near+close');
  });
});
