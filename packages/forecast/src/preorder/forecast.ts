import type { QuantilePoint } from '../metrics/types';
import { CountDistribution } from '../random/count-distribution';
import { logGamma } from '../random/special';
import { requireCount, requireFiniteNumber } from './errors';
import type { DropPrior } from './prior';
import { ArrivalShape } from './shape';

/**
 * A drop as seen now: `count` orders by fraction `at` of its window
 * (orders placed before the opening count; `at` below 0 means the window
 * has not opened yet, above 1 that it is over).
 *
 * @example const seen: DropObservation = { at: 0.25, count: 31, minimum: 80 };
 */
export interface DropObservation {
  readonly at: number;
  readonly count: number;
  /** The drop's all-or-nothing minimum, if it has one. */
  readonly minimum?: number;
  /**
   * A total known from outside to be reached (a wholesale commitment, or
   * in a backtest a data set that only lists drops with an order): the
   * forecast is conditioned on final >= atLeast while the window is open.
   */
  readonly atLeast?: number;
}

/**
 * The predictive distribution of a drop's final total.
 *
 * @example DropForecast.quantile(forecast, 0.9) // the 90 % upper bound
 */
export interface DropForecast {
  readonly at: number;
  readonly count: number;
  readonly mean: number;
  /** At 0.05, 0.1, 0.25, 0.5, 0.75, 0.9 and 0.95. */
  readonly quantiles: readonly QuantilePoint[];
  /** P(total >= minimum), or null when the drop has no minimum. */
  readonly probMinimum: number | null;
  readonly distribution: CountDistribution;
}

/** The probability levels every forecast reports. */
export const DROP_LEVELS = [0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95] as const;

/** Mass below this share of the largest term ends the posterior's tail. */
const TAIL = 1e-12;
/** A hard cap on the posterior's length, for absurd priors. */
const MAX_SPAN = 400_000;
/** Keeps the Beta of the observed share proper at t = 0 and t = 1. */
const EDGE = 1e-6;

/**
 * Forecasts a drop's final total from its orders so far.
 *
 * The final total N has a negative binomial prior (a Poisson count with
 * a Gamma rate, from {@link DropPrior}); the share of N ordered by now is
 * Beta around the learned arrival curve F(t), so the count so far is
 * beta-binomial given N. The posterior of N is computed exactly on the
 * counts from `count` up, by a ratio recurrence. Before any order it is
 * the prior predictive; with a Beta of zero width it is the textbook
 * Gamma(a + n, b + F(t)) update with a negative binomial remainder.
 *
 * Fallbacks: `at <= 0` uses F(0) (orders placed before the opening);
 * `at >= 1` (the window is over) returns all mass on `count`.
 *
 * @example forecastDropTotal(prior, { at: 0.25, count: 31 }).mean
 */
export function forecastDropTotal(
  prior: DropPrior,
  seen: DropObservation,
): DropForecast {
  requireFiniteNumber(seen.at, 'at');
  requireCount(seen.count, 'count');
  if (seen.minimum !== undefined) requireCount(seen.minimum, 'minimum');
  if (seen.atLeast !== undefined) requireCount(seen.atLeast, 'atLeast');

  const distribution =
    seen.at >= 1
      ? CountDistribution.point(seen.count)
      : CountDistribution.atLeast(
          posterior(prior, seen.count, Math.max(0, seen.at)),
          seen.atLeast ?? 0,
        );
  return describe(seen, distribution);
}

