import { describe, expect, it } from 'vitest';
import {
  negBinomialPmf,
  negBinomialQuantile,
  sampleGamma,
  sampleNegBinomial,
  samplePoisson,
} from './distributions';
import { createRng } from './rng';

function meanOf(draw: () => number, n = 4000): number {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += draw();
  return sum / n;
}

describe('seeded draws', () => {
  it('have the means of their laws', () => {
    const rng = createRng(2026);

    expect(meanOf(() => sampleGamma(rng, 0.5, 0.25))).toBeCloseTo(2, 0);
    expect(meanOf(() => samplePoisson(rng, 3))).toBeCloseTo(3, 0);
    expect(meanOf(() => samplePoisson(rng, 80))).toBeCloseTo(80, 0);
    expect(meanOf(() => sampleNegBinomial(rng, 2, 10))).toBeCloseTo(10, 0);
  });
});

describe('negative binomial', () => {
  it('has the textbook mass and quantiles', () => {
    // size 1, mean 1: geometric with p = 1/2.
    expect(negBinomialPmf(0, 1, 1)).toBeCloseTo(0.5, 12);
    expect(negBinomialPmf(2, 1, 1)).toBeCloseTo(0.125, 12);
    expect(negBinomialQuantile(0.5, 1, 1)).toBe(0);
    expect(negBinomialQuantile(0.8, 1, 1)).toBe(2);
    expect(negBinomialQuantile(0.5, Infinity, 2000)).toBe(2000);
  });
});
