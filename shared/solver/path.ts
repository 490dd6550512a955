/**
 * The regularization path driver, written against the family contract (family.ts) and the
 * coordinate-descent inner solver (coordinateDescent.ts, cd/), matching R's glmnet. For the
 * gaussian family (the only one so far, whose quadratic approximation is exact):
 *
 *   minimize over (a0, β):  (1/2)·Σ_i w_i·(y_i − offset_i − a0 − x_iᵀβ)² / Σ_i w_i
 *                           + λ·Σ_j pf_j·[α·|β_j| + (1 − α)/(2·s_y)·β_j²]      (standardize = false)
 *
 * (w_i = 1 and offset_i = 0 when not given.) With standardize = true the penalty applies to
 * s_j·β_j (s_j the weighted population sd of column j). pf is rescaled to sum to p; s_y is the
 * weighted population sd of y − offset (its root mean square when there is no intercept).
 * Shapes: x is n×p column-major; y, weights and offset have length n (data rows, also when a
 * fold fits a subset); results are per λ (beta[k] has length p). Predictions are a0 + x·β plus
 * the row's offset.
 *
 * A family whose approximation is not exact (binomial, Poisson: glmnet's lognet/fishnet) is
 * solved by irls.ts instead: an outer Newton loop at each λ around naive coordinate descent.
 *
 * One code path serves a default grid and an explicit λ sequence; a single fit is a path of
 * length one. Warm starts carry over between λ; the strong rule screens columns and the
 * KKT check catches what it wrongly discards.
 */

import { plural } from '../plural';
import { type Warning, warning } from '../warning';
import {
  type CoordinateDescentState,
  createState,
  defaultMode,
  refreshGradient,
  type SolveOutcome,
  screenStrongSet,
  solveAtLambda,
} from './coordinateDescent';
import { SolverCancelledError, SolverInputError } from './errors';
import { FAMILIES, familyByName } from './families';
import { defaultLambdaMinRatio, lambdaMaxFrom, logSpacedGrid, rescalePenaltyFactors } from './grid';
import { fitIrlsPathOnRows } from './irls';
import { releaseWorkspace } from './kernels';
import { checkLimits, hasZeroBound, standardizedLimits, withinLimits } from './limits';
import { budgetRanOut, PassBudget } from './passBudget';
import { type PathStop, type PathStopRule, pathStopReason, pathStopRule } from './pathStop';
import { decreasingLambdas, usableColumns } from './pathWarnings';
import { type StandardizedProblem, standardizeProblem } from './standardize';
import {
  DEFAULT_PATH_OPTIONS,
  type DesignMatrix,
  type PathOptions,
  type PathProgress,
  type PathResult,
} from './types';

export function resolvePathOptions(
  design: Pick<DesignMatrix, 'n' | 'p'>,
  options: Partial<PathOptions>,
): PathOptions {
  const defined = Object.fromEntries(
    Object.entries(options).filter(([, value]) => value !== undefined),
  ) as Partial<PathOptions>;
  const resolved: PathOptions = { ...DEFAULT_PATH_OPTIONS, ...defined };
  resolved.lambdaMinRatio ??= defaultLambdaMinRatio(design.n, design.p);
  validateOptions(design, resolved);
  return resolved;
}

function validateOptions({ n, p }: Pick<DesignMatrix, 'n' | 'p'>, o: PathOptions): void {
  const fail = (message: string): never => {
    throw new SolverInputError(message);
  };
  if (n < 2) fail(`At least 2 rows are needed to fit a model; the data has ${n}.`);
  if (p < 1) fail('At least one feature is needed; choose one or more feature columns.');
  if (o.family !== undefined && !Object.hasOwn(FAMILIES, o.family)) {
    fail(
      `Unknown family '${String(o.family)}'; expected one of ${Object.keys(FAMILIES).join(', ')}.`,
    );
  }
  if (!(o.alpha >= 0 && o.alpha <= 1)) {
    fail(`alpha (the L1 ratio) must be between 0 (ridge) and 1 (lasso); got ${o.alpha}.`);
  }
  if (!Number.isInteger(o.nlambda) || o.nlambda < 1) {
    fail(`The number of λ values must be a whole number ≥ 1; got ${o.nlambda}.`);
  }
  const ratio = o.lambdaMinRatio!;
  if (!(ratio > 0 && ratio < 1)) {
    fail(`The λ-min ratio must be strictly between 0 and 1; got ${ratio}.`);
  }
  if (!(o.thresh > 0 && Number.isFinite(o.thresh))) {
    fail(`The convergence threshold must be a positive number; got ${o.thresh}.`);
  }
  if (!Number.isInteger(o.maxIter) || o.maxIter < 1) {
    fail(`The iteration cap must be a whole number ≥ 1; got ${o.maxIter}.`);
  }
  if (
    o.maxIterPerLambda !== undefined &&
    (!Number.isInteger(o.maxIterPerLambda) || o.maxIterPerLambda < 1)
  ) {
    fail(`The iteration cap per λ must be a whole number ≥ 1; got ${o.maxIterPerLambda}.`);
  }
  if (o.lambda !== undefined) {
    if (o.lambda.length === 0) fail('The λ sequence is empty; give at least one value.');
    for (const value of o.lambda) {
      if (!(value >= 0 && Number.isFinite(value))) {
        fail(`Every λ must be a finite number ≥ 0; got ${value}.`);
      }
    }
  }
  checkLimits(p, o.lowerLimits, o.upperLimits);
  if (o.penaltyFactor !== undefined) {
    if (o.penaltyFactor.length !== p) {
      fail(`Expected ${p} penalty factors (one per column); got ${o.penaltyFactor.length}.`);
    }
    for (const value of o.penaltyFactor) {
      // Infinity is glmnet's exclude (pathWarnings.ts).
      if (!(value >= 0)) fail(`Penalty factors must be numbers ≥ 0 or Infinity; got ${value}.`);
    }
    if (!o.penaltyFactor.some((value) => value > 0 && value < Infinity)) {
      fail(
        'At least one penalty factor must be positive and finite, or there is no path to compute.',
      );
    }
  }
}

