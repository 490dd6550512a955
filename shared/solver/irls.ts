/**
 * The regularization path for families whose quadratic approximation is not exact (binomial,
 * Poisson): glmnet's lognet2n / fishnet1, step for step, so that paths match R to rounding.
 *
 *   minimize over (a0, β):  −Σ_i w_i·ℓ(y_i; μ_i) + λ·Σ_j pf_j·[α·|β_j| + (1 − α)/2·β_j²]
 *   η_i = a0 + x̃_iᵀb + offset_i,  μ_i = g⁻¹(η_i),  w normalized to Σw = 1
 *
 * x̃ is x centred (with an intercept) and scaled (when standardizing) by the weighted mean and
 * weighted population sd; b_j = s_j·β_j. At each λ an outer Newton (IRLS) loop solves the
 * weighted least-squares approximation at the current η by coordinate descent:
 *
 *   r_i = w_i·(y_i − μ_i)      the score, kept current as coefficients move (r −= Δ·ω∘x̃_j)
 *   ω_i = w_i·(dμ/dη)_i        working weights (binomial w·μ(1 − μ), Poisson w·μ)
 *   b_j ← S(x̃_jᵀr + xv_j·b_j, λα·pf_j) / (xv_j + λ(1 − α)·pf_j),   xv_j = Σ ω_i·x̃_ij²
 *   a0  ← a0 + Σr/Σω            after each pass (the intercept is not implied by centring:
 *                               x̃ is centred with w, not ω)
 *
 * until no coordinate moved by more than thresh·dev0 (dev0 the half null deviance), measured
 * as xv_j·Δb_j²; the Newton loop ends when a whole solve leaves every coefficient within that
 * too, and the KKT check on the columns outside the strong set finds no violation.
 *
 * The default grid starts at glmnet's λ = ∞ fit (the intercept, the offset and the unpenalized
 * columns); λ_max = max_j |x̃_jᵀr|/pf_j / max(α, 0.001) at that fit, then λ_k = λ_max·ratio^(k/(K−1)).
 * The path ends early as glmnet's does (deviance ratio gains too little or passes 0.999, or,
 * binomial, the working weights vanish: the fit has saturated).
 *
 * Shapes: x̃ is n×p column-major in a kernels workspace (Float64Array), with the score r, ω
 * and η after it (so the WebAssembly kernels reach them); y, w, offset, μ have length n (the
 * rows fitted); b, xv, pf have length p. Nothing in the passes allocates.
 */
import { plural } from '../plural';
import { type Warning, warning } from '../warning';
import { SolverCancelledError, SolverInputError } from './errors';
import type { Family, IrlsFamily } from './family';
import { ALPHA_FLOOR_FOR_LAMBDA_MAX, rescalePenaltyFactors } from './grid';
import { acquireWorkspace, releaseWorkspace, type Workspace } from './kernels';
import { hasZeroBound, type StandardizedLimits, standardizedLimits, withinLimits } from './limits';
import { budgetRanOut, PassBudget } from './passBudget';
import { type PathStop, pathStopReason, pathStopRule } from './pathStop';
import { decreasingLambdas, usableColumns } from './pathWarnings';
import type { DesignMatrix, PathOptions, PathProgress, PathResult } from './types';

/** glmnet.control()'s big: the λ = ∞ stand-in. */
const GLMNET_BIG = 9.9e35;
/** Relative margin by which a zero coefficient's score must pass the penalty to move. */
const TIE_TOLERANCE = 1e-9;

interface GlmProblem {
  n: number;
  p: number;
  workspace: Workspace;
  /** x̃, the start of the workspace. */
  x: Float64Array;
  /** Offsets in the workspace of the score r, the working weights ω and η (length n each). */
  scoreAt: number;
  omegaAt: number;
  etaAt: number;
  /** Room for p gradients (the batched KKT check), then one double for a kernel's second result. */
  gradientsAt: number;
  curvatureAt: number;
  y: Float64Array;
  /** Observation weights normalized to Σw = 1. */
  w: Float64Array;
  /** Σ of the weights as given (glmnet's nulldev is in those units). */
  weightSum: number;
  offset: Float64Array | null;
  usable: Uint8Array;
  xCenter: Float64Array;
  xScale: Float64Array;
  xSd: Float64Array;
}

