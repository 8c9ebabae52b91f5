import { describe, expect, it } from 'vitest';
import { replayDrops, type BacktestDrop } from './drop-replay';
import { scoreDropForecast } from './drop-score';
import { PooledRatioBaseline } from './pooled-baseline';

const HOUR = 3_600_000;

/** Drops of 72 hours, one a day, with `size` orders spread evenly. */
function drops(sizes: readonly number[]): BacktestDrop[] {
  return sizes.map((size, i) => {
    const startMs = i * 24 * HOUR;
    const endMs = startMs + 72 * HOUR;
    return {
      id: `d${i}`,
      shop: `s${i % 3}`,
      coop: 'c',
      startMs,
      endMs,
      arrivals: Array.from({ length: size }, (_, k) => ({
        timeMs: startMs + ((k + 0.5) / size) * 72 * HOUR,
        count: 1,
      })),
    };
  });
}

describe('scoreDropForecast', () => {
  it('scales the pinball loss by the actual', () => {
    // One median at 8, actual 10: 0.5 × 2 / 10.
    const score = scoreDropForecast([{ p: 0.5, value: 8 }], 10);

    expect(score.scaledPinball).toBeCloseTo(0.1, 12);
    expect(score.scaledBias).toBeCloseTo(-0.2, 12);
  });
});

describe('PooledRatioBaseline', () => {
  it('grows the count so far by pooled ratios', () => {
    const base = PooledRatioBaseline.create();
    PooledRatioBaseline.add(base, 10, 30);

    // (5 + 1) × 31 / 11 − 1
    expect(PooledRatioBaseline.quantile(base, 5, 0.5)).toBeCloseTo(
      6 * (31 / 11) - 1,
      12,
    );
  });
});

describe('replayDrops', () => {
  it('scores drops that have enough history, beside the baseline', () => {
    const sizes = Array.from({ length: 40 }, (_, i) => 20 + (i % 5) * 4);
    const broken = { ...drops([3])[0]!, id: 'broken', endMs: -1 };
    const { moments: figures, rejected } = replayDrops(
      [...drops(sizes), broken],
      { moments: [0.25, 0.5], ratios: [0.5, 0.9], minHistory: 5 },
    );

    expect(rejected).toEqual([
      { id: 'broken', reason: 'window ends before it starts' },
    ]);
    expect(figures.map((f) => f.at)).toEqual([0.25, 0.5]);
    for (const f of figures) {
      expect(f.model.drops).toBeGreaterThan(20);
      expect(f.model.drops).toBe(f.baseline.drops);
      expect(Number.isFinite(f.model.scaledPinball)).toBe(true);
      expect(f.model.coverage90).toBeGreaterThanOrEqual(f.model.coverage50);
      expect(f.model.plans.map((p) => p.criticalRatio)).toEqual([0.5, 0.9]);
      expect(f.msPerForecast).toBeNull();
    }
    // Even arrivals: by half the window, the forecast is close to twice the count.
    expect(figures[1]!.model.scaledPinball).toBeLessThan(0.1);
  });
});

describe('replayDrops with too little history', () => {
  it('says so instead of scoring nothing', () => {
    expect(() =>
      replayDrops(drops([5, 5]), { moments: [0.5], minHistory: 10 }),
    ).toThrow(/history/);
  });
});
