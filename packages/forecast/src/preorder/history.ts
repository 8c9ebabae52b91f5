import {
  ForecastInputError,
  requireCount,
  requireFiniteNumber,
} from './errors';
import { SHAPE_STEPS } from './shape';
import { requireWindow, windowFraction, type DropWindow } from './window';

/**
 * Orders that arrived together at one moment of a drop's window, as a
 * fraction of the window (0 the opening, 1 the close).
 */
export interface DropArrival {
  readonly at: number;
  readonly count: number;
}

/**
 * A finished drop as history: when its orders arrived. Orders before the
 * opening count at 0 and late ones (a payment recorded after the close)
 * at 1; the final total is the sum of all counts.
 *
 * @example const past: PastDrop = { arrivals: [{ at: 0.1, count: 3 }] };
 */
export interface PastDrop {
  readonly arrivals: readonly DropArrival[];
}

/**
 * Builds a {@link PastDrop} from order times in epoch milliseconds.
 *
 * @example pastDropFromOrderTimes([0, 10], { startMs: 0, endMs: 100 })
 */
export function pastDropFromOrderTimes(
  orderTimesMs: readonly number[],
  window: DropWindow,
): PastDrop {
  requireWindow(window);
  return {
    arrivals: orderTimesMs.map((t) => ({
      at: windowFraction(t, window),
      count: 1,
    })),
  };
}

/**
 * Running sums over a set of past drops: what the drop model learns
 * from. Mutable on purpose, so a backtest can add drops as they finish
 * without re-reading all history; build one with {@link DropStats.of}.
 */
export interface DropStats {
  /**
   * How many drops the sums remember: each new drop scales the old sums
   * by 1 − 1 / memory, so a co-op whose drops drift (smaller runs, a new
   * audience) is judged by its recent ones. Infinity keeps all.
   */
  readonly memory: number;
  /** Drops added (a weighted count when memory is finite). */
  drops: number;
  /** Drops with at least one order (they alone carry a shape). */
  shaped: number;
  /** Sums of log(total + 0.5) and its square, over all drops. */
  logSum: number;
  logSquareSum: number;
  /** Per grid step, sums of the cumulative share and its square. */
  readonly shareSum: Float64Array;
  readonly shareSquareSum: Float64Array;
  /** Sum of 1 / total over shaped drops (the binomial part of spread). */
  inverseTotalSum: number;
  /**
   * Per grid step, sums of log s and log(1 − s) of the smoothed share
   * s = (count + 0.5) / (total + 1): the Beta fit's sufficient statistics.
   */
  readonly logShareSum: Float64Array;
  readonly logRestSum: Float64Array;
  /**
   * The same log sums per size class of the final total (see
   * {@link SIZE_BOUNDS}): small drops sell a larger share early than big
   * ones, whose orders build up.
   */
  readonly classes: readonly SizeClassStats[];
}

/** Log-share sums of the drops of one size class. */
export interface SizeClassStats {
  drops: number;
  readonly logShareSum: Float64Array;
  readonly logRestSum: Float64Array;
}

/**
 * Lower bounds of the size classes after the first: totals below 10,
 * 10–39, 40–149, and 150 or more.
 */
export const SIZE_BOUNDS: readonly number[] = [10, 40, 150];

/** The size class of a final total. @example sizeClass(12) // 1 */
export function sizeClass(total: number): number {
  let c = 0;
  while (c < SIZE_BOUNDS.length && total >= (SIZE_BOUNDS[c] ?? Infinity)) c++;
  return c;
}

