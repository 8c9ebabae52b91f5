import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import {
  coverage,
  intervalCoverage,
  pinball,
  quantileAt,
  scaledBias,
  scaledPinball,
} from './distribution';
import type { QuantilePoint } from './types';

const q = (p: number, value: number): QuantilePoint => ({ p, value });

describe('pinball', () => {
  it('weights misses above and below by p and 1 - p', () => {
    expect(pinball([10], [[q(0.5, 8)]])).toBe(1);
    expect(pinball([10], [[q(0.9, 8)]])).toBeCloseTo(1.8, 12);
    expect(pinball([10], [[q(0.9, 12)]])).toBeCloseTo(0.2, 12);
    expect(pinball([10, 0], [[q(0.1, 12)], [q(0.1, 0)]])).toBeCloseTo(0.9, 12);
  });

  it('scales by the naive MAE', () => {
    expect(scaledPinball([10], [[q(0.5, 8)]], [0, 2])).toBe(0.5);
  });

  it('rejects levels outside (0, 1)', () => {
    expect(() => pinball([1], [[q(1, 1)]])).toThrow(
      expect.objectContaining({ code: 'bad-quantile' }),
    );
    expect(() => pinball([1], [[]])).toThrow(
      expect.objectContaining({ code: 'empty-input' }),
    );
  });
});

describe('coverage', () => {
  it('counts outcomes inside closed intervals', () => {
    expect(coverage([1, 5], [0, 0], [2, 2])).toBe(0.5);
    expect(coverage([2], [2], [2])).toBe(1);
  });

  it('reads central intervals from quantiles', () => {
    const qs = [q(0.05, 1), q(0.25, 4), q(0.75, 6), q(0.95, 9)];
    expect(intervalCoverage([5, 3, 10], [qs, qs, qs], 0.9)).toBeCloseTo(
      2 / 3,
      12,
    );
    expect(intervalCoverage([5, 3, 10], [qs, qs, qs], 0.5)).toBeCloseTo(
      1 / 3,
      12,
    );
  });
});

describe('quantileAt', () => {
  it('interpolates and holds flat at the ends', () => {
    const qs = [q(0.1, 0), q(0.3, 2)];
    expect(quantileAt(qs, 0.2)).toBeCloseTo(1, 12);
    expect(quantileAt(qs, 0.01)).toBe(0);
    expect(quantileAt(qs, 0.99)).toBe(2);
  });
});

describe('scaledBias', () => {
  it('is positive when over-forecasting', () => {
    expect(scaledBias([10], [12], [0, 2])).toBe(1);
    expect(scaledBias([10, 10], [8, 8], [5, 5, 5])).toBeCloseTo(-0.4, 12);
  });
});

describe('pinball on any finite input', () => {
  it('is finite and non-negative', () => {
    const arb = fc.tuple(
      fc.double({ min: -1e6, max: 1e6, noNaN: true }),
      fc.double({ min: 0.01, max: 0.99, noNaN: true }),
      fc.double({ min: -1e6, max: 1e6, noNaN: true }),
    );
    fc.assert(
      fc.property(arb, ([y, p, v]) => {
        const loss = pinball([y], [[q(p, v)]]);
        return Number.isFinite(loss) && loss >= 0;
      }),
    );
  });
});