function standardizeGlm(
  design: DesignMatrix,
  yAll: Float64Array,
  rows: Int32Array | null,
  options: PathOptions,
): GlmProblem {
  const { p, values } = design;
  const n = rows ? rows.length : design.n;
  const pick = (all: Float64Array) => (rows ? Float64Array.from(rows, (i) => all[i]!) : all);
  const y = pick(yAll);
  const w = options.weights
    ? Float64Array.from(pick(options.weights))
    : new Float64Array(n).fill(1);
  let weightSum = 0;
  for (let i = 0; i < n; i++) weightSum += w[i]!;
  if (!(weightSum > 0)) {
    throw new SolverInputError(
      'The observation weights of the rows fitted sum to 0, so there is nothing to fit; give some rows a positive weight.',
    );
  }
  for (let i = 0; i < n; i++) w[i]! /= weightSum;
  const offset = options.offset ? pick(options.offset) : null;
  const workspace = acquireWorkspace(n * p + 3 * n + p + 1);
  const x = workspace.data.subarray(0, n * p);
  const usable = new Uint8Array(p);
  const xCenter = new Float64Array(p);
  const xScale = new Float64Array(p).fill(1);
  const xSd = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    const column = x.subarray(j * n, (j + 1) * n);
    const source = j * design.n;
    if (rows) for (let i = 0; i < n; i++) column[i] = values[source + rows[i]!]!;
    else column.set(values.subarray(source, source + n));
    // glmnet's chkvars: a column equal to its first value on every row cannot be fitted.
    const first = column[0]!;
    let constant = true;
    let mean = 0;
    for (let i = 0; i < n; i++) {
      const v = column[i]!;
      if (v !== first) constant = false;
      mean += w[i]! * v;
    }
    // A NaN or infinity anywhere makes the weighted sum non-finite (or NaN): find it only then.
    if (!Number.isFinite(mean)) {
      for (let i = 0; i < n; i++) {
        if (!Number.isFinite(column[i]!)) {
          const row = rows ? rows[i]! : i;
          throw new SolverInputError(
            `Column ${j + 1} has a missing or infinite value at row ${row + 1}.`,
          );
        }
      }
    }
    if (constant) {
      column.fill(0);
      continue;
    }
    let spread = 0;
    for (let i = 0; i < n; i++) spread += w[i]! * (column[i]! - mean) ** 2;
    const sd = Math.sqrt(spread);
    if (!(sd > 0) || !Number.isFinite(sd)) {
      if (!Number.isFinite(sd)) {
        throw new SolverInputError(
          `Column ${j + 1} has values too large to fit (their squares overflow double precision); rescale it (for example, divide it by 1e100).`,
        );
      }
      column.fill(0); // constant on the rows of positive weight
      continue;
    }
    const center = options.intercept ? mean : 0;
    const scale = options.standardize ? sd : 1;
    for (let i = 0; i < n; i++) column[i] = (column[i]! - center) / scale;
    usable[j] = 1;
    xCenter[j] = center;
    xScale[j] = scale;
    xSd[j] = sd;
  }
  return {
    n,
    p,
    workspace,
    x,
    scoreAt: n * p,
    omegaAt: n * p + n,
    etaAt: n * p + 2 * n,
    gradientsAt: n * p + 3 * n,
    curvatureAt: n * p + 3 * n + p,
    y,
    w,
    weightSum,
    offset,
    usable,
    xCenter,
    xScale,
    xSd,
  };
}

/** The coordinate-descent state of one IRLS path, reused from λ to λ (warm starts). */
class IrlsState {
  readonly b: Float64Array;
  a0 = 0;
  readonly previousB: Float64Array;
  previousA0 = 0;
  /** Σ ω·x̃_j² at the current Newton step, for the strong-set columns. */
  readonly xv: Float64Array;
  readonly strong: Uint8Array;
  readonly isActive: Uint8Array;
  /** Columns ever nonzero, in order of entry (glmnet's ia). */
  readonly active: Int32Array;
  activeCount = 0;
  /** The strong set in column order, rebuilt for each weighted least-squares solve. */
  readonly strongList: Int32Array;
  /** |x̃_jᵀr| as last computed, for screening and λ_max. */
  readonly absGradient: Float64Array;
  /** Views of the workspace: the score r, the working weights ω, the linear predictor η. */
  readonly score: Float64Array;
  readonly omega: Float64Array;
  readonly eta: Float64Array;
  readonly mu: Float64Array;
  omegaSum = 0;
  clamped = 0;
  threshold = 0;

