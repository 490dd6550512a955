/**
 * Box constraints on the coefficients (glmnet's `lower.limits` / `upper.limits`), one bound of
 * each kind per design column on the coefficient's original scale, with lower ≤ 0 ≤ upper (so
 * β = 0 is always feasible and the path can start at the null model; glmnet refuses otherwise).
 *
 * glmnet applies a bound to the coefficient the coordinate descent solves for: it rescales the
 * bounds once (gaussian: ÷ s_y, and × s_j when standardizing; binomial / Poisson: × s_j) and
 * clamps each soft-thresholded update, b_j = max(lower_j, min(upper_j, S(u, λ₁)/(x_v + λ₂))).
 * That clamp is the exact coordinate minimizer of the bounded problem (the objective is a convex
 * parabola in b_j plus |b_j|). λ_max, the strong rule and the KKT check are glmnet's unchanged:
 * a column whose gradient points out of its box joins the strong set and stays at its bound.
 */
import { SolverInputError } from './errors';

export interface StandardizedLimits {
  lower: Float64Array;
  upper: Float64Array;
}

/** Refuse bounds glmnet refuses: wrong length, NaN, a lower bound above 0 or an upper below 0. */
export function checkLimits(
  p: number,
  lower: readonly number[] | undefined,
  upper: readonly number[] | undefined,
): void {
  const fail = (message: string): never => {
    throw new SolverInputError(message);
  };
  if (lower) {
    if (lower.length !== p)
      fail(`Expected ${p} lower limits (one per column); got ${lower.length}.`);
    lower.forEach((value, j) => {
      if (!(value <= 0))
        fail(
          `Lower limits must be ≤ 0 (or -Infinity), as glmnet's lower.limits; column ${j + 1} has ${value}.`,
        );
    });
  }
  if (upper) {
    if (upper.length !== p)
      fail(`Expected ${p} upper limits (one per column); got ${upper.length}.`);
    upper.forEach((value, j) => {
      if (!(value >= 0))
        fail(
          `Upper limits must be ≥ 0 (or Infinity), as glmnet's upper.limits; column ${j + 1} has ${value}.`,
        );
    });
  }
}

/**
 * The bounds on the solver's scale, b_j = β_j·xScale_j/yScale (yScale 1 for the IRLS families),
 * or null when no column is bounded (the unconstrained update then runs with no clamp at all).
 */
export function standardizedLimits(
  lower: readonly number[] | undefined,
  upper: readonly number[] | undefined,
  xScale: ArrayLike<number>,
  yScale: number,
): StandardizedLimits | null {
  const bounded = (values: readonly number[] | undefined) =>
    values?.some((value) => Number.isFinite(value)) ?? false;
  if (!bounded(lower) && !bounded(upper)) return null;
  const p = xScale.length;
  const scaled = (values: readonly number[] | undefined, unbounded: number) =>
    Float64Array.from({ length: p }, (_, j) => {
      const value = values?.[j] ?? unbounded;
      return Number.isFinite(value) ? (value * xScale[j]!) / yScale : unbounded;
    });
  return {
    lower: scaled(lower, Number.NEGATIVE_INFINITY),
    upper: scaled(upper, Number.POSITIVE_INFINITY),
  };
}

/**
 * Whether some bound is exactly 0: glmnet then ends a default path only when the deviance ratio
 * falls or passes devmax (fdev = 0), since a coefficient held at 0 can leave the fit unchanged
 * for several λ and the relative-gain rule would stop the path there.
 */
export function hasZeroBound(
  lower: readonly number[] | undefined,
  upper: readonly number[] | undefined,
): boolean {
  return (lower?.some((v) => v === 0) ?? false) || (upper?.some((v) => v === 0) ?? false);
}

/**
 * A coefficient back on the original scale, kept inside its bounds: rescaling a coefficient
 * held at its bound can land an ulp outside it (0.05·s_j/s_j = 0.05000000000000001).
 */
export function withinLimits(
  value: number,
  j: number,
  lower: readonly number[] | undefined,
  upper: readonly number[] | undefined,
): number {
  const low = lower?.[j] ?? Number.NEGATIVE_INFINITY;
  const high = upper?.[j] ?? Number.POSITIVE_INFINITY;
  return Math.max(low, Math.min(high, value));
}
