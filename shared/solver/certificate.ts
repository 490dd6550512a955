/**
 * A convergence certificate per λ: the elastic-net duality gap of an answer the path already
 * gave, computed after the solve from the answer alone (it never touches the iterates, so the
 * default results stay glmnet's to the bit).
 *
 * The objective, gaussian, on the original scale (equal to the standardized problem the solver
 * solves times s_y², so the relative gap is the same on either scale):
 *
 *   P(a0, β) = (1/2W)·Σ_i w_i·r_i² + Σ_j [λ1_j·|β_j| + (λ2_j/2)·β_j²],   r = z − a0 − Xβ,
 *   λ1_j = λ·α·pf_j·s_j,   λ2_j = λ·(1 − α)·pf_j·s_j² / s_y,
 *
 * z = y − offset, W = Σ w_i (w = 1 without weights), pf rescaled to sum to p as glmnet does,
 * s_j the column's sd when standardizing (else 1), s_y the scale of z (path.ts's objective).
 * Columns with pf = 0, and the intercept, are unpenalized; excluded and constant columns keep
 * β_j = 0 and are not part of the problem.
 *
 * The dual (Fenchel): for any θ with 1ᵀθ = 0 (intercept) and X_jᵀθ = 0 (unpenalized j),
 *
 *   D(θ) = −Σ_i [θ_i·z_i + W·θ_i²/(2w_i)] − Σ_j g_j*(−X_jᵀθ) ≤ min P,
 *   g_j*(v) = (|v| − λ1_j)₊² / (2λ2_j)  (λ2_j > 0),   0 if |v| ≤ λ1_j else ∞  (λ2_j = 0),
 *
 * so P(a0, β) − D(θ) ≥ P(a0, β) − min P ≥ 0: a rigorous bound on how far the answer is from the
 * optimum. θ is built from a residual as scikit-learn and celer do (that of a polished copy of
 * the answer, see polish): project r (in the
 * w-inner product) off the span of the intercept and the unpenalized columns, so the equality
 * constraints hold exactly — the ill-conditioned case (dummies plus an intercept) is exactly
 * where they matter — then θ = −t·w·r̃/W with the t ∈ [0, t_max] that maximizes D (t_max keeps
 * every lasso-only column inside its box). At the optimum r̃ = r and t = 1 and the gap is 0.
 * D(0) = 0, so 0 ≤ gap ≤ P: the relative gap gap/P lies in [0, 1].
 *
 * Binomial and Poisson: glmCertificate.ts (the same gap for their objectives).
 */

import { type DualSource, glmPathCertificate } from './glmCertificate';
import { GramCertificate, scaledDual } from './gramCertificate';
import { rescalePenaltyFactors } from './grid';
import { acquireWorkspace, BLOCK_VECTORS, releaseWorkspace, type Workspace } from './kernels';
import type { DesignMatrix, PathResult } from './types';

export interface PathCertificate {
  /** Per λ: the primal objective P(a0, β) of the answer; null if not computed. */
  objective: (number | null)[];
  /** Per λ: P(a0, β) − D(θ) ≥ P(a0, β) − min P, in the objective's units; null if not computed. */
  gap: (number | null)[];
  /** Per λ: gap / P(a0, β) ∈ [0, 1], the most the objective can exceed its optimum, as a fraction of it. */
  relativeGap: (number | null)[];
}

/**
 * Above this relative gap an answer is called far from optimal: its objective may be more than
 * 0.1% above the optimum. At glmnet's default thresh (1e-7) a well-conditioned problem's gaps are
 * at most a few 1e-5 of the objective (test/unit/solver/certificate.test.ts measures them on the
 * fixtures), so this fires only on answers whose coefficients can be visibly wrong.
 */
export const FAR_FROM_OPTIMAL = 1e-3;

/** More unpenalized columns than this (with λ = 0, every column) and no certificate is computed: the projection costs n·k². */
const MAX_CONSTRAINTS = 400;

/** The problem's data: the rows the path was fitted on, as given to fitPath. */
export interface CertificateProblem {
  design: DesignMatrix;
  y: Float64Array;
  weights?: Float64Array | undefined;
  offset?: Float64Array | undefined;
}

