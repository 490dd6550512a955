/**
 * Shapes shared by every solver module.
 *
 * A design matrix is dense and column-major: column j occupies
 * `values[j*n .. (j+1)*n)`, so one coordinate-descent update walks contiguous memory.
 */

import type { Warning } from '../warning';
import type { FamilyName } from './family';
import type { PathStop } from './pathStop';

export interface DesignMatrix {
  /** Rows (observations). */
  readonly n: number;
  /** Columns (features after one-hot coding). */
  readonly p: number;
  /** Column-major values, length n·p. */
  readonly values: Float64Array;
}

export interface PathOptions {
  /** The response distribution (family.ts); default gaussian, the only one so far. */
  family?: FamilyName | undefined;
  /**
   * Observation weights, one per data row (glmnet's `weights`): finite, ≥ 0, with a positive
   * sum over the rows fitted. Normalized to sum to 1 for standardization, as glmnet does.
   */
  weights?: Float64Array | undefined;
  /**
   * A known part of the linear predictor, one per data row (glmnet's `offset`): for gaussian it
   * is subtracted from y before fitting; predictions on new rows add their offset back.
   */
  offset?: Float64Array | undefined;
  /** L1 ratio α ∈ [0, 1] in glmnet's sense: 1 is the lasso, 0 is ridge. */
  alpha: number;
  /** Scale each column to unit population sd before fitting; coefficients are still reported on the original scale. */
  standardize: boolean;
  /** Fit an unpenalized intercept. */
  intercept: boolean;
  /** Per-column penalty factors ≥ 0 (0 = unpenalized), rescaled to sum to p as glmnet does. */
  penaltyFactor?: readonly number[] | undefined;
  /**
   * Bounds on each coefficient, one per column on the original scale (glmnet's lower.limits /
   * upper.limits): lower ≤ 0 ≤ upper, ±Infinity for none (limits.ts). Omitted: unbounded.
   */
  lowerLimits?: readonly number[] | undefined;
  upperLimits?: readonly number[] | undefined;
  /** Explicit λ sequence (any order; solved in decreasing order at every value). Overrides nlambda and lambdaMinRatio. */
  lambda?: readonly number[] | undefined;
  /** Length of the default grid. */
  nlambda: number;
  /** Smallest λ of the default grid as a fraction of λ_max; default 1e-4 when n ≥ p, else 1e-2. */
  lambdaMinRatio?: number | undefined;
  /** Stop a pass when max_j (x_jᵀx_j/n)·Δb_j² on the standardized scale is below this (glmnet's `thresh`). */
  thresh: number;
  /**
   * glmnet's maxit: a cap on coordinate-descent passes (strong-set and active-set) over the
   * whole path; where it runs out the path ends, with a warning, at the values solved before
   * (passBudget.ts).
   */
  maxIter: number;
  /**
   * Also cap the passes at any one λ (Shrinkage's own option, not glmnet's): a λ that reaches
   * it keeps its approximate solution, with a warning, and the path goes on. Default: none.
   */
  maxIterPerLambda?: number | undefined;
  /**
   * End a default path early as glmnet does (pathStop.ts; default true); false fits every
   * grid value, as glmnet.control(fdev = 0, devmax = 1).
   */
  pathStop?: boolean | undefined;
  /**
   * How gradients are kept (glmnet's type.gaussian): "covariance" (inner products with active
   * columns; fast when n ≫ p), "naive" (residual updates; fast when p is large), or "auto"
   * (covariance while p < 500, as glmnet). Same solution either way.
   */
  updates?: 'auto' | 'naive' | 'covariance' | undefined;
  /**
   * naive updates: "bounds" (default) skips the KKT dot products a safe bound shows are below
   * threshold; "full" computes them all, as glmnet does. The coefficients are identical; "full"
   * exists to check that.
   */
  kktScreening?: 'bounds' | 'full' | undefined;
}

/**
 * glmnet's own defaults, for callers of the solver alone (tests, benches). The analysis never
 * relies on them: it passes every option explicitly from the settings (`pathOptionsFor` in
 * shared/analysis/run.ts), whose user-facing defaults are DEFAULT_SETTINGS in
 * shared/analysis/settings.ts.
 */
export const DEFAULT_PATH_OPTIONS: Readonly<PathOptions> = Object.freeze({
  alpha: 1,
  standardize: true,
  intercept: true,
  nlambda: 100,
  thresh: 1e-7,
  maxIter: 100_000,
});

/** How the columns and the target were centred and scaled; needed to score new data and to report standardized coefficients. */
export interface Standardization {
  xCenter: number[];
  xScale: number[];
  yCenter: number;
  yScale: number;
  /** Population sd of every column and of y, whatever the options (for per-sd coefficients). */
  xSd: number[];
  ySd: number;
}

export interface PathDiagnostics {
  /** True when every λ solved converged (a path maxIter ended keeps only converged values). */
  converged: boolean;
  /** Per λ: whether coordinate descent met `thresh` and the KKT check. */
  convergedAt: boolean[];
  /** Per λ: passes over the strong set, each ending in a convergence test (1 for a converged warm start). */
  passes: number[];
  /** Per λ: all coordinate sweeps, strong-set and active-set (glmnet's nlp; maxIter caps their sum). */
  sweeps: number[];
  /** Constant columns, non-convergence, …: a code for code, a message for people. */
  warnings: Warning[];
  /** λ_max on the original scale (the smallest λ at which every penalized coefficient is 0). */
  lambdaMax: number;
  /** Columns excluded because they are constant (coefficient 0). */
  constantColumns: number[];
  /** naive updates: gradient dot products the KKT checks computed and the bounds skipped. */
  gradientDotProducts: { computed: number; skipped: number };
  /** A default path that ended before its last grid value by glmnet's rule (pathStop.ts); else null. */
  pathStop: PathStop | null;
  seconds: number;
}

export interface PathResult {
  /** The λ values actually solved, decreasing. */
  lambda: number[];
  /** Intercept per λ. */
  a0: number[];
  /** Coefficients on the original scale: beta[k][j] for lambda[k] and column j. */
  beta: number[][];
  /** Nonzero coefficients per λ. */
  df: number[];
  /** Fraction of null deviance explained per λ. */
  devRatio: number[];
  /** Σ w_i·(z_i − z̄_w)² with an intercept, Σ w_i·z_i² without; z = y − offset, w = 1 when not given. */
  nulldev: number;
  standardization: Standardization;
  /** The options after defaults were applied (penalty factors as given, before rescaling). */
  options: PathOptions;
  diagnostics: PathDiagnostics;
}

/** Called after each λ is solved; return true to stop early (cancellation). */
export type PathProgress = (solved: number, total: number) => boolean | undefined;
