import { describe, expect, it } from 'vitest';

import { normalQuantile } from './normal';
import { createNormal, createRandom } from './random';

describe('normalQuantile', () => {
  it('matches tabulated values', () => {
    expect(normalQuantile(0.5)).toBeCloseTo(0, 9);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963985, 7);
    expect(normalQuantile(0.05)).toBeCloseTo(-1.644853627, 7);
    expect(normalQuantile(0.001)).toBeCloseTo(-3.090232306, 6);
  });
});

describe('createRandom', () => {
  it('repeats for a seed and stays in [0, 1)', () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(b()).toBe(xs[0]);
  });

  it('gives standard normal draws', () => {
    const z = createNormal(createRandom(3));
    const xs = Array.from({ length: 20000 }, () => z());
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(variance).toBeCloseTo(1, 1);
  });
});