/**
 * The certificate of every λ of a path (binomial, Poisson: glmCertificate.ts); with `dualFrom`
 * (binomial, Poisson), only of those λ, their dual points from the answers given.
 */
export function pathCertificate(
  problem: CertificateProblem,
  path: Pick<PathResult, 'lambda' | 'a0' | 'beta' | 'options' | 'standardization' | 'diagnostics'>,
  dualFrom?: ReadonlyMap<number, DualSource>,
): PathCertificate | null {
  const { options } = path;
  if ((options.family ?? 'gaussian') !== 'gaussian')
    return glmPathCertificate(problem, path, dualFrom);
  const { design, y } = problem;
  const { n, p, values } = design;
  const w = problem.weights ?? new Float64Array(n).fill(1);
  const z = new Float64Array(n);
  for (let i = 0; i < n; i++) z[i] = y[i]! - (problem.offset?.[i] ?? 0);
  let W = 0;
  for (let i = 0; i < n; i++) W += w[i]!;
  const pf = rescalePenaltyFactors(options.penaltyFactor, p);
  const excluded = new Set(path.diagnostics.constantColumns);
  options.penaltyFactor?.forEach((f, j) => {
    if (f === Infinity) excluded.add(j);
  });
  const columns: number[] = [];
  for (let j = 0; j < p; j++) if (!excluded.has(j)) columns.push(j);

  // The design, the residual, w∘r̃, w and p dot products in one kernels workspace: the residual
  // updates and the p correlations of each λ's dual point run in the solver's SIMD kernels (in
  // plain loops they cost several times the fit itself).
  const workspace = acquireWorkspace(layout(n, p).size);
  try {
    workspace.data.set(values.subarray(0, n * p));
    workspace.data.set(w, layout(n, p).wAt);
    return certifyEach(problem, path, { columns, z, w, W, pf, workspace });
  } finally {
    releaseWorkspace(workspace);
  }
}

/** Where pathCertificate's workspace keeps each vector (offsets in doubles). */
function layout(n: number, p: number) {
  const outAt = n * p + 2 * n;
  // polishAt: the polished residual r; weightedAt: w∘r beside it (Polish).
  const polishAt = outAt + p;
  const blockResidualsAt = polishAt + 2 * n;
  const blockWeightedAt = blockResidualsAt + BLOCK_VECTORS * n;
  const blockOutAt = blockWeightedAt + BLOCK_VECTORS * n;
  return {
    wrAt: n * p,
    wAt: n * p + n,
    outAt,
    polishAt,
    weightedAt: polishAt + n,
    // A block of λ: their residuals, w∘r̃ of each, and every column's correlation with each.
    blockResidualsAt,
    blockWeightedAt,
    blockOutAt,
    size: blockOutAt + BLOCK_VECTORS * p,
  };
}

/**
 * Rows per chunk when a block of λ is certified: its eight residuals' chunks (8 × 16 KiB) and
 * a column's stay in cache while every column passes over them.
 */
const CHUNK_ROWS = 2048;

/** One λ's penalties and constraints, as certifyEach sets it up. */
interface LambdaSetup {
  k: number;
  l1: Float64Array;
  l2: Float64Array;
  basis: readonly Float64Array[];
}

