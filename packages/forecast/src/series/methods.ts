import { combine } from './combine';
import { adida, imapa } from './intermittent/aggregate';
import { croston, sba } from './intermittent/croston';
import { tsb } from './intermittent/tsb';
import type { SeriesMethod } from './method';
import { naive, naive2, snaive, zero } from './naive';
import { damped, ets, holt, ses } from './smoothing';
import { theta } from './theta';

/**
 * Every method by name. `comb` is the mean of SES, damped trend and Theta;
 * `comb-m4` is the M4 benchmark Comb (SES, Holt, damped).
 */
export const METHODS: Readonly<Record<string, SeriesMethod>> = Object.freeze({
  naive,
  snaive,
  naive2,
  zero,
  ses,
  holt,
  damped,
  ets,
  theta,
  comb: combine('comb', [ses, damped, theta]),
  'comb-m4': combine('comb-m4', [ses, holt, damped]),
  croston: (y, o) => croston(y, o),
  sba: (y, o) => sba(y, o),
  tsb,
  adida,
  imapa,
});

/** Names of the methods that `auto` chooses among for regular demand. */
export const REGULAR_CANDIDATES: readonly string[] = Object.freeze([
  'ets',
  'theta',
  'damped',
  'comb',
]);

/** Names of the methods that `auto` chooses among for intermittent demand. */
export const INTERMITTENT_CANDIDATES: readonly string[] = Object.freeze([
  'sba',
  'tsb',
  'adida',
  'imapa',
]);

/**
 * True when a series is intermittent: more than a quarter of its periods
 * have no demand.
 *
 * @example isIntermittent([0, 0, 3, 0]) // true
 */
export function isIntermittent(values: readonly number[]): boolean {
  const zeros = values.filter((v) => v === 0).length;
  return zeros > values.length / 4;
}
