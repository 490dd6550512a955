/**
 * How coordinate descent keeps its gradients: the one small interface behind which glmnet's two
 * update strategies live (cd/naive.ts: `elnet2`; cd/covariance.ts: `elnet1`). The passes, the
 * strong rule and the order of the KKT check are written once, in ../coordinateDescent.ts.
 *
 *   gradient_j = x̃_jᵀr/n,  r = ỹ − x̃·b   (x̃ n×p column-major, r length n, b length p)
 *
 * With observation weights the rows of x̃ and ỹ carry √(n·w_i) (standardize.ts), so the same
 * expression is the weighted Σ w_i·x̃_ij·r_i.
 */
export interface UpdateStrategy {
  readonly kind: 'naive' | 'covariance';
  /** The signed gradient of column j, current, for its coordinate update (may apply deferred work). */
  gradientForUpdate(j: number): number;
  /** b_j changed by delta: bring the gradients (covariance) or the residual (naive) up to date. */
  update(j: number, delta: number): void;
  /** Apply any deferred residual update (end of a pass, before anything reads the residual). */
  flush(): void;
  /**
   * |gradient_j| of a column outside the strong set, as the strong rule compares it with
   * `cutoff`: a stored value, or the exact value when a stored bound does not clear the cutoff.
   */
  screeningMagnitude(j: number, cutoff: number): number;
  /** Before a KKT check over the columns outside `strong` at threshold pf_j·l1. */
  beginKktCheck(strong: Uint8Array, penaltyFactor: Float64Array, l1: number): void;
  /** |gradient_j| for the KKT check; may return a bound that is below `threshold` (safe: not a violator). */
  kktMagnitude(j: number, threshold: number): number;
  /** After the KKT check (naive with bounds: refresh the reference if it drifted). */
  endKktCheck(): void;
  /** Make every usable column's stored |gradient| exact (after the λ = ∞ step). */
  refresh(): void;
  /** |gradient_j| as last stored (exact after refresh): what λ_max reads. */
  storedMagnitude(j: number): number;
  /** Gradient dot products computed and skipped by safe bounds (naive). */
  readonly work: { computed: number; skipped: number };
}

/** glmnet's default choice (type.gaussian): covariance updates while p < 500. */
export function defaultMode(p: number): UpdateStrategy['kind'] {
  return p < 500 ? 'covariance' : 'naive';
}
