import type { QuantilePoint } from '../types';
import { normalQuantiles, sampleQuantiles } from '../quantiles';
import { createNormal, createRandom } from '../random';
import type { EtsFit } from './fit';
import { pointForecast } from './filter';
import type { EtsSpec } from './spec';

/** Point forecasts and quantiles of a fitted ETS model. */
export interface EtsPrediction {
  readonly mean: number[];
  readonly quantiles: QuantilePoint[][];
}

/** Number of sample paths for models without analytic intervals. */
const PATHS = 1000;

/**
 * Forecasts from a fitted model. Additive-error models with no or
 * additive trend and season (class 1 of Hyndman et al. 2008, ch. 6) get
 * exact normal intervals; the others are simulated from the model with a
 * seeded generator, around the point forecast.
 *
 * @example predictEts(fit, 12, [0.05, 0.5, 0.95], 1)
 */
export function predictEts(
  fit: EtsFit,
  horizon: number,
  levels: readonly number[],
  seed: number,
): EtsPrediction {
  const mean = pointForecast(fit.spec, fit.params, fit.final, horizon);

  if (isClassOne(fit.spec)) {
    const sd = classOneVariance(fit, horizon).map(Math.sqrt);
    return { mean, quantiles: normalQuantiles(mean, sd, levels) };
  }

  const samples = simulate(fit, horizon, seed);
  return { mean, quantiles: sampleQuantiles(samples, levels) };
}

function isClassOne(spec: EtsSpec): boolean {
  return spec.error === 'A' && spec.trend !== 'M' && spec.season !== 'M';
}

/** σ² (1 + Σ_{j<h} c_j²), c_j = α + β φ_j + γ [j ≡ 0 mod m]. */
function classOneVariance(fit: EtsFit, horizon: number): number[] {
  const { alpha, beta, gamma, phi } = fit.params;
  const { spec } = fit;
  const damp = spec.damped ? phi : 1;
  const out: number[] = [];
  let acc = 1;
  let phiSum = 0;
  let phiPow = 1;

  for (let h = 1; h <= horizon; h++) {
    out.push(fit.sigma2 * acc);

    const j = h;
    phiPow *= damp;
    phiSum += phiPow;
    let c = alpha;
    if (spec.trend !== 'N') c += beta * phiSum;
    if (spec.season !== 'N' && j % spec.period === 0) c += gamma;
    acc += c * c;
  }
  return out;
}

function simulate(fit: EtsFit, horizon: number, seed: number): Float64Array[] {
  const { spec, params, final } = fit;
  const m = spec.season === 'N' ? 1 : spec.period;
  const damp = spec.damped ? params.phi : 1;
  const betaStar = params.alpha > 0 ? params.beta / params.alpha : 0;
  const sigma = Math.sqrt(fit.sigma2);
  const normal = createNormal(createRandom(seed));
  const samples = Array.from(
    { length: horizon },
    () => new Float64Array(PATHS),
  );
  const seas = new Float64Array(m);

  for (let path = 0; path < PATHS; path++) {
    let l = final.level;
    let b = final.growth;
    for (let i = 0; i < m; i++) seas[i] = final.season[m - 1 - i] ?? 0;

    for (let h = 0; h < horizon; h++) {
      const phase = h % m;
      const s = seas[phase] ?? 0;
      let phib = 0;
      let q = l;
      if (spec.trend === 'A') {
        phib = damp * b;
        q = l + phib;
      } else if (spec.trend === 'M') {
        phib = b > 0 ? Math.pow(b, damp) : 0;
        q = l * phib;
      }
      const f = spec.season === 'N' ? q : spec.season === 'A' ? q + s : q * s;
      const e = sigma * normal();
      const y = spec.error === 'A' ? f + e : f * (1 + e);
      const sample = samples[h];
      if (sample !== undefined) sample[path] = y;

      let p = y;
      if (spec.season === 'A') p = y - s;
      else if (spec.season === 'M') p = s !== 0 ? y / s : q;
      const newL = q + params.alpha * (p - q);
      if (spec.trend === 'A') b = phib + betaStar * (newL - l - phib);
      else if (spec.trend === 'M') {
        b = l !== 0 ? phib + betaStar * (newL / l - phib) : phib;
      }
      if (spec.season !== 'N') {
        const target = spec.season === 'A' ? y - q : q !== 0 ? y / q : s;
        seas[phase] = s + params.gamma * (target - s);
      }
      l = newL;
    }
  }
  return samples;
}
