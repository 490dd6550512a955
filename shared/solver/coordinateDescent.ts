/**
 * Cyclic coordinate descent for the elastic net on a standardized problem, in glmnet's two
 * modes: "naive" (`elnet2`) keeps the residual and computes a column's gradient when it is
 * visited (O(n) per update); "covariance" (`elnet1`, for n ≫ p) keeps every column's gradient
 * current through the inner products x̃_jᵀx̃_k/n with each active column k (O(p) per update,
 * O(n·p) once when a column first becomes active).
 *
 *   minimize over b ∈ ℝ^p:  (1/2n)·‖ỹ − x̃b‖² + Σ_j vp_j·(l1·|b_j| + (l2/2)·b_j²)
 *
 * with l1 = λ̃·α and l2 = λ̃·(1 − α). Shapes: x̃ is n×p column-major, ỹ and the residual
 * have length n, everything indexed by column has length p.
 *
 * Vocabulary: a *pass* is one sweep of updates over a set of columns. Passes over the
 * strong set alternate with passes over the active set (columns ever nonzero) until a
 * strong-set pass moves no coefficient by more than `thresh` (weighted by x̃_jᵀx̃_j/n);
 * then the KKT conditions are checked on the columns the strong rule discarded, and any
 * violator joins the strong set and the solve goes on. In naive mode that check skips the
 * columns a Cauchy–Schwarz bound already clears (gradientReference.ts), with the same outcome.
 */
import {
  createGradientReference,
  type GradientReference,
  resetReference,
  updateBounds,
} from './gradientReference';
import type { StandardizedProblem } from './standardize';

export interface CoordinateDescentState {
  readonly problem: StandardizedProblem;
  /** Penalty factor per column (already rescaled to sum to p). */
  readonly penaltyFactor: Float64Array;
  /** Coefficients on the standardized scale; warm start between λ. */
  readonly beta: Float64Array;
  /** ỹ − x̃·b. */
  readonly residual: Float64Array;
  readonly mode: 'naive' | 'covariance';
  /**
   * naive: |x̃_jᵀ·residual|/n, current for every usable column outside the strong set.
   * covariance: the signed x̃_jᵀ·residual/n, always current for every usable column.
   */
  readonly gradient: Float64Array;
  /** covariance mode: x̃ᵀx̃_k/n (length p) for each active column k, by active slot. */
  readonly covariance: Float64Array[];
  /** covariance mode: column → its slot in `covariance`, or -1. */
  readonly slot: Int32Array;
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
  /**
   * naive mode with bounds: the residual and exact gradients the KKT bounds start from.
   * null in covariance mode (every gradient is current) or when screening is 'full'.
   */
  readonly reference: GradientReference | null;
  /** naive mode: 1 where `gradient` holds an upper bound on |x̃_jᵀr|/n rather than its value. */
  readonly gradientIsBound: Uint8Array;
  /** √(x̃_jᵀx̃_j/n) per column: the bounds' column factor. */
  readonly columnNorm: Float64Array;
  /**
   * naive mode: a residual update r −= delta·x̃_j not yet applied (column −1: none). It is
   * applied together with the next coordinate's gradient (kernels' axpyDot), or flushed
   * before anything else reads the residual.
   */
  pendingColumn: number;
  pendingDelta: number;
  /** Dot products the KKT checks and strong rule computed and skipped (naive mode). */
  readonly gradientWork: { computed: number; skipped: number };
}

/**
 * How naive mode checks KKT on the columns outside the strong set: 'bounds' skips the ones a
 * safe bound clears; 'full' computes every gradient, as glmnet does. Same coefficients either way.
 */
export type KktScreening = 'bounds' | 'full';

/**
 * When more than this share of the checked columns cannot be cleared by the bound, the
 * reference has drifted too far: compute them all and start a new reference.
 */
const REFERENCE_REFRESH_SHARE = 0.25;

export interface SolveOutcome {
  /** Passes over the strong set, each ending in a convergence test. */
  passes: number;
  /** Every sweep, strong-set and active-set alike (what maxSweeps caps, as glmnet's maxit). */
  sweeps: number;
  converged: boolean;
}

