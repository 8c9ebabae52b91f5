import type { EtsParams, EtsSpec, EtsState } from './spec';

/** What one pass of the ETS recursions over a series gives. */
export interface EtsFilterResult {
  /** False when a multiplicative term hit zero or the sum went non-finite. */
  readonly valid: boolean;
  /** Sum of squared errors (relative errors for multiplicative error). */
  readonly sse: number;
  /** Sum of log |one-step forecast|, the Jacobian of multiplicative error. */
  readonly sumLogForecast: number;
  readonly final: EtsState;
  readonly fitted: Float64Array;
  readonly residuals: Float64Array;
}

const TINY = 1e-10;

/**
 * Runs the ETS recursions over `y` from the initial state, in the
 * component form shared by additive and multiplicative errors (their
 * state updates coincide; only the error and the likelihood differ).
 *
 * @example filterEts(spec, params, init, [1, 2, 3]).fitted
 */
export function filterEts(
  spec: EtsSpec,
  params: EtsParams,
  init: EtsState,
  y: readonly number[],
  keepStates?: EtsState[],
): EtsFilterResult {
  const { alpha, beta, gamma, phi } = params;
  const m = spec.season === 'N' ? 1 : spec.period;
  const damp = spec.damped ? phi : 1;
  const betaStar = alpha > 0 ? beta / alpha : 0;
  const n = y.length;

  // Seasonal terms indexed by phase: phase t % m is used at time t.
  const seas = new Float64Array(m);
  for (let j = 0; j < m; j++) seas[j] = init.season[m - 1 - j] ?? 0;

  let l = init.level;
  let b = init.growth;
  let sse = 0;
  let sumLog = 0;
  let valid = true;
  const fitted = new Float64Array(n);
  const residuals = new Float64Array(n);

  for (let t = 0; t < n; t++) {
    const yt = y[t] ?? 0;
    const phase = t % m;
    const s = seas[phase] ?? 0;

    let phib = 0;
    let q = l;
    if (spec.trend === 'A') {
      phib = damp * b;
      q = l + phib;
    } else if (spec.trend === 'M') {
      phib = b > 0 ? Math.pow(b, damp) : b;
      q = l * phib;
    }
    const f = spec.season === 'N' ? q : spec.season === 'A' ? q + s : q * s;
    fitted[t] = f;

    let e = yt - f;
    if (spec.error === 'M') {
      if (Math.abs(f) < TINY) {
        valid = false;
        break;
      }
      e /= f;
      sumLog += Math.log(Math.abs(f));
    }
    residuals[t] = e;
    sse += e * e;

    let p = yt;
    if (spec.season === 'A') p = yt - s;
    else if (spec.season === 'M') {
      if (Math.abs(s) < TINY) {
        valid = false;
        break;
      }
      p = yt / s;
    }
    const newL = q + alpha * (p - q);

    if (spec.trend === 'A') {
      b = phib + betaStar * (newL - l - phib);
    } else if (spec.trend === 'M') {
      if (Math.abs(l) < TINY) {
        valid = false;
        break;
      }
      b = phib + betaStar * (newL / l - phib);
    }

    if (spec.season !== 'N') {
      let target = yt - q;
      if (spec.season === 'M') {
        if (Math.abs(q) < TINY) {
          valid = false;
          break;
        }
        target = yt / q;
      }
      seas[phase] = s + gamma * (target - s);
    }
    l = newL;

    if (keepStates !== undefined) {
      keepStates.push(stateAt(l, b, seas, t, m, spec));
    }
  }

  const final = stateAt(l, b, seas, n - 1, m, spec);
  valid = valid && Number.isFinite(sse) && Number.isFinite(l);
  return { valid, sse, sumLogForecast: sumLog, final, fitted, residuals };
}

function stateAt(
  l: number,
  b: number,
  seas: Float64Array,
  t: number,
  m: number,
  spec: EtsSpec,
): EtsState {
  const season: number[] = [];
  if (spec.season !== 'N') {
    for (let i = 0; i < m; i++) {
      season.push(seas[(((t - i) % m) + m) % m] ?? 0);
    }
  }
  return { level: l, growth: spec.trend === 'N' ? 0 : b, season };
}

/**
 * Point forecasts `h` steps ahead from a state.
 *
 * @example pointForecast(spec, params, fit.final, 12)
 */
export function pointForecast(
  spec: EtsSpec,
  params: EtsParams,
  state: EtsState,
  horizon: number,
): number[] {
  const m = spec.season === 'N' ? 1 : spec.period;
  const damp = spec.damped ? params.phi : 1;
  const out: number[] = [];
  let phiSum = 0;
  let phiPow = 1;

  for (let h = 1; h <= horizon; h++) {
    phiPow *= damp;
    phiSum += phiPow;
    let q = state.level;
    if (spec.trend === 'A') q += phiSum * state.growth;
    else if (spec.trend === 'M') q *= Math.pow(state.growth, phiSum);

    // The oldest term, season[m - 1], is next; then it cycles.
    const s = state.season[m - 1 - ((h - 1) % m)] ?? 0;
    out.push(spec.season === 'N' ? q : spec.season === 'A' ? q + s : q * s);
  }
  return out;
}