  constructor(
    readonly problem: GlmProblem,
    readonly family: IrlsFamily,
    readonly penaltyFactor: Float64Array,
    readonly intercept: boolean,
    /** Bounds on the standardized scale (limits.ts), or null: none. */
    readonly limits: StandardizedLimits | null = null,
  ) {
    const { n, p } = problem;
    this.b = new Float64Array(p);
    this.previousB = new Float64Array(p);
    this.xv = new Float64Array(p);
    this.strong = new Uint8Array(p);
    this.isActive = new Uint8Array(p);
    this.active = new Int32Array(p);
    this.strongList = new Int32Array(p);
    this.absGradient = new Float64Array(p);
    const { data } = problem.workspace;
    this.score = data.subarray(problem.scoreAt, problem.scoreAt + n);
    this.omega = data.subarray(problem.omegaAt, problem.omegaAt + n);
    this.eta = data.subarray(problem.etaAt, problem.etaAt + n);
    this.mu = new Float64Array(n);
  }

  /** η from the current coefficients, then μ, ω and the score. */
  refresh(): void {
    const { n, offset, y, w, workspace, etaAt } = this.problem;
    const eta = this.eta;
    for (let i = 0; i < n; i++) eta[i] = this.a0 + (offset ? offset[i]! : 0);
    for (let a = 0; a < this.activeCount; a++) {
      const j = this.active[a]!;
      const b = this.b[j]!;
      if (b !== 0) workspace.axpy(etaAt, j * n, b, n);
    }
    const { omegaSum, clamped } = this.family.update(y, w, eta, this.mu, this.omega, this.score);
    this.omegaSum = omegaSum;
    this.clamped = clamped;
  }

  gradient(j: number): number {
    const { n, workspace, scoreAt } = this.problem;
    return workspace.dot(j * n, scoreAt, n);
  }

  /**
   * Recompute |x̃_jᵀr| for the usable columns outside the strong set: in one WebAssembly call
   * over every column when most are outside it (thousands of short columns otherwise cost more
   * in calls than in arithmetic), else column by column. The values are the same either way.
   */
  refreshGradientsOutsideStrongSet(): void {
    const { p, n, usable, workspace, scoreAt, gradientsAt } = this.problem;
    let outside = 0;
    for (let j = 0; j < p; j++) if (usable[j] && !this.strong[j]) outside++;
    if (outside * 4 >= p * 3) {
      workspace.dots(0, n, p, scoreAt, gradientsAt);
      const gradients = workspace.data;
      for (let j = 0; j < p; j++) {
        if (usable[j] && !this.strong[j])
          this.absGradient[j] = Math.abs(gradients[gradientsAt + j]!);
      }
      return;
    }
    for (let j = 0; j < p; j++) {
      if (usable[j] && !this.strong[j]) this.absGradient[j] = Math.abs(this.gradient(j));
    }
  }

  /** glmnet's sequential strong rule: a column enters when |x̃_jᵀr| > α·(2λ − λ_prev)·pf_j. */
  screen(alpha: number, lambda: number, previousLambda: number): void {
    const cutoff = alpha * (2 * lambda - previousLambda);
    for (let j = 0; j < this.problem.p; j++) {
      if (this.strong[j] || !this.problem.usable[j]) continue;
      if (this.absGradient[j]! > cutoff * this.penaltyFactor[j]!) this.strong[j] = 1;
    }
  }

