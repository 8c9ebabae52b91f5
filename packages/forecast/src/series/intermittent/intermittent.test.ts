import { describe, expect, it } from 'vitest';

import { adida, aggregate, imapa } from './aggregate';
import { croston, sba } from './croston';
import { demandProfile, demandQuantiles } from './demand';
import { tsb } from './tsb';

const o = { horizon: 3, period: 1, levels: [0.1, 0.5, 0.9], seed: 1 };

describe('demandProfile', () => {
  it('counts the first interval from the start of the series', () => {
    expect(demandProfile([0, 3, 0, 0, 2])).toEqual({
      sizes: [3, 2],
      intervals: [2, 3],
    });
  });
});

describe('croston and sba', () => {
  it('smooth sizes and intervals from their first values', () => {
    // z = 3 + 0.1 (2 - 3) = 2.9; p = 2 + 0.1 (3 - 2) = 2.1.
    const c = croston([0, 3, 0, 0, 2], o);
    expect(c.mean).toHaveLength(3);
    expect(c.mean[0]).toBeCloseTo(2.9 / 2.1, 12);
    expect(sba([0, 3, 0, 0, 2], o).mean[2]).toBeCloseTo((0.95 * 2.9) / 2.1, 12);
  });

  it('forecast zero for a series with no demand', () => {
    const c = croston([0, 0, 0], o);
    expect(c.mean).toEqual([0, 0, 0]);
    expect(c.quantiles[0]?.map((q) => q.value)).toEqual([0, 0, 0]);
  });
});

describe('tsb', () => {
  it('decays through a run of zeros', () => {
    const early = tsb([4, 4, 4, 4, 0, 0], o).mean[0] ?? 0;
    const late = tsb([4, 4, 4, 4, 0, 0, 0, 0, 0, 0], o).mean[0] ?? 0;
    expect(late).toBeLessThan(early);
    expect(late).toBeGreaterThan(0);
  });
});

describe('aggregation', () => {
  it('aligns blocks with the end of the series', () => {
    expect(aggregate([1, 2, 3, 4, 5], 2)).toEqual([5, 9]);
    expect(aggregate([1, 2, 3], 1)).toEqual([1, 2, 3]);
  });

  it('spreads the block forecast evenly', () => {
    // Mean interval 2: blocks [3, 3, 3] forecast 3, so 1.5 per period.
    const f = adida([0, 3, 0, 3, 0, 3], o);
    expect(f.mean[0]).toBeCloseTo(1.5, 12);
    expect(imapa([0, 3, 0, 3, 0, 3], o).mean[0]).toBeGreaterThan(0);
  });
});

describe('demandQuantiles', () => {
  it('is zero below the chance of no demand', () => {
    const q = demandQuantiles(0.25, 4, [2, 6], [0.5, 0.8, 0.99]);
    expect(q[0]?.value).toBe(0);
    // Within the sizes: (0.8 - 0.75) / 0.25 = 0.2, so 2 + 0.2 * 4 = 2.8.
    expect(q[1]?.value).toBeCloseTo(2.8, 12);
    expect(q[2]?.value).toBeCloseTo(5.84, 12);
  });
});
