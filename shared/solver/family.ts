/**
 * The family contract: what a response distribution supplies so that one path driver, one set
 * of strong rules and KKT checks, and one cross-validation serve them all (glmnet's split into
 * elnet / lognet / fishnet; skglm's `Datafit`).
 *
 *   minimize over (a0, β):  −(1/Σw)·Σ_i w_i·ℓ(y_i; μ_i) + λ·Σ_j pf_j·[α·|β_j| + (1 − α)/2·β_j²]
 *   η_i = a0 + x_iᵀβ + offset_i,  μ_i = g⁻¹(η_i)                     (g the link)
 *
 * (gaussian carries an extra 1/s_y on the ridge part: it fits on ỹ = y/s_y, see standardize.ts).
 *
 * Every λ is solved by the same coordinate-descent inner solver (cd/) on a weighted least-squares
 * problem, the quadratic approximation of the objective at the current η (IRLS, glmnet's
 * outer Newton loop):
 *
 *   minimize (1/2)·Σ_i ω_i·(z_i − η_i)² + penalty,   z = working response, ω = working weights
 *
 * For gaussian the approximation is exact (z = y − offset, ω = w), so one solve per λ suffices
 * and the covariance update strategy applies; for binomial and Poisson the driver repeats the
 * solve, recomputing (z, ω) from the new η, until the deviance stops changing.
 *
 * Shapes: y, μ, η, weights, offset, z and ω all have one value per observation (length n).
 * Weights here are the observation weights as given (the driver normalizes them to sum to 1
 * where glmnet does, for standardization).
 */
/** cv.glmnet's type.measure values (binomial adds deviance, class, auc; Poisson deviance). */
export type CvMeasure = 'mse' | 'mae' | 'deviance' | 'class' | 'auc';

export type FamilyName = 'gaussian' | 'binomial' | 'poisson';

/**
 * The intercept(+offset)-only fit an IRLS path starts from (glmnet's `construct`), on
 * normalized weights w (Σw = 1): its intercept, its negative log-likelihood (without the
 * saturated model's constant) and the half null deviance dev0 = that minus the saturated
 * model's, the deviance ratio's denominator and the scale of the convergence threshold.
 */
export interface IrlsStart {
  intercept: number;
  nullNegLogLik: number;
  halfNullDeviance: number;
}

/**
 * What a family whose quadratic approximation is not exact (binomial, Poisson) supplies to the
 * IRLS path (irls.ts), in glmnet's own terms so that the path follows lognet2n / fishnet1
 * step for step. All weights are the observation weights normalized to sum to 1.
 */
export interface IrlsFamily {
  start(
    y: Float64Array,
    w: Float64Array,
    offset: Float64Array | null,
    intercept: boolean,
  ): IrlsStart;
  /**
   * The quadratic approximation at η: μ (clamped as glmnet does), working weights ω and the
   * score s = w·(y − μ) (ω·(z − η), z the working response); returns Σω and counts into
   * `clamped` the rows whose η was capped.
   */
  update(
    y: Float64Array,
    w: Float64Array,
    eta: Float64Array,
    mu: Float64Array,
    omega: Float64Array,
    score: Float64Array,
  ): { omegaSum: number; clamped: number };
  /** −Σ w_i·ℓ_i at (η, μ) as updated, without the saturated constant (glmnet's dev2 / fishnet). */
  negLogLik(y: Float64Array, w: Float64Array, eta: Float64Array, mu: Float64Array): number;
  /** The path stops once Σω falls to this (binomial: the fit has saturated); −∞ for none. */
  readonly minOmegaSum: number;
  /**
   * glmnet's early path stop compares the deviance ratio with the previous λ's (binomial:
   * an absolute gain under 1e-5) or with that of four λ values back, relative, under 1e-4
   * (Poisson: fishnet multiplies fdev by 10).
   */
  readonly pathStopGain: 'previous' | 'window';
  /** Why η was capped, for the warning (the words after "N rows"). */
  readonly clampNote: string;
}

export interface Family {
  readonly name: FamilyName;
  /** Throws SolverInputError (message for the user) unless every y_i is a valid target. */
  validateTarget(y: Float64Array): void;
  /** η = g(μ). */
  link(mu: number): number;
  /** μ = g⁻¹(η), the prediction on the response scale. */
  inverseLink(eta: number): number;
  /** Σ w_i·d(y_i, μ_i), d the unit deviance (2·(ℓ_saturated − ℓ)); gaussian: Σ w_i·(y_i − μ_i)². */
  deviance(y: Float64Array, mu: Float64Array, weights: Float64Array | null): number;
  /**
   * The deviance of the model with only the intercept (when fitted) and the offset: the
   * denominator of the deviance ratio.
   */
  nullDeviance(
    y: Float64Array,
    weights: Float64Array | null,
    offset: Float64Array | null,
    intercept: boolean,
  ): number;
  /**
   * The intercept of the intercept-only model, where the path starts (gaussian: the weighted
   * mean of y − offset; binomial: log(ȳ/(1 − ȳ)) without offset, else found by Newton steps).
   */
  startIntercept(
    y: Float64Array,
    weights: Float64Array | null,
    offset: Float64Array | null,
  ): number;
  /**
   * The quadratic approximation at η: fills the working response z and working weights ω
   * (ω_i = w_i·(dμ/dη)²/Var(μ_i), z_i = η_i − offset_i + (y_i − μ_i)·dη/dμ). Exact for gaussian.
   */
  workingResponse(
    y: Float64Array,
    eta: Float64Array,
    weights: Float64Array | null,
    offset: Float64Array | null,
    z: Float64Array,
    omega: Float64Array,
  ): void;
  /**
   * The score at η, whose inner products with the standardized columns give λ_max:
   * s_i = w_i·(y_i − μ_i) (canonical links), λ_max = max_j |x̃_jᵀs|/(Σw·pf_j·max(α, 0.001)).
   * Which fit η comes from is the driver's choice, as in glmnet: elnet (gaussian) takes the fit
   * of the unpenalized columns, lognet/fishnet the intercept-and-offset-only fit (their `ga`);
   * for gaussian the score is the residual the inner solver already holds, so the driver reads
   * λ_max off the update strategy instead of calling this.
   */
  lambdaMaxScore(
    y: Float64Array,
    eta: Float64Array,
    weights: Float64Array | null,
    out: Float64Array,
  ): void;
  /** True when workingResponse does not depend on η: one inner solve per λ, no IRLS loop. */
  readonly quadraticIsExact: boolean;
  /** The IRLS path's pieces, for a family whose quadratic approximation is not exact. */
  readonly irls?: IrlsFamily | undefined;
  /** The cross-validation measures this family offers, the default first. */
  readonly cvMeasures: readonly CvMeasure[];
  /**
   * One fold's value of a CV measure at one λ (cv.glmnet's cvcompute): for a per-observation
   * loss (mse, mae, deviance, class) its weighted mean Σ w_i·loss_i / Σ w_i over the held-out
   * rows; a fold-level measure (auc) computes itself from the fold's rows. `rows` are the
   * held-out data rows (indices into y and weights); their predictions μ (response scale,
   * offset included) are mu[start + r] for the r-th row.
   */
  cvFoldValue(
    measure: CvMeasure,
    y: Float64Array,
    rows: Int32Array,
    mu: Float64Array,
    start: number,
    weights: Float64Array | null,
  ): number;
  /** True when larger values of the measure are better (auc): λ_min then maximizes it. */
  cvMaximizes(measure: CvMeasure): boolean;
}