  /**
   * One pass of coordinate updates over the first `count` columns of `list`, in order; returns
   * the largest xv_j·Δ². Each move updates the score fused with the next column's gradient
   * (waxpyDot), so the score is read once for both.
   */
  private sweep(
    list: Int32Array,
    count: number,
    l1: number,
    l2: number,
    withCurvature: boolean,
  ): number {
    const { n, workspace, scoreAt, omegaAt, curvatureAt } = this.problem;
    const data = workspace.data;
    let moved = 0;
    let known = false;
    let nextGradient = 0;
    for (let a = 0; a < count; a++) {
      const j = list[a]!;
      let gradient: number;
      if (known) gradient = nextGradient;
      else if (withCurvature) {
        gradient = workspace.dotCurvature(j * n, scoreAt, omegaAt, n, curvatureAt);
        this.xv[j] = data[curvatureAt]!;
      } else gradient = workspace.dot(j * n, scoreAt, n);
      known = false;
      const old = this.b[j]!;
      const xv = this.xv[j]!;
      const u = gradient + old * xv;
      const pf = this.penaltyFactor[j]!;
      const v = Math.abs(u) - pf * l1;
      // A zero coefficient stays 0 when its score only reaches the penalty by rounding (a tie,
      // as between a level column and the rest of its one-hot group): of equally good
      // solutions the sparse one, not a 1e-5 "selected" feature that rounding happened to pick.
      let next =
        v > (old === 0 ? TIE_TOLERANCE * pf * l1 : 0) ? Math.sign(u) * (v / (xv + pf * l2)) : 0;
      // glmnet's clamp to the box (limits.ts): the bounded coordinate's exact minimizer.
      const limits = this.limits;
      if (limits && next !== 0) next = Math.max(limits.lower[j]!, Math.min(limits.upper[j]!, next));
      if (next === old) continue;
      if (!this.isActive[j]) {
        this.isActive[j] = 1;
        this.active[this.activeCount++] = j;
      }
      this.b[j] = next;
      const delta = next - old;
      moved = Math.max(moved, xv * delta * delta);
      if (a + 1 < count && withCurvature) {
        const following = list[a + 1]!;
        nextGradient = workspace.waxpyDotCurvature(
          scoreAt,
          j * n,
          omegaAt,
          -delta,
          following * n,
          n,
          curvatureAt,
        );
        this.xv[following] = data[curvatureAt]!;
        known = true;
      } else if (a + 1 < count) {
        nextGradient = workspace.waxpyDot(scoreAt, j * n, omegaAt, -delta, list[a + 1]! * n, n);
        known = true;
      } else {
        workspace.waxpy(scoreAt, j * n, omegaAt, -delta, n);
      }
    }
    return moved;
  }

  /** The intercept's Newton step after a pass; returns Σω·Δ². */
  private updateIntercept(): number {
    if (!this.intercept) return 0;
    const score = this.score;
    const n = this.problem.n;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += score[i]!;
    const d = sum / this.omegaSum;
    if (d === 0) return 0;
    this.a0 += d;
    const { workspace, scoreAt, omegaAt } = this.problem;
    workspace.axpy(scoreAt, omegaAt, -d, n);
    return this.omegaSum * d * d;
  }

  /**
   * The weighted least-squares solve at the current (ω, r): passes over the strong set, then
   * over the active set until they settle, until a pass over the strong set settles. Returns
   * the passes made, or -1 if the cap was reached first.
   */
  solveWeightedLeastSquares(l1: number, l2: number, maxPasses: number): number {
    let passes = 0;
    // The strong set in column order, as glmnet's full pass visits it (fixed during the solve).
    let strongCount = 0;
    for (let j = 0; j < this.problem.p; j++) if (this.strong[j]) this.strongList[strongCount++] = j;
    // The first pass also computes each strong column's curvature xv_j = Σω·x̃_j² for this
    // Newton step, in the same reads of the columns.
    let first = true;
    for (;;) {
      let moved = this.sweep(this.strongList, strongCount, l1, l2, first);
      first = false;
      moved = Math.max(moved, this.updateIntercept());
      passes++;
      if (moved < this.threshold) return passes;
      if (passes >= maxPasses) return -1;
      for (;;) {
        let activeMoved = this.sweep(this.active, this.activeCount, l1, l2, false);
        activeMoved = Math.max(activeMoved, this.updateIntercept());
        passes++;
        if (activeMoved < this.threshold) break;
        if (passes >= maxPasses) return -1;
      }
    }
  }

  /** Start a Newton step: remember the coefficients (the first pass computes the curvatures). */
  beginNewtonStep(): void {
    this.previousA0 = this.a0;
    for (let a = 0; a < this.activeCount; a++) {
      const j = this.active[a]!;
      this.previousB[j] = this.b[j]!;
    }
  }