function checkShapes(design: DesignMatrix, y: Float64Array): void {
  const { n, p, values } = design;
  if (values.length !== n * p) {
    throw new SolverInputError(
      `The design matrix holds ${values.length} values; expected n·p = ${n * p}.`,
    );
  }
  if (y.length !== n)
    throw new SolverInputError(`The target has ${y.length} values; expected ${n}.`);
  // The design's values are checked while standardizing, which reads them anyway; the target
  // by its family.
}

/**
 * Observation weights must be finite and ≥ 0 with a positive sum (the sum over the rows a fold
 * fits is checked while standardizing); an offset finite. Both have one value per data row.
 */
export function checkWeightsAndOffset(
  n: number,
  weights: Float64Array | undefined,
  offset: Float64Array | undefined,
): void {
  const fail = (message: string): never => {
    throw new SolverInputError(message);
  };
  if (weights) {
    if (weights.length !== n)
      fail(`Expected ${n} observation weights (one per row); got ${weights.length}.`);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i]!;
      if (!Number.isFinite(w))
        fail(`Observation weights must be finite numbers; row ${i + 1} has ${w}.`);
      if (w < 0) fail(`Observation weights must be ≥ 0; row ${i + 1} has ${w}.`);
      sum += w;
    }
    if (!(sum > 0))
      fail('The observation weights sum to 0; at least one row needs a positive weight.');
    if (!Number.isFinite(sum))
      fail('The observation weights are so large that their sum overflows; rescale them.');
  }
  if (offset) {
    if (offset.length !== n)
      fail(`Expected ${n} offset values (one per row); got ${offset.length}.`);
    for (let i = 0; i < n; i++) {
      if (!Number.isFinite(offset[i]!))
        fail(`The offset has a missing or infinite value at row ${i + 1}.`);
    }
  }
}

/** Accumulates one path point per solved λ, on the original scale. */
class PathCollector {
  readonly lambda: number[] = [];
  readonly a0: number[] = [];
  readonly beta: number[][] = [];
  readonly df: number[] = [];
  readonly devRatio: number[] = [];
  readonly passes: number[] = [];
  readonly sweeps: number[] = [];
  readonly convergedAt: boolean[] = [];

  constructor(
    private readonly problem: StandardizedProblem,
    private readonly options: PathOptions,
  ) {}

  record(
    state: CoordinateDescentState,
    lambdaStd: number,
    outcome: SolveOutcome,
    atInfinity = false,
  ): void {
    const { p, xCenter, xScale, yCenter, yScale, usable, ySquareMean } = this.problem;
    const coefficients = new Array<number>(p).fill(0);
    let intercept = yCenter;
    let nonzero = 0;
    for (let j = 0; j < p; j++) {
      const b = state.beta[j]!;
      if (b === 0 || !usable[j] || (atInfinity && state.penaltyFactor[j]! > 0)) continue;
      const value = withinLimits(
        (yScale * b) / xScale[j]!,
        j,
        this.options.lowerLimits,
        this.options.upperLimits,
      );
      coefficients[j] = value;
      intercept -= value * xCenter[j]!;
      nonzero++;
    }
    this.lambda.push(lambdaStd * yScale);
    this.a0.push(intercept);
    this.beta.push(coefficients);
    this.df.push(nonzero);
    // At λ = ∞ only unpenalized columns carry weight; glmnet's ~1e-36 ridge placeholders must
    // not show up as deviance explained.
    const fittedAnything =
      !atInfinity || state.penaltyFactor.some((pf, j) => pf === 0 && usable[j] === 1);
    this.devRatio.push(fittedAnything ? state.explained / ySquareMean : 0);
    this.passes.push(outcome.passes);
    this.sweeps.push(outcome.sweeps);
    this.convergedAt.push(outcome.converged);
  }

