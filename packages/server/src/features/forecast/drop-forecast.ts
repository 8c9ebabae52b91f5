import {
  DropForecast,
  evaluatePlan,
  forecastDropTotal,
  learnDropPrior,
  planProduction,
  windowFraction,
  type PlanOutcome,
  type ProductionPlan,
} from '@bottega/forecast';
import { problem } from '../../errors';
import type { Deps } from '../../platform/deps';
import { findDrop } from '../drops/drop-queries';
import { pastDrops, unitArrivals } from './drop-history';

/** What the maker asks of the forecast. */
export interface ForecastQuery {
  /** What a leftover unit is worth (a reseller's price, or 0). */
  readonly salvageCents?: number | undefined;
  /** A quantity to evaluate besides the recommended one. */
  readonly quantity?: number | undefined;
}

/** The live forecast of a drop and the production plan it implies. */
export interface DropForecastView {
  dropId: string;
  asOf: string;
  /** Where in the window we are: 0 at the opening, 1 at the close. */
  windowFraction: number;
  unitsSoFar: number;
  history: { shopDrops: number; coopDrops: number };
  forecast: {
    mean: number;
    quantiles: { p: number; units: number }[];
    minimumUnits: number | null;
    probMinimum: number | null;
  };
  plan: {
    criticalRatio: number;
    priceCents: number;
    unitCostCents: number;
    salvageCents: number;
    quantity: number;
    contingencyUnits: number;
    produce: number;
    outcome: OutcomeView;
  };
  whatIf: OutcomeView | null;
}

interface OutcomeView {
  quantity: number;
  expectedSold: number;
  expectedLeftover: number;
  probSellOut: number;
  expectedStockouts: number;
  expectedMarginCents: number;
}

/**
 * Forecasts a drop's final total from its orders so far and the history
 * of the shop and its co-op, and plans production with the newsvendor
 * rule plus the drop's contingency. Read at every call, so it follows the
 * orders as they arrive.
 */
export async function forecastDrop(
  deps: Deps,
  dropId: string,
  query: ForecastQuery,
): Promise<DropForecastView> {
  const db = deps.db.reader;
  const now = deps.clock.now();
  const drop = await findDrop(db, dropId);
  if (!drop) throw problem('not-found', `There is no drop ${dropId}`);

  const [arrivals, history, items] = await Promise.all([
    unitArrivals(db, dropId),
    pastDrops(db, drop.shop_id, Math.min(now, drop.opens_at)),
    db
      .selectFrom('drop_items as di')
      .innerJoin('variants as v', 'v.id', 'di.variant_id')
      .select(['di.cap', 'v.price_cents', 'v.unit_cost_cents'])
      .where('di.drop_id', '=', dropId)
      .execute(),
  ]);
  const window = { startMs: drop.opens_at, endMs: drop.closes_at };
  const at = windowFraction(now, window);
  const unitsSoFar = arrivals
    .filter((arrival) => arrival.at <= now)
    .reduce((sum, arrival) => sum + arrival.units, 0);

  const prior = learnDropPrior({ shop: history.shop, coop: history.coop });
  const forecast = forecastDropTotal(prior, {
    at,
    count: unitsSoFar,
    ...(drop.minimum_units === null ? {} : { minimum: drop.minimum_units }),
  });

  const economics = unitEconomics(items, query.salvageCents ?? 0);
  const plan = planProduction(forecast.distribution, economics, {
    contingency: drop.contingency_bp / 10_000,
  });
  const whatIf =
    query.quantity === undefined
      ? null
      : evaluatePlan(forecast.distribution, query.quantity, economics);

  return {
    dropId,
    asOf: new Date(now).toISOString(),
    windowFraction: round(Math.min(Math.max(at, 0), 1), 4),
    unitsSoFar,
    history: { shopDrops: history.shop.length, coopDrops: history.coop.length },
    forecast: {
      mean: round(forecast.mean, 1),
      quantiles: forecast.quantiles.map((q) => ({ p: q.p, units: q.value })),
      minimumUnits: drop.minimum_units,
      probMinimum:
        drop.minimum_units === null
          ? null
          : round(DropForecast.probAtLeast(forecast, drop.minimum_units), 4),
    },
    plan: presentPlan(plan, economics),
    whatIf: whatIf ? presentOutcome(whatIf) : null,
  };
}

/**
 * The price and unit cost of one unit of the drop: the variants' figures
 * weighted by their caps, in whole cents. A salvage value at or above the
 * cost makes no decision; it is refused.
 */
function unitEconomics(
  items: { cap: number; price_cents: number; unit_cost_cents: number }[],
  salvageCents: number,
) {
  const units = items.reduce((sum, item) => sum + item.cap, 0) || 1;
  const price = items.reduce((sum, i) => sum + i.cap * i.price_cents, 0);
  const cost = items.reduce((sum, i) => sum + i.cap * i.unit_cost_cents, 0);
  const economics = {
    priceCents: Math.round(price / units),
    unitCostCents: Math.round(cost / units),
    salvageCents,
  };
  if (salvageCents >= economics.unitCostCents) {
    throw problem(
      'validation-failed',
      `A leftover must be worth less than it costs (${economics.unitCostCents} cents)`,
      {
        errors: [
          {
            field: 'querystring.salvageCents',
            message: 'must be below the unit cost',
          },
        ],
      },
    );
  }
  return economics;
}

function presentPlan(
  plan: ProductionPlan,
  economics: {
    priceCents: number;
    unitCostCents: number;
    salvageCents: number;
  },
): DropForecastView['plan'] {
  return {
    criticalRatio: round(plan.criticalRatio, 4),
    ...economics,
    quantity: plan.quantity,
    contingencyUnits: plan.contingencyUnits,
    produce: plan.produce,
    outcome: presentOutcome(plan.outcome),
  };
}

function presentOutcome(outcome: PlanOutcome): OutcomeView {
  return {
    quantity: outcome.quantity,
    expectedSold: round(outcome.expectedSold, 1),
    expectedLeftover: round(outcome.expectedLeftover, 1),
    probSellOut: round(outcome.probSellOut, 4),
    expectedStockouts: round(outcome.expectedStockouts, 1),
    expectedMarginCents: outcome.expectedMarginCents,
  };
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