function certifyEach(
  problem: CertificateProblem,
  path: Pick<PathResult, 'lambda' | 'a0' | 'beta' | 'options' | 'standardization' | 'diagnostics'>,
  {
    columns,
    z,
    w,
    W,
    pf,
    workspace,
  }: {
    columns: number[];
    z: Float64Array;
    w: Float64Array;
    W: number;
    pf: Float64Array;
    workspace: Workspace;
  },
): PathCertificate {
  const { options } = path;
  const { n, p, values } = problem.design;
  const at = layout(n, p);
  const { xScale, yScale } = path.standardization;
  const s = (j: number) => (options.standardize ? xScale[j]! : 1);
  const L = path.lambda.length;
  const objective: (number | null)[] = new Array(L).fill(null);
  const gap: (number | null)[] = new Array(L).fill(null);
  const relativeGap: (number | null)[] = new Array(L).fill(null);
  // The projection depends on which columns are unpenalized, the same at every λ > 0.
  const bases = new Map<string, Float64Array[] | null>();
  const penalties = (k: number) => {
    // A default grid's first point is glmnet's λ = ∞ solve (path.ts), reported at λ_max: only
    // the unpenalized columns are fitted. For ridge that is not the optimum at λ_max (no finite
    // λ zeroes a ridge), so it is certified as what it is, the fit at λ = ∞.
    const lambda = k === 0 && options.lambda === undefined ? Infinity : path.lambda[k]!;
    const weight = (factor: number) => (factor > 0 ? lambda * factor : 0);
    const l1 = new Float64Array(p);
    const l2 = new Float64Array(p);
    for (const j of columns) {
      l1[j] = weight(options.alpha * pf[j]!) * s(j);
      l2[j] = (weight((1 - options.alpha) * pf[j]!) * s(j) ** 2) / yScale;
    }
    return { l1, l2 };
  };
  // A design with few columns for its λ count, whose only equality constraint is the
  // intercept, is certified in covariance form (gramCertificate.ts): the Gram matrix costs n·m²
  // once, about what the residual form's passes cost (n·p per λ); then each λ's gap costs
  // O(m·nnz) and a polishing sweep m², so a flagged λ can be polished until its bound is tight.
  if (columns.length <= Math.min(MAX_GRAM_COLUMNS, 2 * L) && columns.every((j) => pf[j]! > 0)) {
    const gram = new GramCertificate({
      n,
      p,
      workspace,
      blockAt: at.blockWeightedAt,
      blockOutAt: at.blockOutAt,
      columns,
      w,
      W,
      z,
      intercept: options.intercept,
    });
    return certifyInCovarianceForm(gram, path, columns, penalties, polishBudget(n, p));
  }
  const setup = (k: number): LambdaSetup | null => {
    const { l1, l2 } = penalties(k);
    const free = columns.filter((j) => l1[j] === 0 && l2[j] === 0);
    const key = free.join(',');
    if (!bases.has(key)) {
      bases.set(
        key,
        free.length > MAX_CONSTRAINTS ? null : weightedBasis(values, n, free, options.intercept, w),
      );
    }
    const basis = bases.get(key)!;
    return basis ? { k, l1, l2, basis } : null;
  };
  // Once the budget is spent, the remaining flagged λ keep their (conservative) unpolished bound.
  let budget = polishBudget(n, p);
  // Blocks of eight λ: their residuals are built, and correlated with every column, with the
  // design read once per block rather than once per λ (on a design larger than the cache, the
  // certificate's time is that of reading it).
  for (let start = 0; start < L; start += BLOCK_VECTORS) {
    const block: LambdaSetup[] = [];
    for (let k = start; k < Math.min(L, start + BLOCK_VECTORS); k++) {
      const one = setup(k);
      if (one) block.push(one);
    }
    if (block.length === 0) continue;
    const { residuals, projected } = blockResiduals(problem, path, z, w, columns, block, workspace);
    for (const [b, { k, l1, l2, basis }] of block.entries()) {
      const beta = path.beta[k]!;
      const r = residuals[b]!;
      let primal = workspace.wsquares(at.wAt, at.blockResidualsAt + b * n, n) / (2 * W);
      for (const j of columns) {
        const v = beta[j]!;
        if (v !== 0) primal += l1[j]! * Math.abs(v) + (l2[j]! / 2) * v * v;
      }
      const problemAt = { values, n, w, W, z, columns, basis, l1, l2, workspace };
      // The dual point from the answer's own residual (its correlations from the block's
      // pass); when its bound is flagged, from the residual of a polished copy (Polish), in
      // rounds, while that helps and until it passes by a margin. (Polishing every λ would
      // cost up to 200 sweeps each: 10× the fit.)
      const fromBlock = dualAt(problemAt, projected[b]!, at.blockOutAt + b, BLOCK_VECTORS);
      let g = Math.max(0, primal - fromBlock);
      if (g > FAR_FROM_OPTIMAL * primal && budget > 0) {
        const polished = new Polish(problemAt, r, beta, options.intercept);
        budget -= n * p;
        let stalled = 0;
        for (let round = 0; round < POLISH_ROUNDS && budget > 0; round++) {
          const moved = polished.sweeps(SWEEPS_PER_ROUND);
          // The sweeps (a gradient and an update per coordinate), the scan for violators and
          // the dual value.
          budget -= 2 * SWEEPS_PER_ROUND * n * polished.size + 2 * n * p;
          if (!moved) break;
          const next = Math.max(0, primal - dualValue(problemAt, polished.r));
          stalled = next < g ? 0 : stalled + 1;
          g = Math.min(g, next);
          if (g <= (FAR_FROM_OPTIMAL / 2) * primal || stalled >= 5) break;
        }
      }
      objective[k] = primal;
      gap[k] = g;
      relativeGap[k] = primal > 0 ? Math.min(1, g / primal) : 0;
    }
  }
  return { objective, gap, relativeGap };
}

