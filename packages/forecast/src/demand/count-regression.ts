import {
  ForecastInputError,
  requireCount,
  requireFiniteNumber,
} from '../preorder/errors';
import { CountDistribution } from '../random/count-distribution';

/**
 * One past day of a place: what was counted (walk-in visitors who bought
 * at a pop-up, pickups in a slot or at a hub), its day of the week (0 =
 * Sunday, in the place's own time zone, computed by the caller) and an
 * optional covariate (rain: 0/1 or millimetres).
 *
 * @example const day: DemandDay = { dayOfWeek: 6, covariate: 1, count: 38 };
 */
export interface DemandDay {
  readonly dayOfWeek: number;
  readonly covariate?: number;
  readonly count: number;
}

/**
 * A fitted count model: log mean = level + day effect + slope ×
 * covariate, with negative binomial spread (size Infinity is Poisson).
 *
 * @example predictDemand(fitDemand(days), { dayOfWeek: 6 })
 */
export interface DemandModel {
  readonly level: number;
  /** Seven log effects, Sunday first, shrunk towards 0. */
  readonly dayEffects: readonly number[];
  readonly slope: number;
  /** The covariate values seen; predictions clamp to them (no extrapolation). */
  readonly covariateRange: readonly [number, number];
  readonly size: number;
  readonly days: number;
}

/** Options of {@link fitDemand}. */
export interface DemandFitOptions {
  /**
   * Ridge penalty on the day effects and the slope: the weight, in days
   * of evidence, of the belief that they are zero (default 3). Sparse
   * weekdays stay near the overall level.
   */
  readonly shrinkage?: number;
}

const PARAMS = 9;

/**
 * Fits a Poisson log-linear model with day-of-week effects and one
 * covariate by penalised Newton steps (the ridge does the shrinkage),
 * then the negative binomial size by moments of the residuals.
 *
 * Throws `empty-input` for no days: there is nothing to learn from.
 *
 * @example fitDemand([{ dayOfWeek: 6, count: 30 }, { dayOfWeek: 0, count: 12 }])
 */
export function fitDemand(
  days: readonly DemandDay[],
  options: DemandFitOptions = {},
): DemandModel {
  if (days.length === 0) {
    throw new ForecastInputError('empty-input', 'no past days to learn from');
  }
  for (const d of days) requireDay(d);
  const shrinkage = options.shrinkage ?? 3;

  const mean = days.reduce((s, d) => s + d.count, 0) / days.length;
  const theta = new Float64Array(PARAMS);
  theta[0] = Math.log(mean + 0.1);
  const scale = covariateScale(days);

  for (let iter = 0; iter < 25; iter++) {
    const grad = new Float64Array(PARAMS);
    const hess = Array.from({ length: PARAMS }, () => new Float64Array(PARAMS));
    for (const d of days) {
      const x = features(d, scale);
      const mu = Math.exp(dot(theta, x));
      for (let i = 0; i < PARAMS; i++) {
        grad[i] = (grad[i] ?? 0) + (x[i] ?? 0) * (d.count - mu);
        for (let j = 0; j < PARAMS; j++) {
          const row = hess[i]!;
          row[j] = (row[j] ?? 0) + (x[i] ?? 0) * (x[j] ?? 0) * mu;
        }
      }
    }
    // The penalty is in units of the average day's mean, so "3 days of
    // evidence" means the same for a quiet hub and a busy stall.
    const weight = shrinkage * Math.max(mean, 0.1);
    for (let i = 1; i < PARAMS; i++) {
      grad[i] = (grad[i] ?? 0) - weight * (theta[i] ?? 0);
      hess[i]![i] = (hess[i]![i] ?? 0) + weight;
    }
    hess[0]![0] = (hess[0]![0] ?? 0) + 1e-9;

    const step = solve(hess, grad);
    let change = 0;
    for (let i = 0; i < PARAMS; i++) {
      const s = Math.max(-2, Math.min(2, step[i] ?? 0));
      theta[i] = (theta[i] ?? 0) + s;
      change = Math.max(change, Math.abs(s));
    }
    if (change < 1e-8) break;
  }

  const model = {
    level: theta[0] ?? 0,
    dayEffects: Array.from({ length: 7 }, (_, k) => theta[k + 1] ?? 0),
    slope: (theta[8] ?? 0) / scale,
    covariateRange: covariateRange(days),
    size: Infinity,
    days: days.length,
  };
  return { ...model, size: fitSize(days, model) };
}

