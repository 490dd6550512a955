/**
 * The relaxed lasso's blend (Hastie, Tibshirani & Tibshirani 2020; glmnet's relax = TRUE), in a
 * module of its own with no dependencies so the renderer and the report can rebuild any
 * (λ, γ) from a result without the least-squares code (relaxed.ts):
 *
 *   β(λ, γ) = γ·β_penalized(λ) + (1 − γ)·β_refit(λ),   a0 likewise,
 *
 * β_refit the unpenalized fit on the active set of λ. glmnet's blend.relaxed floors γ at 1e-5
 * below 1 (γ = 0 is 1e-5 there), and so does this, so that predictions match its to 1e-6.
 */

/** glmnet's default gamma = c(0, 0.25, 0.5, 0.75, 1). */
export const DEFAULT_RELAX_GAMMAS: readonly number[] = [0, 0.25, 0.5, 0.75, 1];

/** blend.relaxed's epsilon: the smallest γ it blends with. */
export const RELAX_GAMMA_FLOOR = 1e-5;

/** The weight on the penalized fit that glmnet uses for a requested γ. */
export function effectiveGamma(gamma: number): number {
  return gamma >= 1 ? 1 : Math.max(gamma, RELAX_GAMMA_FLOOR);
}

/** The blend of one λ's penalized and refitted coefficients at γ. */
export function blendCoefficients(
  penalized: { a0: number; beta: readonly number[] },
  refit: { a0: number; beta: readonly number[] },
  gamma: number,
): { a0: number; beta: number[] } {
  const g = effectiveGamma(gamma);
  if (g === 1) return { a0: penalized.a0, beta: [...penalized.beta] };
  return {
    a0: g * penalized.a0 + (1 - g) * refit.a0,
    beta: penalized.beta.map((b, j) => g * b + (1 - g) * refit.beta[j]!),
  };
}

/** The blend at γ of a whole path (one row per λ). */
export function blendPath(
  penalized: { a0: readonly number[]; beta: readonly (readonly number[])[] },
  refit: { a0: readonly number[]; beta: readonly (readonly number[])[] },
  gamma: number,
): { a0: number[]; beta: number[][] } {
  const out = { a0: [] as number[], beta: [] as number[][] };
  penalized.a0.forEach((a0, l) => {
    const blended = blendCoefficients(
      { a0, beta: penalized.beta[l]! },
      { a0: refit.a0[l]!, beta: refit.beta[l]! },
      gamma,
    );
    out.a0.push(blended.a0);
    out.beta.push(blended.beta);
  });
  return out;
}
