/** Stable codes of {@link ForecastInputError}. */
export type ForecastInputErrorCode =
  | 'non-finite-input'
  | 'negative-count'
  | 'bad-window'
  | 'bad-probability'
  | 'bad-price'
  | 'empty-input'
  | 'bad-capacity';

/**
 * Thrown when a forecast or a plan is asked of input it cannot use (NaN,
 * a negative count, a window that ends before it starts); never a NaN
 * result.
 *
 * @example throw new ForecastInputError('bad-window', 'window ends early');
 */
export class ForecastInputError extends Error {
  override readonly name = 'ForecastInputError';

  constructor(
    readonly code: ForecastInputErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** Throws `non-finite-input` unless `x` is a finite number. */
export function requireFiniteNumber(x: number, name: string): void {
  if (!Number.isFinite(x)) {
    throw new ForecastInputError('non-finite-input', `${name} is not finite`);
  }
}

/** Throws unless `x` is a whole count >= 0. */
export function requireCount(x: number, name: string): void {
  requireFiniteNumber(x, name);
  if (x < 0 || !Number.isInteger(x)) {
    throw new ForecastInputError('negative-count', `${name} must be >= 0`);
  }
}