/**
 * Every λ's gap from the Gram matrix, then the flagged ones polished there (gramCertificate.ts),
 * each given its share of what is left of the budget, so a slow one cannot starve those after it.
 */
function certifyInCovarianceForm(
  gram: GramCertificate,
  path: Pick<PathResult, 'lambda' | 'a0' | 'beta'>,
  columns: readonly number[],
  penalties: (k: number) => { l1: Float64Array; l2: Float64Array },
  budget: number,
): PathCertificate {
  const L = path.lambda.length;
  const objective: number[] = new Array(L);
  const gap: number[] = new Array(L);
  const relativeGap: number[] = new Array(L);
  const flagged: { k: number; l1: Float64Array; l2: Float64Array }[] = [];
  for (let k = 0; k < L; k++) {
    const { l1, l2 } = penalties(k);
    const { primal, gap: raw } = gram.raw(path.beta[k]!, path.a0[k]!, l1, l2, columns);
    objective[k] = primal;
    gap[k] = raw;
    relativeGap[k] = primal > 0 ? Math.min(1, raw / primal) : 0;
    if (raw > FAR_FROM_OPTIMAL * primal) flagged.push({ k, l1, l2 });
  }
  let left = budget;
  for (const [index, { k, l1, l2 }] of flagged.entries()) {
    if (left <= 0) break;
    const share = left / (flagged.length - index);
    const primal = objective[k]!;
    const target = GRAM_TARGET * primal;
    const polished = gram.polish(path.beta[k]!, l1, l2, columns, primal, gap[k]!, target, share);
    left -= polished.cost;
    gap[k] = polished.gap;
    relativeGap[k] = primal > 0 ? Math.min(1, polished.gap / primal) : 0;
  }
  return { objective, gap, relativeGap };
}

/**
 * Polishing's work over the whole path, in multiply-adds: that of POLISH_PASSES passes over
 * every column (at least POLISH_FLOOR), so certifying never costs much more than fitting.
 */
function polishBudget(n: number, p: number): number {
  return Math.max(POLISH_FLOOR, POLISH_PASSES * n * p);
}

/** The covariance-form polish: for at most this many columns (its m × m Gram matrix). */
const MAX_GRAM_COLUMNS = 1000;
/** It polishes a flagged λ until its relative gap is this small (or its budget is spent). */
const GRAM_TARGET = 1e-6;

/** Rounds of polishing, each of SWEEPS_PER_ROUND coordinate-descent sweeps, then a gap. */
const POLISH_ROUNDS = 1000;
/** The polishing budget of a path, in passes over the whole design, and at least (multiply-adds). */
const POLISH_PASSES = 10;
const POLISH_FLOOR = 1e8;
const SWEEPS_PER_ROUND = 10;

/** One λ's problem, as the dual value and the polish read it. */
interface ProblemAt {
  values: Float64Array;
  n: number;
  w: Float64Array;
  W: number;
  z: Float64Array;
  /** The columns in the problem (not constant, not excluded). */
  columns: readonly number[];
  /** A w-orthonormal basis of the intercept and unpenalized columns. */
  basis: readonly Float64Array[];
  l1: Float64Array;
  l2: Float64Array;
  /** pathCertificate's workspace: the design at 0, room for w∘r̃ and the p correlations (layout). */
  workspace: Workspace;
}

/**
 * The residuals r = z − a0 − Xβ of a block of up to eight λ (views of the workspace's block
 * slots), each projected off its unpenalized span (r̃, copies), w∘r̃ of each beside them, and
 * every column's correlation X_jᵀ(w∘r̃) with each at blockOutAt + 8j + b: row chunk by row
 * chunk, so that each column is read from memory once for the block.
 */
