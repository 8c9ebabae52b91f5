/**
 * The life of a drop. A drop is stored as draft, scheduled, confirmed,
 * failed or fulfilled; whether a scheduled drop is open or closed follows
 * from its window and the clock, so it is never stale.
 */

/** Every phase a drop can be in. */
export type DropPhase =
  | 'draft'
  | 'scheduled'
  | 'open'
  | 'closed'
  | 'confirmed'
  | 'failed'
  | 'fulfilled';

/** The phases a drop is stored in; open and closed are derived. */
export type StoredDropStatus =
  'draft' | 'scheduled' | 'confirmed' | 'failed' | 'fulfilled';

/** A preorder window in UTC epoch milliseconds, end exclusive. */
export interface PreorderWindow {
  readonly opensAt: number;
  readonly closesAt: number;
}

const HOUR_MS = 3_600_000;

/** The shortest and longest preorder window a drop may have. */
export const WINDOW_LIMITS = Object.freeze({
  minHours: 48,
  maxHours: 96,
});

/**
 * The phase of a drop at `now`.
 * @example dropPhase('scheduled', { opensAt: 0, closesAt: 10 }, 5) // 'open'
 */
export function dropPhase(
  stored: StoredDropStatus,
  window: PreorderWindow,
  now: number,
): DropPhase {
  if (stored !== 'scheduled') return stored;
  if (now < window.opensAt) return 'scheduled';
  if (now < window.closesAt) return 'open';
  return 'closed';
}

/**
 * Why a window is refused, or null when it is a valid 48–96 hour window.
 * @example windowProblem({ opensAt: 0, closesAt: 72 * 3_600_000 }) // null
 */
export function windowProblem(window: PreorderWindow): string | null {
  const hours = (window.closesAt - window.opensAt) / HOUR_MS;
  if (!Number.isFinite(hours)) return 'the window must have two instants';
  if (hours < WINDOW_LIMITS.minHours || hours > WINDOW_LIMITS.maxHours) {
    return (
      `a preorder window lasts ${WINDOW_LIMITS.minHours} to ` +
      `${WINDOW_LIMITS.maxHours} hours; this one lasts ${round1(hours)}`
    );
  }
  return null;
}

/**
 * The outcome of a closed drop: confirmed when it has no minimum or reached
 * it, failed otherwise (all-or-nothing).
 * @example settlementOutcome(118, 100) // 'confirmed'
 */
export function settlementOutcome(
  unitsOrdered: number,
  minimum: number | null,
): 'confirmed' | 'failed' {
  if (minimum === null || unitsOrdered >= minimum) return 'confirmed';
  return 'failed';
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