  /** Whether the Newton step left every coefficient (by xv·Δ², intercept by Σω·Δ²) within the threshold. */
  newtonConverged(): boolean {
    const d0 = this.a0 - this.previousA0;
    if (this.omegaSum * d0 * d0 > this.threshold) return false;
    for (let a = 0; a < this.activeCount; a++) {
      const j = this.active[a]!;
      const d = this.b[j]! - this.previousB[j]!;
      if (this.xv[j]! * d * d > this.threshold) return false;
    }
    return true;
  }

  /** The KKT check outside the strong set; violators join it. True when there were none. */
  kktHolds(l1: number): boolean {
    this.refreshGradientsOutsideStrongSet();
    let holds = true;
    for (let j = 0; j < this.problem.p; j++) {
      if (this.strong[j] || !this.problem.usable[j]) continue;
      if (this.absGradient[j]! > l1 * this.penaltyFactor[j]! * (1 + TIE_TOLERANCE)) {
        this.strong[j] = 1;
        holds = false;
      }
    }
    return holds;
  }
}

interface PointOutcome {
  converged: boolean;
  passes: number;
  newtonSteps: number;
  saturated: boolean;
}

/**
 * Solve at one λ: Newton steps until they settle and the KKT check passes. As glmnet's maxit, a
 * Newton step does not start once the path's passes are past the budget, and a weighted
 * least-squares solve stops when a pass that has not converged takes them past it.
 */
function solveIrlsAt(state: IrlsState, l1: number, l2: number, budget: PassBudget): PointOutcome {
  const maxPasses = budget.capForNextLambda();
  let passes = 0;
  let newtonSteps = 0;
  for (;;) {
    if (budget.exhaustedAfter(passes)) {
      return { converged: false, passes, newtonSteps, saturated: false };
    }
    state.beginNewtonStep();
    const made = state.solveWeightedLeastSquares(l1, l2, Math.max(1, maxPasses - passes));
    newtonSteps++;
    state.refresh();
    if (made < 0) return { converged: false, passes: maxPasses, newtonSteps, saturated: false };
    passes += made;
    if (state.omegaSum <= state.family.minOmegaSum) {
      return { converged: true, passes, newtonSteps, saturated: true };
    }
    if (state.newtonConverged() && state.kktHolds(l1)) {
      return { converged: true, passes, newtonSteps, saturated: false };
    }
    if (passes >= maxPasses) return { converged: false, passes, newtonSteps, saturated: false };
  }
}

export function fitIrlsPathOnRows(
  family: Family,
  design: DesignMatrix,
  y: Float64Array,
  rows: Int32Array | null,
  options: PathOptions,
  started: number,
  onProgress?: PathProgress,
): PathResult {
  const irls = family.irls!;
  const problem = standardizeGlm(design, y, rows, options);
  try {
    return solveIrlsPath(family, irls, problem, options, started, onProgress);
  } finally {
    releaseWorkspace(problem.workspace);
  }
}

