import { describe, expect, it } from 'vitest';

import type { EtsFit } from './fit';
import { predictEts } from './predict';
import type { EtsSpec } from './spec';

function fitOf(spec: EtsSpec, sigma2: number): EtsFit {
  return {
    spec,
    params: { alpha: 0.5, beta: 0.1, gamma: 0.2, phi: 0.9 },
    init: { level: 10, growth: 1, season: [] },
    final: { level: 10, growth: 1, season: [] },
    sigma2,
    loglik: 0,
    aicc: 0,
    np: 3,
    residuals: new Float64Array(0),
  };
}

const ANN: EtsSpec = {
  error: 'A',
  trend: 'N',
  damped: false,
  season: 'N',
  period: 1,
};

describe('predictEts', () => {
  it('gives SES its exact normal intervals', () => {
    const p = predictEts(fitOf(ANN, 4), 3, [0.975], 1);
    // sd_h = 2 sqrt(1 + 0.25 (h - 1)); z = 1.959964.
    expect(p.mean).toEqual([10, 10, 10]);
    expect(p.quantiles[0]?.[0]?.value).toBeCloseTo(10 + 2 * 1.959964, 5);
    expect(p.quantiles[2]?.[0]?.value).toBeCloseTo(
      10 + 2 * Math.sqrt(1.5) * 1.959964,
      5,
    );
  });

  it('damps the trend of point forecasts', () => {
    const spec = { ...ANN, trend: 'A' as const, damped: true };
    const p = predictEts(fitOf(spec, 1), 2, [0.5], 1);
    expect(p.mean[0]).toBeCloseTo(10.9, 12);
    expect(p.mean[1]).toBeCloseTo(10 + 0.9 + 0.81, 12);
  });

  it('simulates multiplicative models around the point forecast', () => {
    const spec = { ...ANN, error: 'M' as const };
    const p = predictEts(fitOf(spec, 0.01), 2, [0.05, 0.5, 0.95], 9);
    const [lo, mid, hi] = (p.quantiles[0] ?? []).map((q) => q.value);
    expect(mid).toBeCloseTo(10, 0);
    // 10 (1 ± 1.645 × 0.1), within simulation error.
    expect(lo).toBeGreaterThan(8.1);
    expect(lo).toBeLessThan(8.6);
    expect(hi).toBeGreaterThan(11.4);
    expect(hi).toBeLessThan(11.9);
  });
});
