/** Options of {@link nelderMead}. */
export interface NelderMeadOptions {
  /** Initial step per coordinate; defaults to 10 % of it, or 0.05 at 0. */
  readonly steps?: readonly number[];
  /** Most objective evaluations. */
  readonly maxEvaluations?: number;
  /** Stop when the simplex's values agree to this relative tolerance. */
  readonly tolerance?: number;
}

/** The best point found and its value. */
export interface NelderMeadResult {
  readonly x: number[];
  readonly value: number;
  readonly evaluations: number;
}

/**
 * Minimises `f` by the Nelder–Mead simplex method (reflection 1,
 * expansion 2, contraction 1/2, shrink 1/2). An infeasible point may
 * return `Infinity`; the start must be feasible.
 *
 * @example nelderMead(([x = 0]) => (x - 3) ** 2, [0]).x // ≈ [3]
 */
export function nelderMead(
  f: (x: readonly number[]) => number,
  start: readonly number[],
  options: NelderMeadOptions = {},
): NelderMeadResult {
  const n = start.length;
  const maxEvaluations = options.maxEvaluations ?? 200 * (n + 1);
  const tolerance = options.tolerance ?? 1e-8;
  let evaluations = 0;
  const evaluate = (x: number[]): number => {
    evaluations += 1;
    const v = f(x);
    return Number.isNaN(v) ? Number.POSITIVE_INFINITY : v;
  };

  const points: number[][] = [[...start]];
  for (let i = 0; i < n; i++) {
    const p = [...start];
    const x = p[i] ?? 0;
    p[i] = x + (options.steps?.[i] ?? (x === 0 ? 0.05 : 0.1 * x));
    points.push(p);
  }
  const values = points.map(evaluate);

  while (evaluations < maxEvaluations) {
    const order = values
      .map((_, i) => i)
      .sort((a, b) => at(values, a) - at(values, b));
    const best = order[0] ?? 0;
    const worst = order[n] ?? 0;
    const second = order[n - 1] ?? 0;
    const fBest = at(values, best);
    const fWorst = at(values, worst);

    const spread = Math.abs(fWorst - fBest);
    if (spread <= tolerance * (Math.abs(fBest) + tolerance)) break;

    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i <= n; i++) {
      if (i === worst) continue;
      const p = points[i] ?? [];
      for (let j = 0; j < n; j++)
        centroid[j] = (centroid[j] ?? 0) + (p[j] ?? 0) / n;
    }
    const towards = (t: number): number[] => {
      const w = points[worst] ?? [];
      return centroid.map((c, j) => c + t * (c - (w[j] ?? 0)));
    };

    const reflected = towards(1);
    const fR = evaluate(reflected);
    if (fR < fBest) {
      const expanded = towards(2);
      const fE = evaluate(expanded);
      replace(
        points,
        values,
        worst,
        fE < fR ? expanded : reflected,
        Math.min(fE, fR),
      );
      continue;
    }
    if (fR < at(values, second)) {
      replace(points, values, worst, reflected, fR);
      continue;
    }

    const inside = fR >= fWorst;
    const contracted = towards(inside ? -0.5 : 0.5);
    const fC = evaluate(contracted);
    if (fC < Math.min(fR, fWorst)) {
      replace(points, values, worst, contracted, fC);
      continue;
    }

    const b = points[best] ?? [];
    for (let i = 0; i <= n; i++) {
      if (i === best) continue;
      const p = points[i] ?? [];
      const shrunk = p.map((x, j) => (b[j] ?? 0) + 0.5 * (x - (b[j] ?? 0)));
      replace(points, values, i, shrunk, evaluate(shrunk));
    }
  }

  let best = 0;
  for (let i = 1; i <= n; i++) if (at(values, i) < at(values, best)) best = i;
  return {
    x: points[best] ?? [...start],
    value: at(values, best),
    evaluations,
  };
}

function at(values: readonly number[], i: number): number {
  return values[i] ?? Number.POSITIVE_INFINITY;
}

function replace(
  points: number[][],
  values: number[],
  i: number,
  x: number[],
  v: number,
): void {
  points[i] = x;
  values[i] = v;
}
