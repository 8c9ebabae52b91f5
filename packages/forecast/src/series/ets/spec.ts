/** How the error enters: additive or multiplicative (relative). */
export type ErrorType = 'A' | 'M';
/** Trend component: none, additive, multiplicative. */
export type TrendType = 'N' | 'A' | 'M';
/** Seasonal component: none, additive, multiplicative. */
export type SeasonType = 'N' | 'A' | 'M';

/**
 * One member of the ETS family (Hyndman, Koehler, Ord & Snyder 2008).
 *
 * @example const holtDamped: EtsSpec = { error: 'A', trend: 'A', damped: true, season: 'N', period: 1 };
 */
export interface EtsSpec {
  readonly error: ErrorType;
  readonly trend: TrendType;
  readonly damped: boolean;
  readonly season: SeasonType;
  /** Seasonal period; 1 when `season` is `'N'`. */
  readonly period: number;
}

/** Smoothing parameters; `beta`, `gamma`, `phi` unused when absent. */
export interface EtsParams {
  readonly alpha: number;
  readonly beta: number;
  readonly gamma: number;
  readonly phi: number;
}

/**
 * The state vector in R's order: level, growth, then seasonal terms from
 * the newest (`season[0]`) to the oldest (`season[m - 1]`, the one used by
 * the next one-step forecast).
 */
export interface EtsState {
  readonly level: number;
  readonly growth: number;
  readonly season: readonly number[];
}

/**
 * The short name of a spec, e.g. `ETS(M,Ad,N)`.
 *
 * @example etsName({ error: 'A', trend: 'A', damped: true, season: 'N', period: 1 }) // 'ETS(A,Ad,N)'
 */
export function etsName(spec: EtsSpec): string {
  const trend = spec.trend + (spec.damped && spec.trend !== 'N' ? 'd' : '');
  return `ETS(${spec.error},${trend},${spec.season})`;
}
