/** The source of the current instant, injected so tests can set it. */
export interface Clock {
  /** UTC epoch milliseconds. */
  now(): number;
}

/** The machine's clock. */
export const systemClock: Clock = Object.freeze({ now: () => Date.now() });

/** A clock that tests move by hand. */
export interface ManualClock extends Clock {
  set(instant: number): void;
  advance(milliseconds: number): void;
}

/**
 * A clock that stands still until told.
 * @example const clock = manualClock(Date.parse('2026-06-01T08:00:00Z'));
 */
export function manualClock(start: number): ManualClock {
  let current = start;
  return {
    now: () => current,
    set: (instant) => {
      current = instant;
    },
    advance: (milliseconds) => {
      current += milliseconds;
    },
  };
}
