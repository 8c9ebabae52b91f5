import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CountDistribution } from '../random/count-distribution';
import {
  expectedDemand,
  fitDemand,
  predictDemand,
  type DemandDay,
} from './count-regression';
import { fitPlaces, predictPlaceDemand } from './pooled';

const weeks = (saturday: number, sunday: number, n: number): DemandDay[] =>
  Array.from({ length: n }, () => [
    { dayOfWeek: 6, count: saturday },
    { dayOfWeek: 0, count: sunday },
  ]).flat();

describe('fitDemand', () => {
  it('recovers day-of-week means with ample data and no shrinkage', () => {
    const model = fitDemand(weeks(40, 10, 20), { shrinkage: 0 });

    expect(expectedDemand(model, { dayOfWeek: 6 })).toBeCloseTo(40, 4);
    expect(expectedDemand(model, { dayOfWeek: 0 })).toBeCloseTo(10, 4);
  });

  it('keeps an unseen weekday at the overall level and shrinks sparse ones', () => {
    const model = fitDemand(weeks(40, 10, 1));
    const saturday = expectedDemand(model, { dayOfWeek: 6 });

    expect(saturday).toBeGreaterThan(25);
    expect(saturday).toBeLessThan(40);
    expect(expectedDemand(model, { dayOfWeek: 3 })).toBeCloseTo(
      Math.exp(model.level),
      12,
    );
  });

  it('learns that rain lowers walk-ins', () => {
    const days = Array.from({ length: 30 }, (_, i) => ({
      dayOfWeek: 6,
      covariate: i % 2,
      count: i % 2 === 1 ? 12 : 30,
    }));
    const model = fitDemand(days, { shrinkage: 0 });

    expect(expectedDemand(model, { dayOfWeek: 6, covariate: 1 })).toBeCloseTo(
      12,
      3,
    );
    expect(model.slope).toBeCloseTo(Math.log(12 / 30), 4);
  });

  it('rejects an empty history', () => {
    expect(() => fitDemand([])).toThrow(/no past days/);
  });

  it('pools places and shrinks a new one to the pooled level', () => {
    const model = fitPlaces({ a: weeks(20, 20, 10), b: weeks(5, 5, 10) });

    const a = CountDistribution.mean(
      predictPlaceDemand(model, 'a', { dayOfWeek: 6 }),
    );
    const b = CountDistribution.mean(
      predictPlaceDemand(model, 'b', { dayOfWeek: 6 }),
    );
    const fresh = CountDistribution.mean(
      predictPlaceDemand(model, 'c', { dayOfWeek: 6 }),
    );

    expect(a).toBeGreaterThan(fresh);
    expect(b).toBeLessThan(fresh);
  });

  it('never yields NaN for any history', () => {
    const day = fc.record({
      dayOfWeek: fc.integer({ min: 0, max: 6 }),
      covariate: fc.double({ min: 0, max: 30, noNaN: true }),
      count: fc.nat(200),
    });
    fc.assert(
      fc.property(fc.array(day, { minLength: 1, maxLength: 40 }), (days) => {
        const d = predictDemand(fitDemand(days), {
          dayOfWeek: 5,
          covariate: 3,
        });
        const qs = [0.05, 0.5, 0.95].map((p) =>
          CountDistribution.quantile(d, p),
        );

        expect(qs.every(Number.isFinite)).toBe(true);
        expect(Number.isFinite(CountDistribution.mean(d))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
