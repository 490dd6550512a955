/**
 * Cyclic coordinate descent for the elastic net on a standardized problem: the passes, the
 * strong rule and the KKT check, written once; how gradients are kept is the update strategy's
 * business (cd/naive.ts, glmnet's `elnet2`; cd/covariance.ts, `elnet1`; cd/strategy.ts).
 *
 *   minimize over b ∈ ℝ^p:  (1/2n)·‖ỹ − x̃b‖² + Σ_j vp_j·(l1·|b_j| + (l2/2)·b_j²)
 *
 * with l1 = λ̃·α and l2 = λ̃·(1 − α). With observation weights the rows of x̃ and ỹ carry
 * √(n·w_i) (standardize.ts), making this the weighted least-squares problem an IRLS step of a
 * GLM family also solves. Shapes: x̃ is n×p column-major, ỹ and the residual have length n,
 * everything indexed by column has length p.
 *
 * Vocabulary: a *pass* is one sweep of updates over a set of columns. Passes over the
 * strong set alternate with passes over the active set (columns ever nonzero) until a
 * strong-set pass moves no coefficient by more than `thresh` (weighted by x̃_jᵀx̃_j/n);
 * then the KKT conditions are checked on the columns the strong rule discarded, and any
 * violator joins the strong set and the solve goes on.
 */
import { CovarianceUpdates } from './cd/covariance';
import { type KktScreening, NaiveUpdates } from './cd/naive';
import { defaultMode, type UpdateStrategy } from './cd/strategy';
import type { StandardizedLimits } from './limits';
import type { StandardizedProblem } from './standardize';

export type { KktScreening } from './cd/naive';
export { defaultMode } from './cd/strategy';

export interface CoordinateDescentState {
  readonly problem: StandardizedProblem;
  /** Penalty factor per column (already rescaled to sum to p). */
  readonly penaltyFactor: Float64Array;
  /** Bounds on the standardized scale (limits.ts), or null when no coefficient is bounded. */
  readonly limits: StandardizedLimits | null;
  /** Coefficients on the standardized scale; warm start between λ. */
  readonly beta: Float64Array;
  /** How gradients are kept: naive (residual) or covariance (inner products). */
  readonly updates: UpdateStrategy;
  /** 1 for columns in the strong set (the ones passes visit). */
  readonly strong: Uint8Array;
  /** 1 for columns that were ever nonzero. */
  readonly everActive: Uint8Array;
  /** Indices of everActive columns in order of entry; first `activeCount` are valid. */
  readonly activeList: Int32Array;
  activeCount: number;
  /** Whether an active-set sweep has ever run (glmnet's `iz`). */
  activeSweepsStarted: boolean;
  /** (1/n)·(ỹᵀỹ − residualᵀresidual): deviance explained on the standardized scale. */
  explained: number;
}

export interface SolveOutcome {
  /** Passes over the strong set, each ending in a convergence test. */
  passes: number;
  /** Every sweep, strong-set and active-set alike (what maxSweeps caps, as glmnet's maxit). */
  sweeps: number;
  converged: boolean;
}

/** The residual lives in the kernels' workspace, after x̃; it starts as ỹ. */
function residualIn(problem: StandardizedProblem): Float64Array {
  const residual = problem.workspace.data.subarray(
    problem.n * problem.p,
    problem.n * problem.p + problem.n,
  );
  residual.set(problem.y);
  return residual;
}

export function createState(
  problem: StandardizedProblem,
  penaltyFactor: Float64Array,
  mode: UpdateStrategy['kind'] = defaultMode(problem.p),
  screening: KktScreening = 'bounds',
  limits: StandardizedLimits | null = null,
): CoordinateDescentState {
  if (problem.gram && mode !== 'covariance') {
    throw new Error('A problem given by its inner products needs covariance updates.');
  }
  // ỹ into the residual's place: covariance updates read x̃ᵀỹ from it once; a Gram problem
  // has no rows (its x̃ᵀỹ is given).
  const residual = problem.gram ? new Float64Array(0) : residualIn(problem);
  return {
    problem,
    penaltyFactor,
    limits,
    beta: new Float64Array(problem.p),
    updates:
      mode === 'covariance'
        ? new CovarianceUpdates(problem)
        : new NaiveUpdates(problem, residual, screening),
    strong: new Uint8Array(problem.p),
    everActive: new Uint8Array(problem.p),
    activeList: new Int32Array(problem.p),
    activeCount: 0,
    activeSweepsStarted: false,
    explained: 0,
  };
}

/** Make every stored |gradient| exact (after the λ = ∞ step, before λ_max is read). */
export function refreshGradient(state: CoordinateDescentState): void {
  state.updates.refresh();
}

/**
 * Exact minimization over b_j with the others fixed (soft-thresholding).
 * Returns the weighted squared change (x̃_jᵀx̃_j/n)·Δb_j², the quantity `thresh` bounds.
 */
