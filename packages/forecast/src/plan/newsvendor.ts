import { CountDistribution } from '../random/count-distribution';
import { ForecastInputError, requireCount } from '../preorder/errors';
import {
  criticalRatio,
  requireEconomics,
  type PlanEconomics,
} from './economics';

/**
 * What making `quantity` units implies against a demand distribution.
 *
 * @example evaluatePlan(demand, 120, economics).expectedLeftover
 */
export interface PlanOutcome {
  readonly quantity: number;
  /** E[min(quantity, demand)]. */
  readonly expectedSold: number;
  /** E[max(quantity − demand, 0)]: the waste. */
  readonly expectedLeftover: number;
  /** P(demand >= quantity): every unit goes. */
  readonly probSellOut: number;
  /** E[max(demand − quantity, 0)]: the lost sales. */
  readonly expectedStockouts: number;
  /** Expected margin in whole cents (rounded once, here). */
  readonly expectedMarginCents: number;
}

/**
 * A recommended production quantity: the newsvendor quantile of demand
 * and, on top, the contingency kept back for resellers.
 *
 * @example planProduction(demand, economics, { contingency: 0.2 }).produce
 */
export interface ProductionPlan {
  readonly criticalRatio: number;
  /** The newsvendor quantity: the critical-ratio quantile of demand. */
  readonly quantity: number;
  /** Units kept back for resellers (wholesale), on top of `quantity`. */
  readonly contingencyUnits: number;
  /** quantity + contingencyUnits: what to make. */
  readonly produce: number;
  /** Sales, waste and margin of `quantity` against the demand. */
  readonly outcome: PlanOutcome;
}

/**
 * Evaluates any quantity (the recommended one, or one a maker types in).
 *
 * @example evaluatePlan(CountDistribution.fromWeights(0, [1, 1]), 1, e).expectedSold // 0.5
 */
export function evaluatePlan(
  demand: CountDistribution,
  quantity: number,
  economics: PlanEconomics,
): PlanOutcome {
  requireCount(quantity, 'quantity');
  requireEconomics(economics);

  let sold = 0;
  for (let k = 0; k < quantity; k++) {
    sold += CountDistribution.probAtLeast(demand, k + 1);
  }
  const leftover = quantity - sold;
  const meanDemand = CountDistribution.mean(demand);
  const { priceCents: p, unitCostCents: c, salvageCents: s } = economics;

  return {
    quantity,
    expectedSold: sold,
    expectedLeftover: leftover,
    probSellOut: CountDistribution.probAtLeast(demand, quantity),
    expectedStockouts: Math.max(0, meanDemand - sold),
    expectedMarginCents: Math.round(p * sold + s * leftover - c * quantity),
  };
}

/**
 * The newsvendor plan: make the smallest quantity whose chance of
 * covering demand reaches the critical ratio, then add the contingency
 * (a share of that quantity, rounded up). Never negative.
 *
 * @example planProduction(demand, { priceCents: 100, unitCostCents: 30, salvageCents: 0 })
 */
export function planProduction(
  demand: CountDistribution,
  economics: PlanEconomics,
  options: { readonly contingency?: number } = {},
): ProductionPlan {
  const contingency = options.contingency ?? 0;
  if (!(contingency >= 0 && contingency <= 1)) {
    throw new ForecastInputError(
      'bad-probability',
      'contingency must be a share between 0 and 1',
    );
  }

  const ratio = criticalRatio(economics);
  const quantity = ratio <= 0 ? 0 : CountDistribution.quantile(demand, ratio);
  const contingencyUnits = Math.ceil(quantity * contingency - 1e-9);
  return {
    criticalRatio: ratio,
    quantity,
    contingencyUnits,
    produce: quantity + contingencyUnits,
    outcome: evaluatePlan(demand, quantity, economics),
  };
}

/**
 * The margin in cents that `quantity` made once demand is known.
 *
 * @example realisedMarginCents(10, 12, { priceCents: 100, unitCostCents: 30, salvageCents: 0 }) // 700
 */
export function realisedMarginCents(
  quantity: number,
  demand: number,
  economics: PlanEconomics,
): number {
  const { priceCents: p, unitCostCents: c, salvageCents: s } = economics;
  const sold = Math.min(quantity, demand);
  return p * sold + s * (quantity - sold) - c * quantity;
}

/**
 * The demand for a run: the sum of independent parts (preorders, walk-in
 * at the stall, pickups), as one distribution.
 *
 * @example combineDemand([preorders, walkIn])
 */
export function combineDemand(
  parts: readonly CountDistribution[],
): CountDistribution {
  const [first, ...rest] = parts;
  if (first === undefined) {
    throw new ForecastInputError('empty-input', 'no demand parts to combine');
  }
  return rest.reduce(CountDistribution.convolve, first);
}
