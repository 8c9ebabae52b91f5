import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { mase, owa, rmsse, smape } from './point';
import { naiveScale, squaredNaiveScale } from './scale';
import { MetricsError } from './types';

describe('smape', () => {
  it('follows the M4 definition in percent', () => {
    expect(smape([100], [110])).toBeCloseTo(9.523809523809524, 12);
    expect(smape([100, 50], [110, 50])).toBeCloseTo(4.761904761904762, 12);
  });

  it('scores a zero actual with a zero forecast as perfect', () => {
    expect(smape([0, 0], [0, 0])).toBe(0);
    expect(smape([0], [5])).toBe(200);
  });

  it('throws typed errors on bad input', () => {
    expect(() => smape([], [])).toThrow(MetricsError);
    expect(() => smape([1], [1, 2])).toThrow(/lengths/);
    expect(() => smape([Number.NaN], [1])).toThrow(MetricsError);
  });
});

describe('mase', () => {
  it('scales by the in-sample naive MAE', () => {
    expect(mase([3, 3], [2, 4], [1, 2, 3, 4], 1)).toBe(1);
    expect(mase([10], [7], [1, 5, 2, 7, 3, 9], 2)).toBeCloseTo(2, 12);
  });

  it('falls back when the seasonal scale is zero', () => {
    // Lag 2 differences are all zero; lag 1 differences are 4.
    expect(naiveScale([1, 5, 1, 5, 1, 5], 2)).toBe(4);
    // Constant: mean absolute level.
    expect(naiveScale([3, 3, 3], 1)).toBe(3);
    // All zero: 1.
    expect(naiveScale([0, 0, 0], 1)).toBe(1);
    // Too short for the season: lag 1.
    expect(naiveScale([1, 3], 12)).toBe(2);
  });
});

describe('rmsse', () => {
  it('scales by the in-sample naive root mean square', () => {
    expect(rmsse([3, 3], [2, 4], [1, 2, 3, 4])).toBe(1);
    expect(squaredNaiveScale([0, 3, 7])).toBeCloseTo(Math.sqrt(12.5), 12);
    expect(rmsse([0], [0], [0, 0])).toBe(0);
  });
});

describe('owa', () => {
  it('averages the ratios to Naive2', () => {
    expect(owa({ smape: 9, mase: 2.5 }, { smape: 10, mase: 2.5 })).toBe(0.95);
  });

  it('handles a zero baseline', () => {
    expect(owa({ smape: 0, mase: 0 }, { smape: 0, mase: 0 })).toBe(1);
    expect(() => owa({ smape: 1, mase: 0 }, { smape: 0, mase: 0 })).toThrow(
      expect.objectContaining({ code: 'zero-baseline' }),
    );
  });
});

describe('point metrics on any finite input', () => {
  const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true });
  const pairs = fc
    .integer({ min: 1, max: 20 })
    .chain((n) =>
      fc.tuple(
        fc.array(finite, { minLength: n, maxLength: n }),
        fc.array(finite, { minLength: n, maxLength: n }),
        fc.array(finite, { minLength: 1, maxLength: 30 }),
        fc.integer({ min: 1, max: 12 }),
      ),
    );

  it('are finite and non-negative, sMAPE within [0, 200]', () => {
    fc.assert(
      fc.property(pairs, ([y, f, insample, m]) => {
        const s = smape(y, f);
        const a = mase(y, f, insample, m);
        const r = rmsse(y, f, insample, m);
        return (
          s >= 0 &&
          s <= 200 + 1e-9 &&
          Number.isFinite(a) &&
          a >= 0 &&
          Number.isFinite(r) &&
          r >= 0
        );
      }),
    );
  });
});
