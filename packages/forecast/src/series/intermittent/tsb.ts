import { flat, type MethodOptions } from '../method';
import type { SeriesForecast } from '../types';
import { demandProfile, demandQuantiles } from './demand';

const GRID_ALPHA = [0.05, 0.1, 0.2, 0.3];
const GRID_BETA = [0.01, 0.05, 0.1, 0.2, 0.3];

/**
 * Teunter–Syntetos–Babai (2011): the probability of demand d is smoothed
 * every period (towards 1 with demand, 0 without) with constant β, the
 * size z only in periods with demand with constant α; the forecast is
 * d · z, so it decays through runs of zeros (obsolescence). Conventions:
 * d starts at the share of periods with demand, z at the first non-zero
 * demand; α and β are chosen from a small grid by in-sample squared
 * one-step error.
 *
 * Quantiles: a compound Bernoulli with chance d and the observed sizes
 * rescaled to mean z.
 *
 * @example tsb([0, 3, 0, 0, 2], { horizon: 1, period: 1, levels: [0.5], seed: 1 })
 */
export function tsb(
  values: readonly number[],
  options: MethodOptions,
): SeriesForecast {
  const { sizes } = demandProfile(values);
  if (sizes.length === 0) {
    const mean = flat(0, options.horizon);
    const step = options.levels.map((p) => ({ p, value: 0 }));
    return { method: 'tsb', mean, quantiles: mean.map(() => step) };
  }

  let best = { sse: Number.POSITIVE_INFINITY, d: 0, z: 0 };
  for (const alpha of GRID_ALPHA) {
    for (const beta of GRID_BETA) {
      const run = runTsb(values, sizes, alpha, beta);
      if (run.sse < best.sse) best = run;
    }
  }

  const level = best.d * best.z;
  const step = demandQuantiles(best.d, best.z, sizes, options.levels);
  return {
    method: 'tsb',
    mean: flat(level, options.horizon),
    quantiles: flat(0, options.horizon).map(() => step),
  };
}

function runTsb(
  values: readonly number[],
  sizes: readonly number[],
  alpha: number,
  beta: number,
): { sse: number; d: number; z: number } {
  let d = sizes.length / values.length;
  let z = sizes[0] ?? 0;
  let sse = 0;
  for (const y of values) {
    const e = y - d * z;
    sse += e * e;
    if (y !== 0) {
      d += beta * (1 - d);
      z += alpha * (y - z);
    } else {
      d -= beta * d;
    }
  }
  return { sse, d, z };
}
