import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CountDistribution } from '../random/count-distribution';
import { allocateRun } from './allocate';

describe('allocateRun', () => {
  it('sends each unit where the next one is likeliest to sell', () => {
    // Hub: demand 2 for sure. Stall: 0 or 4, even odds.
    const hub = { id: 'hub', demand: CountDistribution.point(2) };
    const stall = {
      id: 'stall',
      demand: CountDistribution.fromWeights(0, [1, 0, 0, 0, 1]),
    };

    const result = allocateRun(4, [hub, stall]);

    expect(result.sites.map((s) => s.units)).toEqual([2, 2]);
    expect(result.sites[1]?.expectedSold).toBeCloseTo(1, 12);
    expect(result.sites[1]?.expectedLostSales).toBeCloseTo(1, 12);
    expect(result.sites[1]?.expectedLeftover).toBeCloseTo(1, 12);
    expect(result.unallocated).toBe(0);
  });

  it('stops at the capacities and reports what is left', () => {
    const a = { id: 'a', demand: CountDistribution.point(10), capacity: 3 };
    const b = { id: 'b', demand: CountDistribution.point(10), capacity: 4 };

    const result = allocateRun(10, [a, b]);

    expect(result.sites.map((s) => s.units)).toEqual([3, 4]);
    expect(result.unallocated).toBe(3);
  });

  it('sums to the run and respects every capacity', () => {
    const site = fc.record({
      weights: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), {
        minLength: 1,
        maxLength: 20,
      }),
      capacity: fc.option(fc.nat(30), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc.array(site, { minLength: 1, maxLength: 5 }),
        fc.nat(80),
        (raw, run) => {
          fc.pre(raw.every((s) => s.weights.some((w) => w > 0)));
          const sites = raw.map((s, i) => ({
            id: `s${i}`,
            demand: CountDistribution.fromWeights(0, s.weights),
            ...(s.capacity === undefined ? {} : { capacity: s.capacity }),
          }));

          const result = allocateRun(run, sites);
          const given = result.sites.reduce((sum, s) => sum + s.units, 0);

          expect(given + result.unallocated).toBe(run);
          result.sites.forEach((s, i) => {
            expect(s.units).toBeGreaterThanOrEqual(0);
            expect(s.units).toBeLessThanOrEqual(raw[i]?.capacity ?? Infinity);
          });
          if (result.unallocated > 0) {
            expect(raw.every((s) => s.capacity !== undefined)).toBe(true);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