function blockResiduals(
  problem: CertificateProblem,
  path: Pick<PathResult, 'a0' | 'beta'>,
  z: Float64Array,
  w: Float64Array,
  columns: readonly number[],
  block: readonly LambdaSetup[],
  workspace: Workspace,
): { residuals: Float64Array[]; projected: Float64Array[] } {
  const { n, p } = problem.design;
  const { blockResidualsAt, blockWeightedAt, blockOutAt } = layout(n, p);
  const data = workspace.data;
  const residuals = block.map(({ k }, b) => {
    const r = data.subarray(blockResidualsAt + b * n, blockResidualsAt + (b + 1) * n);
    const a0 = path.a0[k]!;
    for (let i = 0; i < n; i++) r[i] = z[i]! - a0;
    return r;
  });
  // Each column nonzero somewhere in the block, then its coefficient at each λ.
  const active = columns.filter((j) => block.some(({ k }) => path.beta[k]![j] !== 0));
  for (let from = 0; from < n; from += CHUNK_ROWS) {
    const m = Math.min(CHUNK_ROWS, n - from);
    for (const j of active)
      for (const [b, { k }] of block.entries()) {
        const v = path.beta[k]![j]!;
        if (v !== 0) workspace.axpy(blockResidualsAt + b * n + from, j * n + from, -v, m);
      }
  }
  const projected = residuals.map((r, b) => {
    const rt = Float64Array.from(r);
    project(rt, block[b]!.basis, w);
    const at = blockWeightedAt + b * n;
    for (let i = 0; i < n; i++) data[at + i] = w[i]! * rt[i]!;
    return rt;
  });
  // Slots of a block shorter than eight multiply zeros.
  data.fill(0, blockWeightedAt + block.length * n, blockWeightedAt + BLOCK_VECTORS * n);
  data.fill(0, blockOutAt, blockOutAt + BLOCK_VECTORS * p);
  for (let from = 0; from < n; from += CHUNK_ROWS) {
    const m = Math.min(CHUNK_ROWS, n - from);
    workspace.blockDots(from, n, p, blockWeightedAt + from, n, m, blockOutAt);
  }
  return { residuals, projected };
}

/**
 * D(θ) for θ = −t·w·r̃/W, r̃ the residual r projected off the unpenalized span (so the
 * equality constraints hold) and t ∈ [0, t_max] the best scaling; ≥ D(0) = 0.
 */
function dualValue(q: ProblemAt, r: Float64Array): number {
  const { n, w, workspace } = q;
  const p = q.l1.length;
  const { wrAt, outAt } = layout(n, p);
  const rt = Float64Array.from(r);
  project(rt, q.basis, w);
  const wr = workspace.data.subarray(wrAt, wrAt + n);
  for (let i = 0; i < n; i++) wr[i] = w[i]! * rt[i]!;
  // X_jᵀ(w∘r̃) for every column at once.
  workspace.dots(0, n, p, wrAt, outAt);
  return dualAt(q, rt, outAt, 1);
}

/**
 * D(θ) from the projected residual r̃ and the columns' correlations X_jᵀ(w∘r̃), found in the
 * workspace at `from + stride·j`.
 */
function dualAt(q: ProblemAt, rt: Float64Array, from: number, stride: number): number {
  const { n, w, W, z, workspace } = q;
  let A = 0;
  let B = 0;
  for (let i = 0; i < n; i++) {
    const wr = w[i]! * rt[i]!;
    A += wr * z[i]!;
    B += wr * rt[i]!;
  }
  A /= W;
  B /= W;
  let tMax = Number.POSITIVE_INFINITY;
  const ridge: { c: number; l1: number; l2: number }[] = [];
  const correlations = workspace.data;
  for (const j of q.columns) {
    const a = q.l1[j]!;
    const b = q.l2[j]!;
    if (a === 0 && b === 0) continue;
    const c = Math.abs(correlations[from + stride * j]! / W);
    if (b > 0) ridge.push({ c, l1: a, l2: b });
    else if (c > 0) tMax = Math.min(tMax, a / c);
  }
  return scaledDual(A, B, ridge, tMax);
}