function empty(options: { readonly memory?: number } = {}): DropStats {
  const memory = options.memory ?? Infinity;
  if (!(memory >= 1)) {
    throw new ForecastInputError('empty-input', 'memory must be at least 1');
  }
  return {
    memory,
    drops: 0,
    shaped: 0,
    logSum: 0,
    logSquareSum: 0,
    shareSum: new Float64Array(SHAPE_STEPS + 1),
    shareSquareSum: new Float64Array(SHAPE_STEPS + 1),
    inverseTotalSum: 0,
    logShareSum: new Float64Array(SHAPE_STEPS + 1),
    logRestSum: new Float64Array(SHAPE_STEPS + 1),
    classes: [0, ...SIZE_BOUNDS].map(() => ({
      drops: 0,
      logShareSum: new Float64Array(SHAPE_STEPS + 1),
      logRestSum: new Float64Array(SHAPE_STEPS + 1),
    })),
  };
}

function add(stats: DropStats, drop: PastDrop): DropStats {
  const counts = new Float64Array(SHAPE_STEPS + 1);
  let total = 0;
  for (const { at, count } of drop.arrivals) {
    requireFiniteNumber(at, 'arrival.at');
    requireCount(count, 'arrival.count');
    const t = Math.min(1, Math.max(0, at));
    const step = Math.ceil(t * SHAPE_STEPS - 1e-9);
    counts[step] = (counts[step] ?? 0) + count;
    total += count;
  }

  forget(stats);
  const log = Math.log(total + 0.5);
  stats.drops += 1;
  stats.logSum += log;
  stats.logSquareSum += log * log;
  if (total === 0) return stats;

  stats.shaped += 1;
  stats.inverseTotalSum += 1 / total;
  const group = stats.classes[sizeClass(total)];
  if (group) group.drops += 1;
  let running = 0;
  for (let g = 0; g <= SHAPE_STEPS; g++) {
    running += counts[g] ?? 0;
    const share = running / total;
    stats.shareSum[g] = (stats.shareSum[g] ?? 0) + share;
    stats.shareSquareSum[g] = (stats.shareSquareSum[g] ?? 0) + share * share;
    const smooth = (running + 0.5) / (total + 1);
    stats.logShareSum[g] = (stats.logShareSum[g] ?? 0) + Math.log(smooth);
    stats.logRestSum[g] = (stats.logRestSum[g] ?? 0) + Math.log1p(-smooth);
    if (group) {
      group.logShareSum[g] = (group.logShareSum[g] ?? 0) + Math.log(smooth);
      group.logRestSum[g] = (group.logRestSum[g] ?? 0) + Math.log1p(-smooth);
    }
  }
  return stats;
}

function forget(stats: DropStats): void {
  if (!Number.isFinite(stats.memory)) return;

  const keep = 1 - 1 / stats.memory;
  stats.drops *= keep;
  stats.shaped *= keep;
  stats.logSum *= keep;
  stats.logSquareSum *= keep;
  stats.inverseTotalSum *= keep;
  for (const group of stats.classes) group.drops *= keep;
  for (const sums of [
    stats.shareSum,
    stats.shareSquareSum,
    stats.logShareSum,
    stats.logRestSum,
    ...stats.classes.flatMap((c) => [c.logShareSum, c.logRestSum]),
  ]) {
    for (let g = 0; g < sums.length; g++) sums[g] = (sums[g] ?? 0) * keep;
  }
}

function of(
  drops: readonly PastDrop[],
  options: { readonly memory?: number } = {},
): DropStats {
  const stats = empty(options);
  for (const drop of drops) add(stats, drop);
  return stats;
}

function requireStats(stats: DropStats): void {
  if (!Number.isFinite(stats.logSum) || stats.drops < 0) {
    throw new ForecastInputError('non-finite-input', 'drop stats are broken');
  }
}

/** Companion functions of {@link DropStats}. */
export const DropStats = Object.freeze({
  /** No drops yet. @example DropStats.empty() */
  empty,
  /**
   * Adds one finished drop, in place, and returns the same object.
   * @example DropStats.add(stats, { arrivals: [{ at: 0.5, count: 2 }] })
   */
  add,
  /** Sums over a list of drops. @example DropStats.of(pastDrops) */
  of,
  /** Throws unless the sums are finite. */
  requireStats,
});