  /**
   * glmnet's rule: after mnlam values, stop once the deviance ratio gains under fdev relative
   * to itself, or passes devmax; the reason, or null to go on.
   */
  pathStopReason(rule: PathStopRule): PathStop['reason'] | null {
    const k = this.devRatio.length;
    if (k < rule.minLambdas) return null;
    const current = this.devRatio[k - 1]!;
    const previous = this.devRatio[k - 2]!;
    return pathStopReason(current - previous, rule.fdev * current, current, rule);
  }
}

/**
 * glmnet's λ = ∞ step: solve at λ = 9.9e35, where every penalized coefficient is 0 (or, for
 * a ridge part, below 1e-35) and the unpenalized columns get least squares. Those tiny
 * ridge values are kept as the warm start, as in glmnet, and reported as exact zeros.
 */
const GLMNET_BIG = 9.9e35;
function solveAtInfinity(state: CoordinateDescentState, options: PathOptions, cap: number) {
  screenStrongSet(state, options.alpha, GLMNET_BIG, 0);
  const outcome = solveAtLambda(
    state,
    GLMNET_BIG * options.alpha,
    GLMNET_BIG * (1 - options.alpha),
    options.thresh,
    cap,
  );
  refreshGradient(state);
  return outcome;
}

/** A λ whose solve stopped at the per-λ cap (not the path's): approximate, and said so. */
function notConverged(
  outcome: SolveOutcome,
  k: number,
  lambda: number,
  options: PathOptions,
  warnings: Warning[],
) {
  if (outcome.converged) return;
  const at = Number.isFinite(lambda) ? `λ = ${formatLambda(lambda)}` : 'λ = ∞';
  warnings.push(
    warning(
      'not-converged',
      `Coordinate descent did not converge at ${at} (value ${k + 1} of the path) within the cap of ${plural(options.maxIterPerLambda ?? options.maxIter, 'sweep')} per λ; its coefficients are approximate. Raise the cap or loosen the convergence threshold.`,
    ),
  );
}

function formatLambda(value: number): string {
  return value.toPrecision(6);
}

export function fitPath(
  design: DesignMatrix,
  y: Float64Array,
  partialOptions: Partial<PathOptions> = {},
  onProgress?: PathProgress,
): PathResult {
  return fitPathOnRows(design, y, null, partialOptions, onProgress);
}

/**
 * fitPath on the rows `rows` of (x, y) only (all of them when null), read in place: a
 * cross-validation fold fits its training rows without a copy of them.
 */
export function fitPathOnRows(
  design: DesignMatrix,
  y: Float64Array,
  rows: Int32Array | null,
  partialOptions: Partial<PathOptions> = {},
  onProgress?: PathProgress,
): PathResult {
  const started = performance.now();
  const options = resolvePathOptions(
    { n: rows ? rows.length : design.n, p: design.p },
    partialOptions,
  );
  checkShapes(design, y);
  const family = familyByName(options.family ?? 'gaussian');
  family.validateTarget(y);
  const { weights, offset } = options;
  checkWeightsAndOffset(design.n, weights, offset);
  if (!family.quadraticIsExact) {
    // binomial, Poisson: glmnet's lognet / fishnet, an IRLS loop around coordinate descent.
    return fitIrlsPathOnRows(family, design, y, rows, options, started, onProgress);
  }
  // The quadratic approximation at β = 0 (η = offset). Exact for this family, so it is the
  // whole problem: one weighted least-squares fit of z with weights ω (gaussian: z = y − offset,
  // ω = w). Without weights or offset that is y itself, read in place.
  let response = y;
  let omega: Float64Array | null = null;
  if (weights || offset) {
    const n = design.n;
    response = new Float64Array(n);
    omega = new Float64Array(n);
    family.workingResponse(
      y,
      offset ?? new Float64Array(n),
      weights ?? null,
      offset ?? null,
      response,
      omega,
    );
  }
  const problem = standardizeProblem(
    design,
    response,
    options.standardize,
    options.intercept,
    rows,
    weights ? omega : null,
  );
  try {
    return solvePath(problem, options, started, onProgress);
  } finally {
    releaseWorkspace(problem.workspace);
  }
}

/**
 * The path on a problem already standardized (in memory by fitPathOnRows, or from streamed
 * sufficient statistics by sufficientStats.ts): everything after the standardization, written
 * once so that both modes run the same descent, grid and stopping rule.
 */