/** glmnet's default choice (type.gaussian): covariance updates while p < 500. */
export function defaultMode(p: number): CoordinateDescentState['mode'] {
  return p < 500 ? 'covariance' : 'naive';
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
  mode: CoordinateDescentState['mode'] = defaultMode(problem.p),
  screening: KktScreening = 'bounds',
): CoordinateDescentState {
  const useBounds = mode === 'naive' && screening === 'bounds';
  const state: CoordinateDescentState = {
    problem,
    penaltyFactor,
    mode,
    covariance: [],
    slot: new Int32Array(problem.p).fill(-1),
    beta: new Float64Array(problem.p),
    residual: residualIn(problem),
    gradient: new Float64Array(problem.p),
    strong: new Uint8Array(problem.p),
    everActive: new Uint8Array(problem.p),
    activeList: new Int32Array(problem.p),
    activeCount: 0,
    activeSweepsStarted: false,
    explained: 0,
    reference: useBounds ? createGradientReference(problem.n, problem.p) : null,
    gradientIsBound: new Uint8Array(problem.p),
    columnNorm: problem.xSquareMean.map(Math.sqrt),
    gradientWork: { computed: 0, skipped: 0 },
    pendingColumn: -1,
    pendingDelta: 0,
  };
  if (mode === 'covariance') {
    for (let j = 0; j < problem.p; j++)
      if (problem.usable[j])
        state.gradient[j] =
          problem.workspace.dot(problem.n * problem.p, j * problem.n, problem.n) / problem.n;
  } else {
    refreshGradient(state);
  }
  return state;
}

/** The signed gradient x̃_jᵀr/n of one column. */
function columnGradient(state: CoordinateDescentState, j: number): number {
  if (state.mode === 'covariance') return state.gradient[j]!;
  flushResidual(state);
  const { n } = state.problem;
  return state.problem.workspace.dot(n * state.problem.p, j * n, n) / n;
}

/** naive mode: apply the pending residual update, if any. */
function flushResidual(state: CoordinateDescentState): void {
  const k = state.pendingColumn;
  if (k < 0) return;
  const { n, p, workspace } = state.problem;
  workspace.axpy(n * p, k * n, -state.pendingDelta, n);
  state.pendingColumn = -1;
}

/** The gradient a coordinate update needs; naive mode applies the pending update on the way. */
function gradientForUpdate(state: CoordinateDescentState, j: number): number {
  const k = state.pendingColumn;
  if (state.mode === 'covariance' || k < 0) return columnGradient(state, j);
  const { n, p, workspace } = state.problem;
  state.pendingColumn = -1;
  return workspace.axpyDot(n * p, k * n, -state.pendingDelta, j * n, n) / n;
}

/** |gradient| of column j as screening and KKT checks read it. */
function gradientMagnitude(state: CoordinateDescentState, j: number): number {
  return Math.abs(state.gradient[j]!);
}

/** naive mode: recompute |gradient| of every usable column. covariance mode: already current. */
export function refreshGradient(state: CoordinateDescentState): void {
  if (state.mode === 'covariance') return;
  const { usable, p } = state.problem;
  for (let j = 0; j < p; j++) {
    if (usable[j]) state.gradient[j] = Math.abs(columnGradient(state, j));
  }
  state.gradientIsBound.fill(0);
  state.gradientWork.computed += p;
  if (state.reference) resetReference(state.reference, state.residual, state.gradient);
}

/** naive mode: the exact |gradient| of column j, replacing a bound if one was stored. */
function exactMagnitude(state: CoordinateDescentState, j: number): number {
  const g = Math.abs(columnGradient(state, j));
  state.gradient[j] = g;
  state.gradientIsBound[j] = 0;
  state.gradientWork.computed++;
  return g;
}

/**
 * covariance mode: the inner products of every usable column with column k, computed once when
 * k first becomes active; for columns already active the value is read from their own column
 * (the matrix is symmetric), as glmnet does.
 */
