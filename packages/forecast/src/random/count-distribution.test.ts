import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CountDistribution } from './count-distribution';
import { createRng } from './rng';
import {
  digamma,
  inverseDigamma,
  inverseTrigamma,
  logGamma,
  trigamma,
} from './special';

describe('CountDistribution', () => {
  it('reads quantiles and tails of a small distribution', () => {
    const d = CountDistribution.fromWeights(10, [1, 2, 1]);

    expect(CountDistribution.quantile(d, 0.25)).toBe(10);
    expect(CountDistribution.quantile(d, 0.5)).toBe(11);
    expect(CountDistribution.quantile(d, 0.9)).toBe(12);
    expect(CountDistribution.probAtLeast(d, 11)).toBeCloseTo(0.75, 12);
    expect(CountDistribution.mean(d)).toBeCloseTo(11, 12);
    expect(CountDistribution.variance(d)).toBeCloseTo(0.5, 12);
  });

  it('builds a negative binomial with its mean and variance', () => {
    const d = CountDistribution.fromNegBinomial(2, 10);

    expect(CountDistribution.mean(d)).toBeCloseTo(10, 6);
    expect(CountDistribution.variance(d)).toBeCloseTo(10 + 100 / 2, 4);
  });

  it('keeps quantiles ordered for any weights', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 5, noNaN: true }), {
          minLength: 1,
          maxLength: 30,
        }),
        (w) => {
          fc.pre(w.some((x) => x > 0));
          const d = CountDistribution.fromWeights(0, w);
          const qs = [0.05, 0.25, 0.5, 0.75, 0.95].map((p) =>
            CountDistribution.quantile(d, p),
          );

          expect([...qs].sort((a, b) => a - b)).toEqual(qs);
        },
      ),
    );
  });
});

describe('special functions and the seeded generator', () => {
  it('matches known values', () => {
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 10);
    expect(digamma(1)).toBeCloseTo(-0.5772156649, 9);
    expect(trigamma(1)).toBeCloseTo(Math.PI ** 2 / 6, 9);
    expect(inverseTrigamma(Math.PI ** 2 / 6)).toBeCloseTo(1, 6);
    expect(inverseDigamma(digamma(2.5))).toBeCloseTo(2.5, 8);
  });

  it('repeats its sequence for a seed', () => {
    const a = createRng(42);
    const b = createRng(42);
    const xs = [a(), a(), a()];

    expect([b(), b(), b()]).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});