/**
 * Coordinate-descent sweeps on a copy of the answer, over its nonzero and unpenalized
 * coefficients, the zeros that violate their KKT condition, and the intercept; `r` is the
 * polished point's residual. Why: θ scaled from the answer's own residual gives a gap of
 * about (relative KKT violation)·λ‖β‖₁, which at glmnet's default thresh reaches 1e-2 of the
 * objective at small λ even on well-conditioned data whose answer is within 1e-7 of optimal
 * (prostate); any feasible θ gives a rigorous bound, and one from a point nearer the optimum
 * a tight one. The answer itself is never changed: P is the answer's. On ill-conditioned data
 * the sweeps do not get far and the gap stays large — the case it is meant to report.
 */
class Polish {
  /** The polished point's residual (a view of the workspace at layout's polishAt). */
  readonly r: Float64Array;
  private active: number[];
  /** The coordinates swept. */
  get size(): number {
    return this.active.length;
  }
  private beta: Float64Array;
  private norms: Float64Array;
  private means: Float64Array;
  private readonly at: ReturnType<typeof layout>;
  /**
   * The sweeps run in the kernels on the workspace's r and u = w∘r. A step on a centred column
   * x − m moves r by −δ·x (kernel) and by +δ·m (a constant): the constants add up in `shift`
   * and are applied once a sweep (settle); u's sum, needed for the centred gradient
   * Σ(x − m)·u = xᵀu − m·Σu, is kept in `weightedSum`.
   */
  private shift = 0;
  private weightedSum = 0;

  constructor(
    private readonly q: ProblemAt,
    residual: Float64Array,
    answer: readonly number[],
    private readonly intercept: boolean,
  ) {
    const { n, W, l1, l2, workspace } = q;
    this.at = layout(n, q.l1.length);
    const { polishAt } = this.at;
    this.r = workspace.data.subarray(polishAt, polishAt + n);
    this.r.set(residual);
    this.weigh();
    const correlations = this.correlations();
    this.active = q.columns.filter(
      (j) =>
        answer[j] !== 0 || (l1[j] === 0 && l2[j] === 0) || Math.abs(correlations[j]! / W) > l1[j]!,
    );
    this.beta = Float64Array.from(this.active, (j) => answer[j]!);
    // With an intercept the sweeps move each column about its weighted mean (the intercept
    // takes up the rest, keeping Σ w·r): coordinate descent on uncentred columns with large
    // means (an age of 50, a blood pressure of 100) barely moves.
    this.means = Float64Array.from(this.active, (j) => this.mean(j));
    this.norms = Float64Array.from(this.active, (j, a) => this.norm(j, this.means[a]!));
    if (intercept) this.centre();
  }

  private mean(j: number): number {
    const { values, n, w, W } = this.q;
    if (!this.intercept) return 0;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += w[i]! * values[j * n + i]!;
    return sum / W;
  }

  private norm(j: number, m: number): number {
    const { values, n, w, W } = this.q;
    let sum = 0;
    for (let i = 0; i < n; i++) sum += w[i]! * (values[j * n + i]! - m) ** 2;
    return sum / W;
  }

