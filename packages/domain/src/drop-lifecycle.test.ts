import { describe, expect, it } from 'vitest';
import { dropPhase, settlementOutcome, windowProblem } from './drop-lifecycle';

const H = 3_600_000;

describe('drop lifecycle', () => {
  const window = { opensAt: 100 * H, closesAt: 172 * H };

  it('derives open and closed from the clock', () => {
    expect(dropPhase('scheduled', window, 99 * H)).toBe('scheduled');
    expect(dropPhase('scheduled', window, 100 * H)).toBe('open');
    expect(dropPhase('scheduled', window, 172 * H - 1)).toBe('open');
    expect(dropPhase('scheduled', window, 172 * H)).toBe('closed');
    expect(dropPhase('failed', window, 120 * H)).toBe('failed');
  });

  it('accepts 48 to 96 hour windows only', () => {
    expect(windowProblem({ opensAt: 0, closesAt: 48 * H })).toBeNull();
    expect(windowProblem({ opensAt: 0, closesAt: 96 * H })).toBeNull();
    expect(windowProblem({ opensAt: 0, closesAt: 47 * H })).toMatch(/47/);
    expect(windowProblem({ opensAt: 0, closesAt: 97 * H })).toMatch(/97/);
    expect(windowProblem({ opensAt: 10, closesAt: 5 })).not.toBeNull();
  });

  it('settles all-or-nothing drops on their minimum', () => {
    expect(settlementOutcome(99, 100)).toBe('failed');
    expect(settlementOutcome(100, 100)).toBe('confirmed');
    expect(settlementOutcome(0, null)).toBe('confirmed');
  });
});
