/**
 * Number of steps of the grid on which arrival shapes are kept: the
 * cumulative share of a drop's orders at t = 0, 1/40, ..., 1.
 */
export const SHAPE_STEPS = 40;

/**
 * The cumulative arrival curve F(t) of a drop on the shape grid: the
 * expected share of the final total ordered by fraction t of the window.
 * Non-decreasing, F(1) = 1.
 *
 * @example ArrivalShape.at(ArrivalShape.standard(), 1) // 1
 */
export type ArrivalShape = Float64Array;

/**
 * The built-in shape for a shop and co-op with no history: a launch spike
 * (a quarter of orders, decaying over the first tenth), a steady middle,
 * and a last-hours rush (a fifth of orders).
 */
function standard(): ArrivalShape {
  const shape = new Float64Array(SHAPE_STEPS + 1);
  const norm = 1 - Math.exp(-20);
  for (let g = 0; g <= SHAPE_STEPS; g++) {
    const t = g / SHAPE_STEPS;
    const spike = (1 - Math.exp(-t / 0.05)) / norm;
    const rush = (Math.exp(-(1 - t) / 0.05) - Math.exp(-20)) / norm;
    shape[g] = 0.25 * spike + 0.55 * t + 0.2 * rush;
  }
  shape[SHAPE_STEPS] = 1;
  return shape;
}

/** Linear interpolation of a grid curve at fraction t (clamped to [0, 1]). */
function at(curve: Float64Array, t: number): number {
  const x = Math.min(1, Math.max(0, t)) * (curve.length - 1);
  const i = Math.min(curve.length - 2, Math.floor(x));
  const w = x - i;
  return (curve[i] ?? 0) * (1 - w) + (curve[i + 1] ?? 0) * w;
}

/** Companion functions of {@link ArrivalShape}. */
export const ArrivalShape = Object.freeze({
  /** The built-in default shape. @example ArrivalShape.standard() */
  standard,
  /** F(t). @example ArrivalShape.at(shape, 0.25) // about 0.4 */
  at,
});