  /** u = w∘r and its sum, from r. */
  private weigh(): void {
    const { n, w, workspace } = this.q;
    const { weightedAt } = this.at;
    const u = workspace.data;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const v = w[i]! * this.r[i]!;
      u[weightedAt + i] = v;
      sum += v;
    }
    this.weightedSum = sum;
  }

  /** X_jᵀ(w∘r) for every column (in the workspace's correlation slots, by column). */
  private correlations(): Float64Array {
    const { n, workspace } = this.q;
    const { weightedAt, outAt } = this.at;
    const p = this.q.l1.length;
    workspace.dots(0, n, p, weightedAt, outAt);
    return workspace.data.subarray(outAt, outAt + p);
  }

  /** Coordinates left out whose KKT condition the polished point now breaks join the sweeps. */
  private admitViolators(): void {
    const { W, l1 } = this.q;
    const inside = new Set(this.active);
    const correlations = this.correlations();
    const joining: number[] = [];
    for (const j of this.q.columns) {
      if (inside.has(j)) continue;
      if (Math.abs(correlations[j]! / W) > l1[j]!) joining.push(j);
    }
    if (joining.length === 0) return;
    const means = joining.map((j) => this.mean(j));
    const norms = joining.map((j, a) => this.norm(j, means[a]!));
    this.active = [...this.active, ...joining];
    this.beta = Float64Array.from([...this.beta, ...joining.map(() => 0)]);
    this.means = Float64Array.from([...this.means, ...means]);
    this.norms = Float64Array.from([...this.norms, ...norms]);
  }

  /** The pending constant applied to r; with an intercept, r's weighted mean to 0; then u. */
  private settle(): void {
    const r = this.r;
    if (this.shift !== 0) for (let i = 0; i < r.length; i++) r[i]! += this.shift;
    this.shift = 0;
    if (this.intercept) this.centre();
    else this.weigh();
  }

  /** The intercept's own update: the residual's weighted mean to 0 (then u from r). */
  private centre(): void {
    const { n, w, W } = this.q;
    const r = this.r;
    let mean = 0;
    for (let i = 0; i < n; i++) mean += w[i]! * r[i]!;
    mean /= W;
    for (let i = 0; i < n; i++) r[i]! -= mean;
    this.weigh();
  }

  /** Up to `count` sweeps; false when a sweep moved nothing (the copy has converged). */
  sweeps(count: number): boolean {
    const { n, W, l1, l2, workspace } = this.q;
    const { polishAt, weightedAt, wAt } = this.at;
    this.admitViolators();
    for (let sweep = 0; sweep < count; sweep++) {
      let moved = false;
      for (let a = 0; a < this.active.length; a++) {
        const j = this.active[a]!;
        const norm = this.norms[a]!;
        if (!(norm > 0)) continue;
        const offset = j * n;
        const m = this.means[a]!;
        // Σ w·(x − m)·r = xᵀu − m·Σu (u = w∘r; the pending shift adds c·(Σw·x − m·W) = 0).
        let g = workspace.dot(offset, weightedAt, n) - m * this.weightedSum;
        g = g / W + norm * this.beta[a]!;
        const next = (Math.sign(g) * Math.max(0, Math.abs(g) - l1[j]!)) / (norm + l2[j]!);
        const delta = next - this.beta[a]!;
        if (delta === 0) continue;
        moved = true;
        this.beta[a] = next;
        // r −= δ·(x − m): −δ·x now, +δ·m pending; u likewise (its sum moves by δ·m·W − δ·Σw·x).
        workspace.axpy(polishAt, offset, -delta, n);
        workspace.waxpy(weightedAt, offset, wAt, -delta, n);
        if (m !== 0) {
          workspace.axpy(weightedAt, wAt, delta * m, n);
          this.shift += delta * m;
        }
      }
      // The pending shift, and rounding drift: centred steps keep Σ w·r.
      this.settle();
      if (!moved) return false;
    }
    return true;
  }
}

/**
 * A w-orthonormal basis of the span of the intercept (a column of ones) and the given columns,
 * by Gram–Schmidt twice over (once is not enough on collinear dummies); a column (nearly) in
 * the span of those before it adds nothing.
 */
function weightedBasis(
  values: Float64Array,
  n: number,
  columns: readonly number[],
  intercept: boolean,
  w: Float64Array,
): Float64Array[] {
  const basis: Float64Array[] = [];
  const candidates: Float64Array[] = [];
  if (intercept) candidates.push(new Float64Array(n).fill(1));
  for (const j of columns) candidates.push(values.slice(j * n, (j + 1) * n));
  for (const v of candidates) {
    const before = Math.sqrt(dot(v, v, w));
    if (!(before > 0)) continue;
    project(v, basis, w);
    const after = Math.sqrt(dot(v, v, w));
    if (!(after > 1e-10 * before)) continue;
    for (let i = 0; i < n; i++) v[i]! /= after;
    basis.push(v);
  }
  return basis;
}

/** v ← v minus its w-projection on an orthonormal basis (modified Gram–Schmidt), twice. */
function project(v: Float64Array, basis: readonly Float64Array[], w: Float64Array): void {
  for (let round = 0; round < 2; round++)
    for (const q of basis) {
      const c = dot(v, q, w);
      for (let i = 0; i < v.length; i++) v[i]! -= c * q[i]!;
    }
}

function dot(a: Float64Array, b: Float64Array, w: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += w[i]! * a[i]! * b[i]!;
  return sum;
}