function updateCoordinate(
  state: CoordinateDescentState,
  j: number,
  l1: number,
  l2: number,
): number {
  const beta = state.beta;
  const xv = state.problem.xSquareMean[j]!;
  const old = beta[j]!;
  const gradient = state.updates.gradientForUpdate(j);
  const u = gradient + old * xv;
  const pf = state.penaltyFactor[j]!;
  const shrunk = Math.abs(u) - pf * l1;
  let next = shrunk > 0 ? (Math.sign(u) * shrunk) / (xv + pf * l2) : 0;
  // glmnet's clamp: the minimizer over the box [lower_j, upper_j] of this convex coordinate.
  const limits = state.limits;
  if (limits && next !== 0) next = Math.max(limits.lower[j]!, Math.min(limits.upper[j]!, next));
  if (next === old) return 0;
  beta[j] = next;
  const delta = next - old;
  state.updates.update(j, delta);
  state.explained += delta * (2 * gradient - delta * xv);
  if (!state.everActive[j]) {
    state.everActive[j] = 1;
    state.activeList[state.activeCount++] = j;
  }
  return xv * delta * delta;
}

function passOverStrongSet(state: CoordinateDescentState, l1: number, l2: number): number {
  const { p } = state.problem;
  let largest = 0;
  for (let j = 0; j < p; j++) {
    if (!state.strong[j]) continue;
    const change = updateCoordinate(state, j, l1, l2);
    if (change > largest) largest = change;
  }
  state.updates.flush();
  return largest;
}

function passOverActiveSet(state: CoordinateDescentState, l1: number, l2: number): number {
  let largest = 0;
  for (let a = 0; a < state.activeCount; a++) {
    const change = updateCoordinate(state, state.activeList[a]!, l1, l2);
    if (change > largest) largest = change;
  }
  state.updates.flush();
  return largest;
}

/**
 * Add to the strong set every usable column the KKT conditions say should be there:
 * |x̃_jᵀr|/n > vp_j·l1. Returns true when some column was added. The strategy may answer a
 * column with a safe bound below its threshold instead of the exact value (naive, 'bounds').
 */
function admitKktViolators(state: CoordinateDescentState, l1: number): boolean {
  const { updates, strong, penaltyFactor } = state;
  const { usable, p } = state.problem;
  updates.beginKktCheck(strong, penaltyFactor, l1);
  let violated = false;
  for (let j = 0; j < p; j++) {
    if (!usable[j] || strong[j]) continue;
    const threshold = penaltyFactor[j]! * l1;
    if (updates.kktMagnitude(j, threshold) > threshold) {
      strong[j] = 1;
      violated = true;
    }
  }
  updates.endKktCheck();
  return violated;
}

/**
 * Sequential strong rule (Tibshirani et al. 2012): column j is likely zero at λ̃ when
 * |gradient_j| < vp_j·α·(2λ̃ − λ̃_previous). Discarded columns are checked again by KKT.
 */
export function screenStrongSet(
  state: CoordinateDescentState,
  alpha: number,
  lambda: number,
  previousLambda: number,
): void {
  const { usable, p } = state.problem;
  const threshold = alpha * (2 * lambda - previousLambda);
  for (let j = 0; j < p; j++) {
    if (!usable[j] || state.strong[j]) continue;
    const cutoff = threshold * state.penaltyFactor[j]!;
    if (state.updates.screeningMagnitude(j, cutoff) > cutoff) state.strong[j] = 1;
  }
}

/**
 * Solve at one λ̃ from the current warm start, in glmnet's order: once any active-set
 * sweep has run, each new λ starts by iterating the active set to convergence, then
 * confirms with a strong-set pass and the KKT check. Following glmnet's order (not just
 * its stopping rule) is what makes results agree with R to the last digits it prints.
 */
export function solveAtLambda(
  state: CoordinateDescentState,
  l1: number,
  l2: number,
  thresh: number,
  maxSweeps: number,
): SolveOutcome {
  let passes = 0;
  let sweeps = 0;
  const stop = (converged: boolean): SolveOutcome => ({ passes, sweeps, converged });
  let startWithActiveSet = state.activeSweepsStarted;
  for (;;) {
    if (!startWithActiveSet) {
      passes++;
      sweeps++;
      if (passOverStrongSet(state, l1, l2) < thresh) {
        // A converged pass ends only in the KKT check, never in the cap (as glmnet's maxit).
        if (!admitKktViolators(state, l1)) return stop(true);
        continue;
      }
      if (sweeps >= maxSweeps) return stop(false);
    }
    startWithActiveSet = false;
    state.activeSweepsStarted = true;
    for (;;) {
      sweeps++;
      if (passOverActiveSet(state, l1, l2) < thresh) break;
      if (sweeps >= maxSweeps) return stop(false);
    }
  }
}