function covarianceColumn(state: CoordinateDescentState, k: number): Float64Array {
  const existing = state.slot[k]!;
  if (existing >= 0) return state.covariance[existing]!;
  const { n, p, usable } = state.problem;
  const column = new Float64Array(p);
  const offset = k * n;
  for (let j = 0; j < p; j++) {
    if (!usable[j]) continue;
    const other = state.slot[j]!;
    column[j] =
      other >= 0 ? state.covariance[other]![k]! : state.problem.workspace.dot(j * n, offset, n) / n;
  }
  state.slot[k] = state.covariance.length;
  state.covariance.push(column);
  return column;
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
  const { xSquareMean } = state.problem;
  const beta = state.beta;
  const xv = xSquareMean[j]!;
  const old = beta[j]!;
  const gradient = gradientForUpdate(state, j);
  const u = gradient + old * xv;
  const pf = state.penaltyFactor[j]!;
  const shrunk = Math.abs(u) - pf * l1;
  const next = shrunk > 0 ? (Math.sign(u) * shrunk) / (xv + pf * l2) : 0;
  if (next === old) return 0;
  beta[j] = next;
  const delta = next - old;
  if (state.mode === 'covariance') {
    const column = covarianceColumn(state, j);
    const g = state.gradient;
    const { usable, p } = state.problem;
    for (let i = 0; i < p; i++) if (usable[i]) g[i]! -= delta * column[i]!;
  } else {
    state.pendingColumn = j;
    state.pendingDelta = delta;
  }
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
  flushResidual(state);
  return largest;
}

function passOverActiveSet(state: CoordinateDescentState, l1: number, l2: number): number {
  let largest = 0;
  for (let a = 0; a < state.activeCount; a++) {
    const change = updateCoordinate(state, state.activeList[a]!, l1, l2);
    if (change > largest) largest = change;
  }
  flushResidual(state);
  return largest;
}

/**
 * Add to the strong set every usable column the KKT conditions say should be there:
 * |x̃_jᵀr|/n > vp_j·l1. Returns true when some column was added.
 */
function admitKktViolators(state: CoordinateDescentState, l1: number): boolean {
  if (state.mode === 'naive') flushResidual(state); // the checks read the residual directly
  if (state.reference) return admitKktViolatorsWithBounds(state, state.reference, l1);
  const { usable, p } = state.problem;
  let violated = false;
  for (let j = 0; j < p; j++) {
    if (!usable[j] || state.strong[j]) continue;
    const g =
      state.mode === 'naive' ? exactMagnitude(state, j) : Math.abs(columnGradient(state, j));
    if (g > state.penaltyFactor[j]! * l1) {
      state.strong[j] = 1;
      violated = true;
    }
  }
  return violated;
}

/**
 * The same check in naive mode, computing only the gradients the reference bound cannot clear.
 * A cleared column keeps its bound in `gradient` (flagged), which the strong rule at the next
 * λ either trusts (bound below its threshold) or replaces by the exact value.
 */
function admitKktViolatorsWithBounds(
  state: CoordinateDescentState,
  reference: GradientReference,
  l1: number,
): boolean {
  const { usable, p } = state.problem;
  const { strong, penaltyFactor, columnNorm, gradient, gradientIsBound } = state;
  updateBounds(reference, state.residual, columnNorm);
  const { bound } = reference;
  let checked = 0;
  let uncleared = 0;
  for (let j = 0; j < p; j++) {
    if (!usable[j] || strong[j]) continue;
    checked++;
    if (bound[j]! >= penaltyFactor[j]! * l1) uncleared++;
  }
  const refresh = uncleared > REFERENCE_REFRESH_SHARE * checked;
  let violated = false;
  let skipped = 0;
  for (let j = 0; j < p; j++) {
    if (!usable[j] || strong[j]) continue;
    const threshold = penaltyFactor[j]! * l1;
    if (!refresh && bound[j]! < threshold) {
      gradient[j] = bound[j]!;
      gradientIsBound[j] = 1;
      skipped++;
      continue;
    }
    if (exactMagnitude(state, j) > threshold) {
      strong[j] = 1;
      violated = true;
    }
  }
  state.gradientWork.skipped += skipped;
  if (refresh) resetReference(reference, state.residual, gradient);
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
    let g = gradientMagnitude(state, j);
    // A bound above the cutoff decides nothing: the residual is the one the last KKT check
    // saw, so the exact value is what the full check would have left here.
    if (g > cutoff && state.gradientIsBound[j]) g = exactMagnitude(state, j);
    if (g > cutoff) state.strong[j] = 1;
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
        if (!admitKktViolators(state, l1)) return stop(true);
        if (sweeps >= maxSweeps) return stop(false);
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
