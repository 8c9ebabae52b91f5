/**
 * Autocorrelation of `y` at lags 1..`maxLag`.
 *
 * @example acf([1, 2, 1, 2], 1) // [-0.75]
 */
export function acf(y: readonly number[], maxLag: number): number[] {
  const n = y.length;
  let mean = 0;
  for (const v of y) mean += v / n;

  let denom = 0;
  for (const v of y) denom += (v - mean) ** 2;

  const out: number[] = [];
  for (let k = 1; k <= maxLag; k++) {
    let num = 0;
    for (let t = k; t < n; t++) {
      num += ((y[t] ?? 0) - mean) * ((y[t - k] ?? 0) - mean);
    }
    out.push(denom > 0 ? num / denom : 0);
  }
  return out;
}

/**
 * The seasonality test of the M4 benchmarks: the autocorrelation at lag
 * `m` exceeds 1.645 times its standard error under Bartlett's formula
 * (a one-sided test at 90 %). Needs at least three seasons of data.
 *
 * @example isSeasonal(monthlySales, 12)
 */
export function isSeasonal(y: readonly number[], m: number): boolean {
  if (m <= 1 || y.length < 3 * m) return false;

  const r = acf(y, m);
  let sum = 0;
  for (let k = 0; k < m - 1; k++) sum += (r[k] ?? 0) ** 2;
  const limit = 1.645 * Math.sqrt((1 + 2 * sum) / y.length);
  return Math.abs(r[m - 1] ?? 0) > limit;
}

/**
 * Seasonal indices by classical decomposition: a centred moving average of
 * order `m` (2×m when `m` is even) as the trend, then the mean ratio
 * (multiplicative) or difference (additive) per phase, normalised to mean
 * 1 or 0. Index `j` belongs to phase `t % m`, counted from the first
 * observation.
 *
 * @example decompose(quarterly, 4, 'multiplicative') // 4 indices, mean 1
 */
export function decompose(
  y: readonly number[],
  m: number,
  kind: 'additive' | 'multiplicative',
): number[] {
  const n = y.length;
  const half = Math.floor(m / 2);
  const sums = new Array<number>(m).fill(0);
  const counts = new Array<number>(m).fill(0);

  for (let t = half; t < n - half; t++) {
    let trend = 0;
    if (m % 2 === 0) {
      for (let k = -half; k <= half; k++) {
        const w = Math.abs(k) === half ? 0.5 : 1;
        trend += w * (y[t + k] ?? 0);
      }
    } else {
      for (let k = -half; k <= half; k++) trend += y[t + k] ?? 0;
    }
    trend /= m;

    const yt = y[t] ?? 0;
    const detrended = kind === 'additive' ? yt - trend : yt / trend;
    if (!Number.isFinite(detrended)) continue;
    sums[t % m] = (sums[t % m] ?? 0) + detrended;
    counts[t % m] = (counts[t % m] ?? 0) + 1;
  }

  const raw = sums.map((s, j) => {
    const c = counts[j] ?? 0;
    return c > 0 ? s / c : kind === 'additive' ? 0 : 1;
  });
  const avg = raw.reduce((a, b) => a + b, 0) / m;
  if (kind === 'additive') return raw.map((v) => v - avg);
  return avg > 0 ? raw.map((v) => v / avg) : raw.map(() => 1);
}

/** A series with its seasonal indices removed, and how to put them back. */
export interface Deseasonalised {
  readonly adjusted: number[];
  /** Index per horizon step 1..h after the end of the series. */
  readonly future: (horizon: number) => number[];
}

/**
 * Removes multiplicative seasonality when {@link isSeasonal} says so and
 * the series is positive; otherwise leaves the series as it is (indices
 * of 1).
 *
 * @example deseasonalise(y, 12).adjusted
 */
export function deseasonalise(y: readonly number[], m: number): Deseasonalised {
  const positive = y.every((v) => v > 0);
  if (!positive || !isSeasonal(y, m)) {
    return { adjusted: [...y], future: (h) => new Array<number>(h).fill(1) };
  }

  const idx = decompose(y, m, 'multiplicative');
  const n = y.length;
  return {
    adjusted: y.map((v, t) => v / (idx[t % m] ?? 1)),
    future: (h) => Array.from({ length: h }, (_, i) => idx[(n + i) % m] ?? 1),
  };
}
