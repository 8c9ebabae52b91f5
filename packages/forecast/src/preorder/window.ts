import { ForecastInputError, requireFiniteNumber } from './errors';

/**
 * A preorder window in epoch milliseconds (UTC), start inclusive.
 *
 * @example const w: DropWindow = { startMs: 0, endMs: 72 * 3_600_000 };
 */
export interface DropWindow {
  readonly startMs: number;
  readonly endMs: number;
}

/**
 * Where `timeMs` falls in the window, as a fraction: 0 at the opening, 1
 * at the close, below 0 before and above 1 after (not clamped, so the
 * caller sees early and late orders).
 *
 * @example windowFraction(36 * 3_600_000, { startMs: 0, endMs: 72 * 3_600_000 }) // 0.5
 */
export function windowFraction(timeMs: number, window: DropWindow): number {
  requireFiniteNumber(timeMs, 'timeMs');
  requireWindow(window);
  return (timeMs - window.startMs) / (window.endMs - window.startMs);
}

/** Throws `bad-window` unless the window is finite and ends after it starts. */
export function requireWindow(window: DropWindow): void {
  requireFiniteNumber(window.startMs, 'window.startMs');
  requireFiniteNumber(window.endMs, 'window.endMs');
  if (window.endMs <= window.startMs) {
    throw new ForecastInputError(
      'bad-window',
      'the window ends before it starts',
    );
  }
}

/**
 * What a drop's forecast needs from the clock and the order log: where
 * `nowMs` falls in the window and how many orders were placed by then
 * (orders before the opening count; orders after `nowMs` are ignored, as
 * they have not happened yet from the forecast's point of view).
 *
 * @example
 * observeDrop([5, 20, 90], { startMs: 0, endMs: 100 }, 50) // { at: 0.5, count: 2 }
 */
export function observeDrop(
  orderTimesMs: readonly number[],
  window: DropWindow,
  nowMs: number,
): { at: number; count: number } {
  const at = windowFraction(nowMs, window);
  let count = 0;
  for (const t of orderTimesMs) {
    requireFiniteNumber(t, 'order time');
    if (t <= nowMs) count++;
  }
  return { at, count };
}
