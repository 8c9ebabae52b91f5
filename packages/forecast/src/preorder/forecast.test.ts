import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ForecastInputError } from './errors';
import { DropForecast, forecastDropTotal } from './forecast';
import type { PastDrop } from './history';
import { learnDropPrior, type DropPrior } from './prior';
import { SHAPE_STEPS } from './shape';

/** A prior with a straight shape and a share fixed (very sharp Beta). */
function sharpPrior(a: number, b: number): DropPrior {
  const shape = new Float64Array(SHAPE_STEPS + 1).map(
    (_, g) => g / SHAPE_STEPS,
  );
  const sharp = 2e6;
  return {
    shape,
    shareAlpha: shape.map((f) => Math.max(f, 1e-6) * sharp),
    shareBeta: shape.map((f) => Math.max(1 - f, 1e-6) * sharp),
    sizeClasses: [],
    family: 'gamma',
    rate: { shape: a, rate: b },
    logTotal: { mean: 0, sd: 1 },
    evidence: { shop: 0, coop: 0 },
  };
}

function drop(times: readonly number[]): PastDrop {
  return { arrivals: times.map((at) => ({ at, count: 1 })) };
}

describe('forecastDropTotal', () => {
  it('is the Gamma–Poisson update when the share is known', () => {
    // λ ~ Gamma(2, 1); 4 orders by half the window: λ | n ~ Gamma(6, 1.5),
    // the rest is NB(size 6, mean 2), P(rest = 0) = 0.75^6.
    const f = forecastDropTotal(sharpPrior(2, 1), {
      at: 0.5,
      count: 4,
      minimum: 5,
    });

    expect(f.mean).toBeCloseTo(6, 3);
    expect(f.probMinimum).toBeCloseTo(1 - 0.75 ** 6, 4);
    expect(DropForecast.probAtLeast(f, 4)).toBe(1);
  });

  it('is the prior predictive before the window opens', () => {
    // N ~ NB(2, q = 1/2): mean 2, P(N = 0) = 0.25.
    const f = forecastDropTotal(sharpPrior(2, 1), { at: -0.2, count: 0 });

    expect(f.mean).toBeCloseTo(2, 3);
    expect(1 - DropForecast.probAtLeast(f, 1)).toBeCloseTo(0.25, 4);
  });

  it('conditions on a total known to be reached', () => {
    // N ~ NB(2, q = 1/2) given N >= 1: mean 2 / (1 − 0.25).
    const f = forecastDropTotal(sharpPrior(2, 1), {
      at: 0,
      count: 0,
      atLeast: 1,
    });

    expect(f.mean).toBeCloseTo(2 / 0.75, 3);
    expect(f.quantiles[0]?.value).toBe(1);
  });

  it('returns the count itself once the window is over', () => {
    const f = forecastDropTotal(sharpPrior(2, 1), {
      at: 1.3,
      count: 41,
      minimum: 50,
    });

    expect(f.quantiles.map((q) => q.value)).toEqual([
      41, 41, 41, 41, 41, 41, 41,
    ]);
    expect(f.probMinimum).toBe(0);
  });

  it('forecasts more for a shop whose past drops were bigger', () => {
    const small = Array.from({ length: 6 }, () => drop([0.1, 0.5, 0.9]));
    const big = Array.from({ length: 6 }, () =>
      drop(Array.from({ length: 60 }, (_, i) => i / 60)),
    );
    const seen = { at: 0.25, count: 3 };

    const fromSmall = forecastDropTotal(
      learnDropPrior({ shop: small, coop: small }),
      seen,
    );
    const fromBig = forecastDropTotal(
      learnDropPrior({ shop: big, coop: big }),
      seen,
    );

    expect(fromBig.mean).toBeGreaterThan(fromSmall.mean);
  });

  it('also runs on a log-normal prior of the total', () => {
    const coop = Array.from({ length: 8 }, (_, i) =>
      drop(Array.from({ length: 20 + 10 * i }, (_, k) => k / (20 + 10 * i))),
    );
    const prior = learnDropPrior({ coop, family: 'lognormal' });
    const f = forecastDropTotal(prior, { at: 0.5, count: 30 });
    const values = f.quantiles.map((q) => q.value);

    expect(prior.family).toBe('lognormal');
    expect([...values].sort((x, y) => x - y)).toEqual(values);
    expect(f.quantiles[3]?.value).toBeGreaterThan(45);
    expect(f.quantiles[3]?.value).toBeLessThan(90);
  });

  it('rejects NaN and negative counts with a code', () => {
    const prior = learnDropPrior({});

    expect(() =>
      forecastDropTotal(prior, { at: Number.NaN, count: 1 }),
    ).toThrow(ForecastInputError);
    let caught: unknown = null;
    try {
      forecastDropTotal(prior, { at: 0.5, count: -1 });
    } catch (e) {
      caught = e;
    }
    expect((caught as ForecastInputError | null)?.code).toBe('negative-count');
  });

  it('gives ordered, nested, finite answers for any history and moment', () => {
    const arrivals = fc.array(fc.double({ min: -0.2, max: 1.2, noNaN: true }), {
      maxLength: 30,
    });
    fc.assert(
      fc.property(
        fc.array(arrivals, { maxLength: 6 }),
        fc.array(arrivals, { maxLength: 6 }),
        fc.double({ min: -0.5, max: 1.5, noNaN: true }),
        fc.nat(200),
        fc.nat(300),
        (shop, coop, at, count, minimum) => {
          const prior = learnDropPrior({
            shop: shop.map(drop),
            coop: coop.map(drop),
          });
          const f = forecastDropTotal(prior, { at, count, minimum });
          const values = f.quantiles.map((q) => q.value);

          expect(values.every(Number.isFinite)).toBe(true);
          expect([...values].sort((x, y) => x - y)).toEqual(values);
          expect(values[0]).toBeGreaterThanOrEqual(count);
          expect(Number.isFinite(f.mean)).toBe(true);
          expect(f.probMinimum).toBeGreaterThanOrEqual(0);
          expect(f.probMinimum).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 150 },
    );
  });
});
