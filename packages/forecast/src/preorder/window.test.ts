import { describe, expect, it } from 'vitest';
import { ForecastInputError } from './errors';
import { observeDrop, windowFraction } from './window';

const HOUR = 3_600_000;
const window = { startMs: 10 * HOUR, endMs: 82 * HOUR };

describe('windowFraction and observeDrop', () => {
  it('places a moment in a 72-hour window', () => {
    expect(windowFraction(28 * HOUR, window)).toBe(0.25);
    expect(windowFraction(4 * HOUR, window)).toBeCloseTo(-1 / 12, 12);
  });

  it('counts the orders placed by now, early ones included', () => {
    const times = [9 * HOUR, 11 * HOUR, 27 * HOUR, 40 * HOUR];

    expect(observeDrop(times, window, 28 * HOUR)).toEqual({
      at: 0.25,
      count: 3,
    });
  });

  it('rejects a window that ends before it starts', () => {
    expect(() => windowFraction(0, { startMs: 5, endMs: 5 })).toThrow(
      ForecastInputError,
    );
  });
});
