import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CountDistribution } from '../random/count-distribution';
import { criticalRatio } from './economics';
import { combineDemand, evaluatePlan, planProduction } from './newsvendor';

const uniform4 = CountDistribution.fromWeights(0, [1, 1, 1, 1]);
const economics = { priceCents: 100, unitCostCents: 40, salvageCents: 10 };

describe('planProduction', () => {
  it('takes the critical-ratio quantile and adds the contingency', () => {
    // ratio (100 − 40) / (100 − 10) = 2/3; P(D <= 2) = 0.75 >= 2/3.
    const plan = planProduction(uniform4, economics, { contingency: 0.2 });

    expect(plan.criticalRatio).toBeCloseTo(2 / 3, 12);
    expect(plan.quantity).toBe(2);
    expect(plan.contingencyUnits).toBe(1);
    expect(plan.produce).toBe(3);
  });

  it('reports sales, waste, stock-outs and margin of a quantity', () => {
    // Sold = P(D>=1) + P(D>=2) = 1.25; leftover 0.75; lost 1.5 − 1.25.
    const outcome = evaluatePlan(uniform4, 2, economics);

    expect(outcome.expectedSold).toBeCloseTo(1.25, 12);
    expect(outcome.expectedLeftover).toBeCloseTo(0.75, 12);
    expect(outcome.expectedStockouts).toBeCloseTo(0.25, 12);
    expect(outcome.probSellOut).toBeCloseTo(0.5, 12);
    // 100 × 1.25 + 10 × 0.75 − 40 × 2 = 52.5 cents, rounded once.
    expect(outcome.expectedMarginCents).toBe(53);
  });

  it('makes nothing when a unit costs more than it sells for', () => {
    const plan = planProduction(uniform4, {
      priceCents: 100,
      unitCostCents: 120,
      salvageCents: 0,
    });

    expect(plan.quantity).toBe(0);
    expect(plan.produce).toBe(0);
  });

  it('rejects a salvage value at or above the cost', () => {
    expect(() =>
      criticalRatio({ priceCents: 100, unitCostCents: 20, salvageCents: 20 }),
    ).toThrow(/salvage/);
  });

  it('adds independent demands', () => {
    const both = combineDemand([uniform4, CountDistribution.point(10)]);

    expect(CountDistribution.mean(both)).toBeCloseTo(11.5, 12);
  });

  it('never plans a negative quantity, and sold + leftover = quantity', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.nat(50),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        (raw, offset, price, cost, salvage) => {
          fc.pre(raw.some((w) => w > 0) && salvage < cost && salvage < price);
          const demand = CountDistribution.fromWeights(offset, raw);
          const e = {
            priceCents: price,
            unitCostCents: cost,
            salvageCents: salvage,
          };
          const plan = planProduction(demand, e, { contingency: 0.15 });

          expect(plan.quantity).toBeGreaterThanOrEqual(0);
          expect(plan.produce).toBeGreaterThanOrEqual(plan.quantity);
          const o = plan.outcome;
          expect(o.expectedSold + o.expectedLeftover).toBeCloseTo(
            plan.quantity,
            6,
          );
          expect(Number.isInteger(o.expectedMarginCents)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
