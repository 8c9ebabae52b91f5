/**
 * The naive reference for drop forecasts: the count so far times pooled
 * quantiles of the growth ratio seen in earlier drops at the same moment.
 * To forecast drops with no order yet, the ratio is taken on counts plus
 * one: log((final + 1) / (soFar + 1)).
 *
 * Mutable, so a replay adds drops as they finish.
 *
 * @example
 * const base = PooledRatioBaseline.create();
 * PooledRatioBaseline.add(base, 10, 30);
 * PooledRatioBaseline.quantile(base, 5, 0.5); // 17
 */
export interface PooledRatioBaseline {
  /** Sorted log growth ratios of finished drops. */
  readonly ratios: number[];
}

function create(): PooledRatioBaseline {
  return { ratios: [] };
}

function add(
  baseline: PooledRatioBaseline,
  soFar: number,
  final: number,
): void {
  const r = Math.log((final + 1) / (soFar + 1));
  const xs = baseline.ratios;
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((xs[mid] ?? 0) < r) lo = mid + 1;
    else hi = mid;
  }
  xs.splice(lo, 0, r);
}

function quantile(
  baseline: PooledRatioBaseline,
  soFar: number,
  p: number,
): number {
  const xs = baseline.ratios;
  if (xs.length === 0) return soFar;

  const x = p * (xs.length - 1);
  const i = Math.floor(x);
  const w = x - i;
  const r =
    (xs[i] ?? 0) * (1 - w) + (xs[Math.min(i + 1, xs.length - 1)] ?? 0) * w;
  return Math.max(soFar, (soFar + 1) * Math.exp(r) - 1);
}

/** Companion functions of {@link PooledRatioBaseline}. */
export const PooledRatioBaseline = Object.freeze({
  /** An empty pool. */
  create,
  /** Adds a finished drop's count at the moment and its final total. */
  add,
  /** The p-quantile of the final total given the count so far. */
  quantile,
});
