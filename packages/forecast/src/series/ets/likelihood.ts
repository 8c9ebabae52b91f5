import type { EtsParams, EtsSpec, EtsState } from './spec';

const TINY = 1e-10;

/**
 * The sums behind the likelihood, `n log(SSE) + 2 Σ log|ŷ|`, computed
 * without allocating (the optimiser calls this thousands of times). Same
 * recursions as `filterEts`; returns `Infinity` for an invalid path.
 * `scratch` must hold at least `period` numbers.
 *
 * @example etsObjective(spec, params, init, y, new Float64Array(12), 0)
 */
export function etsObjective(
  spec: EtsSpec,
  params: EtsParams,
  init: EtsState,
  y: ArrayLike<number>,
  scratch: Float64Array,
  floor: number,
): number {
  const { alpha, gamma } = params;
  const seasonal = spec.season !== 'N';
  const addSeason = spec.season === 'A';
  const addTrend = spec.trend === 'A';
  const mulTrend = spec.trend === 'M';
  const mulError = spec.error === 'M';
  const m = seasonal ? spec.period : 1;
  const damp = spec.damped ? params.phi : 1;
  const betaStar = alpha > 0 ? params.beta / alpha : 0;
  const n = y.length;

  for (let j = 0; j < m; j++) scratch[j] = init.season[m - 1 - j] ?? 0;
  let l = init.level;
  let b = init.growth;
  let sse = 0;
  // Σ log|ŷ| as a running product, logged only when it nears the edge
  // of the double range (a log per step cost about 15 % of a fit).
  let sumLog = 0;
  let product = 1;
  let phase = 0;

  for (let t = 0; t < n; t++) {
    const yt = y[t] ?? 0;
    const s = seasonal ? (scratch[phase] ?? 0) : 0;
    let phib = 0;
    let q = l;
    if (addTrend) {
      phib = damp * b;
      q = l + phib;
    } else if (mulTrend) {
      phib = b > 0 ? Math.pow(b, damp) : b;
      q = l * phib;
    }
    const f = !seasonal ? q : addSeason ? q + s : q * s;

    let e = yt - f;
    if (mulError) {
      if (Math.abs(f) < TINY) return Number.POSITIVE_INFINITY;
      e /= f;
      product *= Math.abs(f);
      if (product > 1e150 || product < 1e-150) {
        sumLog += Math.log(product);
        product = 1;
      }
    }
    sse += e * e;

    let p = yt;
    if (seasonal) {
      if (addSeason) p = yt - s;
      else if (Math.abs(s) < TINY) return Number.POSITIVE_INFINITY;
      else p = yt / s;
    }
    const newL = q + alpha * (p - q);
    if (addTrend) b = phib + betaStar * (newL - l - phib);
    else if (mulTrend) {
      if (Math.abs(l) < TINY) return Number.POSITIVE_INFINITY;
      b = phib + betaStar * (newL / l - phib);
    }
    if (seasonal) {
      let target = yt - q;
      if (!addSeason) {
        if (Math.abs(q) < TINY) return Number.POSITIVE_INFINITY;
        target = yt / q;
      }
      scratch[phase] = s + gamma * (target - s);
    }
    l = newL;
    phase = phase + 1 === m ? 0 : phase + 1;
  }

  sumLog += Math.log(product);
  const value = n * Math.log(sse + floor) + 2 * sumLog;
  return Number.isFinite(value) ? value : Number.POSITIVE_INFINITY;
}
