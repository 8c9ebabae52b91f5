import { MetricsError } from './types';

/** Throws unless `xs` is non-empty and every entry is finite. */
export function requireFinite(xs: readonly number[], name: string): void {
  if (xs.length === 0) {
    throw new MetricsError('empty-input', `${name} is empty`);
  }
  if (!xs.every(Number.isFinite)) {
    throw new MetricsError('non-finite-input', `${name} has a non-finite`);
  }
}

/** Throws unless `a` and `b` have the same length. */
export function requireSameLength(
  a: readonly unknown[],
  b: readonly unknown[],
  what: string,
): void {
  if (a.length !== b.length) {
    throw new MetricsError(
      'length-mismatch',
      `${what}: lengths ${a.length} and ${b.length} differ`,
    );
  }
}

/** Arithmetic mean of a non-empty array. */
export function mean(xs: readonly number[]): number {
  let sum = 0;
  for (const x of xs) sum += x;
  return sum / xs.length;
}
