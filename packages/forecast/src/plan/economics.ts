import { ForecastInputError } from '../preorder/errors';

/**
 * The money side of a production decision, in integer euro cents per unit
 * (plain numbers or the domain's branded `Cents`): what a unit sells for,
 * what it costs to make, and what a leftover unit is worth (to a reseller,
 * at a discount, or 0).
 *
 * @example const e: PlanEconomics = { priceCents: 4500, unitCostCents: 1800, salvageCents: 900 };
 */
export interface PlanEconomics {
  readonly priceCents: number;
  readonly unitCostCents: number;
  readonly salvageCents: number;
}

/**
 * The newsvendor critical ratio (p − c) / (p − s): the share of demand
 * scenarios the best quantity should cover. Clamped at 0 when a unit
 * costs more than it sells for.
 *
 * Throws `bad-price` for non-integer or negative cents, a price not above
 * the salvage value, or a salvage value not below the cost (leftovers
 * would then be free and any quantity would do).
 *
 * @example criticalRatio({ priceCents: 100, unitCostCents: 30, salvageCents: 0 }) // 0.7
 */
export function criticalRatio(economics: PlanEconomics): number {
  requireEconomics(economics);
  const { priceCents: p, unitCostCents: c, salvageCents: s } = economics;
  return Math.max(0, (p - c) / (p - s));
}

/** Throws `bad-price` unless the economics describe a real decision. */
export function requireEconomics(economics: PlanEconomics): void {
  const { priceCents: p, unitCostCents: c, salvageCents: s } = economics;
  for (const [name, v] of [
    ['priceCents', p],
    ['unitCostCents', c],
    ['salvageCents', s],
  ] as const) {
    if (!Number.isInteger(v) || v < 0) {
      throw new ForecastInputError(
        'bad-price',
        `${name} must be whole cents >= 0`,
      );
    }
  }
  if (p <= s) {
    throw new ForecastInputError(
      'bad-price',
      'the price must exceed the salvage value',
    );
  }
  if (c <= s) {
    throw new ForecastInputError(
      'bad-price',
      'the salvage value must be below the unit cost',
    );
  }
}
