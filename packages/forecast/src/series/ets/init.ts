import { decompose } from '../seasonality';
import type { EtsSpec, EtsState } from './spec';

/**
 * Starting states for the optimiser, in the spirit of Hyndman et al.
 * (2008, §2.6.1): seasonal indices by classical decomposition of the first
 * three seasons (two when that is all there is), then a straight line
 * through the first `max(10, 2m)` seasonally adjusted points gives the
 * level (intercept at time 0) and the growth (slope, or the ratio of one
 * step for a multiplicative trend).
 *
 * @example initialState([1, 2, 3, 4], { error: 'A', trend: 'A', damped: false, season: 'N', period: 1 })
 */
export function initialState(y: readonly number[], spec: EtsSpec): EtsState {
  const m = spec.season === 'N' ? 1 : spec.period;
  let season: number[] = [];
  let adjusted = [...y];

  if (spec.season !== 'N') {
    const span = y.slice(0, Math.min(y.length, 3 * m));
    const kind = spec.season === 'A' ? 'additive' : 'multiplicative';
    const idx = decompose(span, m, kind);
    // R's order: newest first, so phase m - 1 comes first.
    season = idx.map((_, i) => idx[m - 1 - i] ?? 0);
    adjusted = y.map((v, t) =>
      spec.season === 'A' ? v - (idx[t % m] ?? 0) : v / (idx[t % m] ?? 1),
    );
  }

  const k = Math.min(Math.max(10, 2 * m), adjusted.length);
  const head = adjusted.slice(0, k);
  if (spec.trend === 'N') {
    return { level: mean(head), growth: 0, season };
  }

  const { intercept, slope } = lineFit(head);
  if (spec.trend === 'A') {
    return { level: intercept, growth: slope, season };
  }

  const level = intercept > 0 ? intercept : Math.max(mean(head), 1e-3);
  const growth = Math.min(Math.max(1 + slope / level, 0.5), 1.5);
  return { level, growth, season };
}

function mean(xs: readonly number[]): number {
  return xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Least-squares line through (t, y_t), t = 1..n, intercept at t = 0. */
function lineFit(y: readonly number[]): { intercept: number; slope: number } {
  const n = y.length;
  if (n < 2) return { intercept: y[0] ?? 0, slope: 0 };

  const tBar = (n + 1) / 2;
  const yBar = mean(y);
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    const dt = i + 1 - tBar;
    sxy += dt * ((y[i] ?? 0) - yBar);
    sxx += dt * dt;
  }
  const slope = sxy / sxx;
  return { intercept: yBar - slope * tBar, slope };
}