export function solvePath(
  problem: StandardizedProblem,
  options: PathOptions,
  started: number,
  onProgress?: PathProgress,
): PathResult {
  const { p, usable, yScale } = problem;
  const penaltyFactor = rescalePenaltyFactors(options.penaltyFactor, p);
  const warnings: Warning[] = [];
  const constantColumns = usableColumns(usable, options.penaltyFactor, warnings);
  // Covariance updates are the gaussian fast path: they need the weighted least-squares problem
  // to stay the same at every λ (the family's quadratic approximation to be exact).
  const state = createState(
    problem,
    penaltyFactor,
    problem.gram
      ? 'covariance'
      : !options.updates || options.updates === 'auto'
        ? defaultMode(p)
        : options.updates,
    options.kktScreening ?? 'bounds',
    standardizedLimits(options.lowerLimits, options.upperLimits, problem.xScale, yScale),
  );

  // λ = ∞ first: fit the unpenalized columns. This is the first point of the default grid,
  // and the residual it leaves defines λ_max. For an explicit sequence it is just a warm start,
  // which glmnet does not make: its passes do not count against maxit there.
  const explicit = options.lambda !== undefined;
  const budget = new PassBudget(options.maxIter, options.maxIterPerLambda);
  const unpenalized = solveAtInfinity(state, options, budget.capForNextLambda());
  const lambdaMax = lambdaMaxFrom(
    (j) => state.updates.storedMagnitude(j),
    penaltyFactor,
    usable,
    options.alpha,
  );
  const collector = new PathCollector(problem, options);
  let grid: Float64Array;
  let first: number;
  if (explicit) {
    const sorted = decreasingLambdas(options.lambda!, warnings);
    grid = Float64Array.from(sorted, (value) => value / yScale);
    first = 0;
  } else {
    if (lambdaMax > 0) {
      grid = logSpacedGrid(lambdaMax, options.lambdaMinRatio!, options.nlambda);
    } else {
      grid = Float64Array.of(0);
      warnings.push(
        warning(
          'lambda-max-zero',
          'No penalized feature is related to the target (λ_max = 0), so the path has a single point.',
        ),
      );
    }
    if (budget.spend(unpenalized.sweeps, unpenalized.converged) === 'exhausted') {
      budgetRanOut(0, lambdaMax * yScale, budget, warnings);
    }
    notConverged(unpenalized, 0, Number.POSITIVE_INFINITY, options, warnings);
    collector.record(state, grid[0]!, unpenalized, true);
    first = 1;
    if (onProgress?.(1, grid.length)) throw new SolverCancelledError();
  }

  const stopRule = pathStopRule(
    options.pathStop,
    hasZeroBound(options.lowerLimits, options.upperLimits),
  );
  let stopped: PathStop | null = null;
  let previousLambda = explicit ? grid[0]! : lambdaMax;
  for (let k = first; k < grid.length; k++) {
    const lambda = grid[k]!;
    screenStrongSet(state, options.alpha, lambda, previousLambda);
    const outcome = solveAtLambda(
      state,
      lambda * options.alpha,
      lambda * (1 - options.alpha),
      options.thresh,
      budget.capForNextLambda(),
    );
    if (budget.spend(outcome.sweeps, outcome.converged) === 'exhausted') {
      // glmnet's maxit: the path is the values solved before this one.
      budgetRanOut(k, lambda * yScale, budget, warnings);
      break;
    }
    notConverged(outcome, k, lambda * yScale, options, warnings);
    collector.record(state, lambda, outcome);
    if (onProgress?.(k + 1, grid.length)) throw new SolverCancelledError();
    if (!explicit) {
      const reason = collector.pathStopReason(stopRule);
      if (reason) {
        if (k + 1 < grid.length) stopped = { fitted: k + 1, requested: grid.length, reason };
        break;
      }
    }
    previousLambda = lambda;
  }

  const { lambda, a0, beta, df, devRatio, passes, sweeps, convergedAt } = collector;
  return {
    lambda,
    a0,
    beta,
    df,
    devRatio,
    nulldev: problem.nulldev,
    standardization: {
      xCenter: Array.from(problem.xCenter),
      xScale: Array.from(problem.xScale),
      yCenter: problem.yCenter,
      yScale,
      xSd: Array.from(problem.xSd),
      ySd: problem.ySd,
    },
    options,
    diagnostics: {
      converged: convergedAt.every(Boolean),
      convergedAt,
      passes,
      sweeps,
      warnings,
      lambdaMax: lambdaMax * yScale,
      constantColumns,
      gradientDotProducts: { ...state.updates.work },
      pathStop: stopped,
      seconds: (performance.now() - started) / 1000,
    },
  };
}