function solveIrlsPath(
  family: Family,
  irls: IrlsFamily,
  problem: GlmProblem,
  options: PathOptions,
  started: number,
  onProgress?: PathProgress,
): PathResult {
  const { n, p, usable, w, y, offset, xCenter, xScale } = problem;
  const penaltyFactor = rescalePenaltyFactors(options.penaltyFactor, p);
  const warnings: Warning[] = [];
  const constantColumns = usableColumns(usable, options.penaltyFactor, warnings);
  const state = new IrlsState(
    problem,
    irls,
    penaltyFactor,
    options.intercept,
    standardizedLimits(options.lowerLimits, options.upperLimits, xScale, 1),
  );

  const start = irls.start(y, w, offset, options.intercept);
  state.a0 = start.intercept;
  state.refresh();
  const dev0 = start.halfNullDeviance;
  state.threshold = options.thresh * dev0;
  state.refreshGradientsOutsideStrongSet();

  const lambdas: number[] = [];
  const a0s: number[] = [];
  const betas: number[][] = [];
  const dfs: number[] = [];
  const devRatios: number[] = [];
  const passesAt: number[] = [];
  const sweepsAt: number[] = [];
  const convergedAt: boolean[] = [];
  let clampedMost = 0;
  let clampedAtLambda = 0;

  const record = (lambda: number, outcome: PointOutcome, atInfinity: boolean) => {
    const beta = new Array<number>(p).fill(0);
    let a0 = options.intercept ? state.a0 : 0;
    let nonzero = 0;
    for (let j = 0; j < p; j++) {
      const b = state.b[j]!;
      // At λ = ∞ a ridge part leaves ~1e-36 placeholders; they are zeros (as in glmnet's output).
      if (b === 0 || (atInfinity && penaltyFactor[j]! > 0)) continue;
      const value = withinLimits(b / xScale[j]!, j, options.lowerLimits, options.upperLimits);
      beta[j] = value;
      a0 -= value * xCenter[j]!;
      nonzero++;
    }
    lambdas.push(lambda);
    a0s.push(a0);
    betas.push(beta);
    dfs.push(nonzero);
    // At λ = ∞ with nothing unpenalized the fit is the null model: its ratio is 0, not ±1e-16.
    const nullFit = atInfinity && !penaltyFactor.some((pf, j) => pf === 0 && usable[j] === 1);
    devRatios.push(
      nullFit ? 0 : (start.nullNegLogLik - irls.negLogLik(y, w, state.eta, state.mu)) / dev0,
    );
    passesAt.push(outcome.passes);
    sweepsAt.push(outcome.passes);
    convergedAt.push(outcome.converged);
    if (state.clamped > clampedMost) {
      clampedMost = state.clamped;
      clampedAtLambda = lambda;
    }
    if (!outcome.converged) {
      warnings.push(
        warning(
          'not-converged',
          `The fit did not converge at λ = ${lambda.toPrecision(6)} (value ${lambdas.length} of the path) within the cap of ${plural(options.maxIterPerLambda ?? options.maxIter, 'coordinate pass', 'coordinate passes')} per λ; its coefficients are approximate. Raise the cap or loosen the convergence threshold.`,
        ),
      );
    }
  };

  const explicit = options.lambda !== undefined;
  let grid: number[];
  if (explicit) {
    grid = decreasingLambdas(options.lambda!, warnings);
  } else {
    grid = [];
  }
  const nlambda = explicit ? grid.length : options.nlambda;
  const ratio = options.lambdaMinRatio!;
  const step = nlambda > 1 ? Math.max(ratio, 1e-6) ** (1 / (nlambda - 1)) : 1;
  const stopRule = pathStopRule(
    options.pathStop,
    hasZeroBound(options.lowerLimits, options.upperLimits),
  );
  const minLambdas = Math.min(stopRule.minLambdas, nlambda);
  let stopped: PathStop | null = null;
  const budget = new PassBudget(options.maxIter, options.maxIterPerLambda);
  let ranOut = false;
  let lambdaMax = 0;
  let previousLambda = 0;
  let saturatedAt = -1;

  for (let m = 0; m < nlambda; m++) {
    let lambda: number;
    let atInfinity = false;
    if (explicit) lambda = grid[m]!;
    else if (m === 0) {
      lambda = GLMNET_BIG;
      atInfinity = true;
    } else if (m === 1) {
      for (let j = 0; j < p; j++) {
        if (!usable[j] || penaltyFactor[j]! <= 0) continue;
        lambdaMax = Math.max(lambdaMax, state.absGradient[j]! / penaltyFactor[j]!);
      }
      lambdaMax /= Math.max(options.alpha, ALPHA_FLOOR_FOR_LAMBDA_MAX);
      previousLambda = lambdaMax;
      lambda = lambdaMax * step;
    } else lambda = previousLambda * step;

    state.screen(options.alpha, lambda, previousLambda);
    const outcome = solveIrlsAt(
      state,
      lambda * options.alpha,
      lambda * (1 - options.alpha),
      budget,
    );
    if (budget.spend(outcome.passes, outcome.converged) === 'exhausted') {
      // glmnet's maxit: the path is the values solved before this one.
      budgetRanOut(m, atInfinity ? Number.POSITIVE_INFINITY : lambda, budget, warnings);
      if (m === 1) lambdas[0] = lambdaMax;
      ranOut = true;
      break;
    }
    // The point at λ = ∞ is reported at λ_max (R's glmnet replaces its first λ the same way).
    record(atInfinity ? Number.NaN : lambda, outcome, atInfinity);
    previousLambda = lambda;
    if (onProgress?.(m + 1, nlambda)) throw new SolverCancelledError();
    if (explicit) continue;
    if (m === 1) lambdas[0] = lambdaMax;
    const count = m + 1;
    if (count < minLambdas) continue;
    const current = devRatios[m]!;
    const gain =
      irls.pathStopGain === 'previous'
        ? current - devRatios[m - 1]!
        : (current - devRatios[m - minLambdas + 1]!) / current;
    const minimumGain = stopRule.fdev * (irls.pathStopGain === 'window' ? 10 : 1);
    const reason = pathStopReason(gain, minimumGain, current, stopRule);
    if (reason) {
      if (m + 1 < nlambda) stopped = { fitted: m + 1, requested: nlambda, reason };
      break;
    }
    if (outcome.saturated) {
      saturatedAt = m;
      break;
    }
  }
  if (!explicit && !ranOut && lambdas.length === 1) {
    // A one-point default grid: λ_max is all there is.
    for (let j = 0; j < p; j++) {
      if (!usable[j] || penaltyFactor[j]! <= 0) continue;
      lambdaMax = Math.max(lambdaMax, state.absGradient[j]! / penaltyFactor[j]!);
    }
    lambdaMax /= Math.max(options.alpha, ALPHA_FLOOR_FOR_LAMBDA_MAX);
    lambdas[0] = lambdaMax;
  }
  if (explicit) {
    // λ_max for the record: from the score at the offset(+intercept)-only fit.
    lambdaMax = lambdaMaxAtStart(problem, irls, start.intercept, penaltyFactor, options.alpha);
  }
  if (saturatedAt >= 0) {
    warnings.push(
      warning(
        'path-saturated',
        `The path stopped at λ = ${lambdas[saturatedAt]!.toPrecision(6)}: the fitted probabilities are all within 1e-9 of 0 or 1, so the classes are separated and smaller λ values have no finite solution. glmnet stops there too.`,
      ),
    );
  }
  if (clampedMost > 0) {
    warnings.push(
      warning(
        'probabilities-clamped',
        `${plural(clampedMost, 'row')} had ${irls.clampNote} (most at λ = ${clampedAtLambda.toPrecision(6)}); as glmnet, the fit caps them there, so coefficients at the smallest λ values can be large and unstable.`,
      ),
    );
  }

  let ySum = 0;
  let ySquares = 0;
  for (let i = 0; i < n; i++) ySum += w[i]! * y[i]!;
  for (let i = 0; i < n; i++) ySquares += w[i]! * (y[i]! - ySum) ** 2;
  return {
    lambda: lambdas,
    a0: a0s,
    beta: betas,
    df: dfs,
    devRatio: devRatios,
    nulldev: 2 * dev0 * problem.weightSum,
    standardization: {
      xCenter: Array.from(xCenter),
      xScale: Array.from(xScale),
      yCenter: 0,
      yScale: 1,
      xSd: Array.from(problem.xSd),
      ySd: Math.sqrt(ySquares),
    },
    options: { ...options, family: family.name },
    diagnostics: {
      converged: convergedAt.every(Boolean),
      convergedAt,
      passes: passesAt,
      sweeps: sweepsAt,
      warnings,
      lambdaMax,
      constantColumns,
      gradientDotProducts: { computed: 0, skipped: 0 },
      pathStop: stopped,
      seconds: (performance.now() - started) / 1000,
    },
  };
}

/** λ_max from the score of the offset(+intercept)-only model, without disturbing a path. */
function lambdaMaxAtStart(
  problem: GlmProblem,
  irls: IrlsFamily,
  intercept: number,
  penaltyFactor: Float64Array,
  alpha: number,
): number {
  const { n, p, x, y, w, offset, usable } = problem;
  const eta = new Float64Array(n);
  for (let i = 0; i < n; i++) eta[i] = intercept + (offset ? offset[i]! : 0);
  const mu = new Float64Array(n);
  const omega = new Float64Array(n);
  const score = new Float64Array(n);
  irls.update(y, w, eta, mu, omega, score);
  let largest = 0;
  for (let j = 0; j < p; j++) {
    if (!usable[j] || penaltyFactor[j]! <= 0) continue;
    let g = 0;
    for (let i = 0; i < n; i++) g += x[j * n + i]! * score[i]!;
    largest = Math.max(largest, Math.abs(g) / penaltyFactor[j]!);
  }
  return largest / Math.max(alpha, ALPHA_FLOOR_FOR_LAMBDA_MAX);
}
