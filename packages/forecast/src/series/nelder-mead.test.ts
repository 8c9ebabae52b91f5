import { describe, expect, it } from 'vitest';

import { nelderMead } from './nelder-mead';

describe('nelderMead', () => {
  it('finds the minimum of a quadratic', () => {
    const r = nelderMead(
      ([x = 0, y = 0]) => (x - 3) ** 2 + (y + 1) ** 2,
      [0, 0],
    );
    expect(r.x[0]).toBeCloseTo(3, 3);
    expect(r.x[1]).toBeCloseTo(-1, 3);
  });

  it('finds the Rosenbrock valley floor', () => {
    const rosen = ([x = 0, y = 0]: readonly number[]) =>
      100 * (y - x * x) ** 2 + (1 - x) ** 2;
    const r = nelderMead(rosen, [-1.2, 1], {
      maxEvaluations: 5000,
      tolerance: 1e-14,
    });
    expect(r.x[0]).toBeCloseTo(1, 2);
    expect(r.x[1]).toBeCloseTo(1, 2);
  });

  it('stays in a feasible region marked by Infinity', () => {
    const f = ([x = 0]: readonly number[]) =>
      x < 0.5 ? Number.POSITIVE_INFINITY : x * x;
    const r = nelderMead(f, [2]);
    expect(r.x[0]).toBeGreaterThanOrEqual(0.5);
    expect(r.x[0]).toBeCloseTo(0.5, 2);
  });
});