/**
 * The predictive distribution of a count on a day to come.
 *
 * @example CountDistribution.quantile(predictDemand(model, { dayOfWeek: 6, covariate: 1 }), 0.9)
 */
export function predictDemand(
  model: DemandModel,
  day: { readonly dayOfWeek: number; readonly covariate?: number },
): CountDistribution {
  requireDay({ ...day, count: 0 });
  return CountDistribution.fromNegBinomial(
    model.size,
    expectedDemand(model, day),
  );
}

/** The mean count on a day. @example expectedDemand(model, { dayOfWeek: 0 }) */
export function expectedDemand(
  model: DemandModel,
  day: { readonly dayOfWeek: number; readonly covariate?: number },
): number {
  const effect = model.dayEffects[day.dayOfWeek] ?? 0;
  const [low, high] = model.covariateRange;
  const x = Math.min(high, Math.max(low, day.covariate ?? 0));
  const log = model.level + effect + model.slope * x;
  return Math.exp(Math.min(log, 30));
}

function fitSize(days: readonly DemandDay[], model: DemandModel): number {
  let excess = 0;
  let squares = 0;
  for (const d of days) {
    const mu = expectedDemand(model, d);
    excess += (d.count - mu) ** 2 - d.count;
    squares += mu * mu;
  }
  if (days.length < 3 || excess <= 0 || squares <= 0) return Infinity;
  return Math.max(0.5, squares / excess);
}

function requireDay(d: DemandDay): void {
  requireCount(d.count, 'count');
  if (!Number.isInteger(d.dayOfWeek) || d.dayOfWeek < 0 || d.dayOfWeek > 6) {
    throw new ForecastInputError('bad-window', 'dayOfWeek must be 0 to 6');
  }
  if (d.covariate !== undefined) requireFiniteNumber(d.covariate, 'covariate');
}

function covariateScale(days: readonly DemandDay[]): number {
  const top = Math.max(...days.map((d) => Math.abs(d.covariate ?? 0)));
  return Math.max(top, 1);
}

function covariateRange(days: readonly DemandDay[]): [number, number] {
  const xs = days.map((d) => d.covariate ?? 0);
  return [Math.min(...xs), Math.max(...xs)];
}

function features(d: DemandDay, scale: number): Float64Array {
  const x = new Float64Array(PARAMS);
  x[0] = 1;
  x[d.dayOfWeek + 1] = 1;
  x[8] = (d.covariate ?? 0) / scale;
  return x;
}

function dot(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] ?? 0) * (b[i] ?? 0);
  return s;
}

/** Gaussian elimination with partial pivoting, for the small systems here. */
function solve(m: Float64Array[], v: Float64Array): Float64Array {
  const n = v.length;
  const a = m.map((row, i) => [...row, v[i] ?? 0]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) {
      if (Math.abs(a[r]![col]!) > Math.abs(a[pivot]![col]!)) pivot = r;
    }
    [a[col], a[pivot]] = [a[pivot]!, a[col]!];
    const p = a[col]![col]!;
    if (Math.abs(p) < 1e-300) continue;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = a[r]![col]! / p;
      for (let c = col; c <= n; c++) a[r]![c] = a[r]![c]! - f * a[col]![c]!;
    }
  }
  return Float64Array.from({ length: n }, (_, i) => {
    const p = a[i]![i]!;
    return Math.abs(p) < 1e-300 ? 0 : a[i]![n]! / p;
  });
}