function posterior(prior: DropPrior, n: number, t: number): CountDistribution {
  const shares = shareBetas(prior, t);
  const priorRatio = totalPriorRatio(prior);
  let c = 0;
  while ((shares[c + 1]?.from ?? Infinity) <= n) c++;
  let { alpha, beta } = shares[c] ?? { alpha: 1, beta: 1 };

  // w(N) ∝ prior(N) · BetaBinomial(n; N, α, β), stepped from N = n by the
  // ratio w(N + 1) / w(N), in a linear scale rescaled when it grows. When
  // N enters the next size class, its Beta takes over (one correction).
  const weights: number[] = [];
  let w = 1;
  let peak = 1;
  for (let k = 0; k < MAX_SPAN; k++) {
    weights.push(w);
    const big = n + k;
    const before = w;
    w *=
      (priorRatio(big) * ((big + 1) * (k + beta))) /
      ((k + 1) * (big + alpha + beta));
    const next = shares[c + 1];
    if (next !== undefined && next.from === big + 1) {
      w *= Math.exp(
        logBetaBinomialCore(n, big + 1, next.alpha, next.beta) -
          logBetaBinomialCore(n, big + 1, alpha, beta),
      );
      ({ alpha, beta } = next);
      c++;
    }
    if (w > peak) peak = w;
    if (w < before && w < peak * TAIL) break;
    if (peak > 1e250) {
      for (let i = 0; i < weights.length; i++) {
        weights[i] = (weights[i] ?? 0) / peak;
      }
      w /= peak;
      peak = 1;
    }
  }
  return CountDistribution.fromWeights(n, weights);
}

/** The share Betas at fraction t, one per size class (at least one). */
function shareBetas(
  prior: DropPrior,
  t: number,
): { from: number; alpha: number; beta: number }[] {
  // Before the opening with no pre-orders expected, the share is 0: the
  // count so far says nothing and the forecast is the prior predictive.
  const closed = t <= 0 && ArrivalShape.at(prior.shape, 0) <= EDGE;
  const at = (alpha: Float64Array, beta: Float64Array) => ({
    alpha: closed ? EDGE : Math.max(EDGE, ArrivalShape.at(alpha, t)),
    beta: Math.max(EDGE, ArrivalShape.at(beta, t)),
  });
  if (prior.sizeClasses.length === 0) {
    return [{ from: 0, ...at(prior.shareAlpha, prior.shareBeta) }];
  }
  return prior.sizeClasses.map((s) => ({
    from: s.from,
    ...at(s.alpha, s.beta),
  }));
}

/** log B(n + α, N − n + β) − log B(α, β): the part of the beta-binomial
 * that depends on α and β. */
function logBetaBinomialCore(
  n: number,
  big: number,
  alpha: number,
  beta: number,
): number {
  return (
    logGamma(n + alpha) +
    logGamma(big - n + beta) -
    logGamma(big + alpha + beta) -
    logGamma(alpha) -
    logGamma(beta) +
    logGamma(alpha + beta)
  );
}

/** The ratio prior(N + 1) / prior(N) of the final total's prior. */
function totalPriorRatio(prior: DropPrior): (big: number) => number {
  switch (prior.family) {
    case 'gamma': {
      const a = prior.rate.shape;
      const q = 1 / (1 + prior.rate.rate);
      return (big) => (q * (big + a)) / (big + 1);
    }
    case 'lognormal': {
      const { mean, sd } = prior.logTotal;
      const density = (big: number): number => {
        const z = (Math.log(big + 0.5) - mean) / sd;
        return -0.5 * z * z - Math.log(big + 0.5);
      };
      return (big) => Math.exp(density(big + 1) - density(big));
    }
  }
}

function describe(
  seen: DropObservation,
  distribution: CountDistribution,
): DropForecast {
  return {
    at: seen.at,
    count: seen.count,
    mean: CountDistribution.mean(distribution),
    quantiles: DROP_LEVELS.map((p) => ({
      p,
      value: CountDistribution.quantile(distribution, p),
    })),
    probMinimum:
      seen.minimum === undefined
        ? null
        : CountDistribution.probAtLeast(distribution, seen.minimum),
    distribution,
  };
}

/** Companion functions of {@link DropForecast}. */
export const DropForecast = Object.freeze({
  /** Any quantile of the final total. @example quantile(f, 0.8) */
  quantile: (f: DropForecast, p: number): number =>
    CountDistribution.quantile(f.distribution, p),
  /** P(final total >= k). @example probAtLeast(f, 150) */
  probAtLeast: (f: DropForecast, k: number): number =>
    CountDistribution.probAtLeast(f.distribution, k),
});
