import { ForecastInputError } from '../preorder/errors';
import { CountDistribution } from '../random/count-distribution';
import {
  expectedDemand,
  fitDemand,
  type DemandDay,
  type DemandFitOptions,
  type DemandModel,
} from './count-regression';

/**
 * Demand models of several places (pickup slots, hubs, stalls) that share
 * their day-of-week pattern and covariate: one model on all their days,
 * and per place a level factor shrunk towards 1.
 *
 * @example predictPlaceDemand(fitPlaces({ 'hub-a': daysA, 'hub-b': daysB }), 'hub-a', { dayOfWeek: 6 })
 */
export interface PlaceDemand {
  readonly pooled: DemandModel;
  /** Per place, the multiplier of the pooled mean. */
  readonly factors: Readonly<Record<string, number>>;
}

/**
 * Fits {@link PlaceDemand}. A place's factor is (counted + k) / (expected
 * + k), with k = `placeShrinkage` (default 5) expected units: a place
 * with little history keeps close to the pooled level.
 *
 * @example fitPlaces({ slot9: days9, slot11: days11 })
 */
export function fitPlaces(
  byPlace: Readonly<Record<string, readonly DemandDay[]>>,
  options: DemandFitOptions & { readonly placeShrinkage?: number } = {},
): PlaceDemand {
  const all = Object.values(byPlace).flat();
  if (all.length === 0) {
    throw new ForecastInputError('empty-input', 'no past days at any place');
  }

  const pooled = fitDemand(all, options);
  const k = options.placeShrinkage ?? 5;
  const factors: Record<string, number> = {};
  for (const [place, days] of Object.entries(byPlace)) {
    const counted = days.reduce((s, d) => s + d.count, 0);
    const expected = days.reduce((s, d) => s + expectedDemand(pooled, d), 0);
    factors[place] = (counted + k) / (expected + k);
  }
  return { pooled, factors };
}

/**
 * The predictive distribution of one place's count on a day to come (a
 * place never seen gets the pooled level).
 *
 * @example predictPlaceDemand(model, 'hub-a', { dayOfWeek: 6, covariate: 0 })
 */
export function predictPlaceDemand(
  model: PlaceDemand,
  place: string,
  day: { readonly dayOfWeek: number; readonly covariate?: number },
): CountDistribution {
  const factor = model.factors[place] ?? 1;
  const mean = expectedDemand(model.pooled, day) * factor;
  return CountDistribution.fromNegBinomial(model.pooled.size, mean);
}
