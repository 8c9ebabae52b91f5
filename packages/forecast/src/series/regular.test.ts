import { describe, expect, it } from 'vitest';

import { autoEts } from './ets';
import { naive, naive2, snaive } from './naive';
import { createRandom } from './random';
import { decompose, isSeasonal } from './seasonality';
import { theta } from './theta';

const o = (horizon: number, period = 1) => ({
  horizon,
  period,
  levels: [0.05, 0.5, 0.95],
  seed: 7,
});

// A positive quarterly series: trend 100 + 2t times indices 1.2, 0.8, 1, 1.
const quarterly = Array.from(
  { length: 40 },
  (_, t) => (100 + 2 * t) * ([1.2, 0.8, 1, 1][t % 4] ?? 1),
);

describe('naive family', () => {
  it('repeats the last value and the last season', () => {
    expect(naive([3, 5], o(2)).mean).toEqual([5, 5]);
    expect(snaive([1, 2, 3, 4], o(3, 2)).mean).toEqual([3, 4, 3]);
  });

  it('widens naive intervals as the square root of h', () => {
    const f = naive([0, 1, 0, 1], o(4));
    const width = (h: number) =>
      (f.quantiles[h]?.[2]?.value ?? 0) - (f.quantiles[h]?.[0]?.value ?? 0);
    expect(width(3) / width(0)).toBeCloseTo(2, 6);
  });

  it('naive2 puts the season back', () => {
    const f = naive2(quarterly, o(4, 4));
    expect(f.mean[0]! / f.mean[1]!).toBeCloseTo(1.2 / 0.8, 1);
  });
});

describe('seasonality', () => {
  it('recovers multiplicative indices', () => {
    const idx = decompose(quarterly, 4, 'multiplicative');
    expect(idx[0]).toBeCloseTo(1.2, 2);
    expect(idx[1]).toBeCloseTo(0.8, 2);
  });

  it('tests seasonality at 90 %', () => {
    expect(isSeasonal(quarterly, 4)).toBe(true);
    const rand = createRandom(5);
    const noise = Array.from({ length: 40 }, () => 10 + rand());
    expect(isSeasonal(noise, 4)).toBe(false);
    expect(isSeasonal(quarterly.slice(0, 11), 4)).toBe(false);
  });
});

describe('theta', () => {
  it('follows a line with half its slope as drift', () => {
    const line = Array.from({ length: 30 }, (_, t) => 10 + 2 * t);
    const f = theta(line, o(3));
    // α → 1, so ℓ_n ≈ 68 and each step adds the drift 1.
    expect(f.mean[0]).toBeCloseTo(69, 1);
    expect(f.mean[2]).toBeCloseTo(71, 1);
  });
});

describe('autoEts', () => {
  it('chooses a seasonal model for a seasonal series', () => {
    const fit = autoEts(quarterly, 4);
    expect(fit?.spec.season).not.toBe('N');
  });

  it('chooses a trend for a noisy line', () => {
    const y = Array.from(
      { length: 40 },
      (_, t) => 50 + 3 * t + ((t * 7919) % 5) - 2,
    );
    expect(autoEts(y, 1)?.spec.trend).toBe('A');
  });

  it('returns null when no model has enough points', () => {
    expect(autoEts([1, 2], 1)).toBeNull();
  });
});
