/**
 * The gaussian certificate in covariance form, for designs with few columns for their rows
 * (certificate.ts decides): the centred, weighted Gram matrix of the columns is formed once per
 * path, after which an answer's gap (raw), a coordinate-descent sweep over every column and the
 * dual value of a polished point cost O(m·nnz), O(m²) and O(m) instead of passes over the n
 * rows. A λ flagged by its own residual can then be polished until its bound is tight: on a tall design whose
 * answers are within 1e-5 of optimal, the residual-form polish (certificate.ts's Polish), at a
 * pass over the rows per sweep and with its budget, left most of them flagged.
 *
 * The problem (certificate.ts's objective, its intercept profiled out by centring):
 *
 *   P(β) = (1/2W)·‖z̃ − X̃β‖²_w + Σ_j [λ1_j·|β_j| + (λ2_j/2)·β_j²]
 *
 * x̃_j = x_j − m_j (m_j the weighted mean, with an intercept; else x̃ = x, z̃ = z), W = Σ w.
 * Shapes (m = the columns in the problem, in `columns` order): G = X̃ᵀWX̃/W, m×m, column-major;
 * d = X̃ᵀWz̃/W and c = d − Gβ (the correlations X̃_jᵀW r̃/W of the point's residual), length m;
 * S = z̃ᵀWz̃/W. The dual of the point, with r̃ = z̃ − X̃β:
 *
 *   A = r̃ᵀW z/W = S − βᵀd,   B = r̃ᵀW r̃/W = S − βᵀd − βᵀc,
 *
 * and D(t) = t·A − t²·B/2 − Σ_j (t·|c_j| − λ1_j)₊²/(2λ2_j) on [0, t_max] as certificate.ts's
 * dualAt. The residual's projection there is exactly this centring when the only constraint is
 * the intercept, which is when certificate.ts uses this form (no unpenalized columns).
 *
 * Rounding: the Gram form computes B by a difference, whose error relative to B is about
 * ε·S/B (ε the double's), 1e-10 of it when the model explains all but 1e-6 of the target's
 * variance: far below the 1e-3 at which a gap is flagged, and the gap is clamped at 0.
 */
import { BLOCK_VECTORS, type Workspace } from './kernels';

export interface GramProblem {
  n: number;
  /** The design's columns in the workspace (from offset 0, column-major), all p of them. */
  p: number;
  workspace: Workspace;
  /** Where the workspace has room for BLOCK_VECTORS vectors of n, and for 8·p sums. */
  blockAt: number;
  blockOutAt: number;
  /** The columns in the problem (not constant, not excluded). */
  columns: readonly number[];
  w: Float64Array;
  W: number;
  z: Float64Array;
  intercept: boolean;
}

export class GramCertificate {
  private readonly m: number;
  private readonly gram: Float64Array;
  private readonly d: Float64Array;
  private readonly S: number;
  private readonly c: Float64Array;
  private readonly beta: Float64Array;
  /** The columns' weighted means and the target's (0 without an intercept). */
  private readonly means: Float64Array;
  private readonly zMean: number;

  /**
   * Forms the Gram matrix. The workspace's design columns are centred in place (the caller is
   * done with them as they were): centring first keeps the columns' large means (a year, a
   * blood pressure) from cancelling in the products.
   */
  constructor(problem: GramProblem) {
    const { n, p, workspace, blockAt, blockOutAt, columns, w, W, z, intercept } = problem;
    const m = columns.length;
    this.m = m;
    const data = workspace.data;
    let zMean = 0;
    this.means = new Float64Array(m);
    if (intercept) {
      for (let i = 0; i < n; i++) zMean += w[i]! * z[i]!;
      zMean /= W;
      columns.forEach((j, a) => {
        const at = j * n;
        let mean = 0;
        for (let i = 0; i < n; i++) mean += w[i]! * data[at + i]!;
        mean /= W;
        this.means[a] = mean;
        for (let i = 0; i < n; i++) data[at + i]! -= mean;
      });
    }
    this.zMean = zMean;
    let S = 0;
    const wz = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const centred = z[i]! - zMean;
      wz[i] = w[i]! * centred;
      S += wz[i]! * centred;
    }
    this.S = S / W;
    this.d = Float64Array.from(columns, (j) => {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += data[j * n + i]! * wz[i]!;
      return sum / W;
    });
    // G, BLOCK_VECTORS columns at a time: their weighted copies in the block slots, and every
    // column's products with them in one pass (blockDots).
    const gram = new Float64Array(m * m);
    for (let start = 0; start < m; start += BLOCK_VECTORS) {
      const count = Math.min(BLOCK_VECTORS, m - start);
      for (let b = 0; b < BLOCK_VECTORS; b++) {
        const to = blockAt + b * n;
        if (b >= count) {
          data.fill(0, to, to + n);
          continue;
        }
        const from = columns[start + b]! * n;
        for (let i = 0; i < n; i++) data[to + i] = w[i]! * data[from + i]!;
      }
      data.fill(0, blockOutAt, blockOutAt + BLOCK_VECTORS * p);
      for (let from = 0; from < n; from += CHUNK_ROWS)
        workspace.blockDots(
          from,
          n,
          p,
          blockAt + from,
          n,
          Math.min(CHUNK_ROWS, n - from),
          blockOutAt,
        );
      columns.forEach((j, a) => {
        for (let b = 0; b < count; b++)
          gram[(start + b) * m + a] = data[blockOutAt + BLOCK_VECTORS * j + b]! / W;
      });
    }
    this.gram = gram;
    this.c = new Float64Array(m);
    this.beta = new Float64Array(m);
  }

  /** Multiply-adds a sweep costs. */
  get sweepCost(): number {
    return this.m * this.m;
  }

  /** β and c = d − Gβ of the answer (over `columns`). */
  private start(answer: readonly number[], columns: readonly number[]): void {
    const { m, gram, d, c, beta } = this;
    columns.forEach((j, a) => {
      beta[a] = answer[j]!;
    });
    c.set(d);
    for (let b = 0; b < m; b++) {
      const v = beta[b]!;
      if (v === 0) continue;
      for (let a = 0; a < m; a++) c[a]! -= gram[b * m + a]! * v;
    }
  }

  /**
   * The answer's own objective and the gap of its own residual's dual point, in Gram form:
   * its residual is its centred residual r̃ plus its intercept's error δ = z̄ − a0 − mᵀβ, so
   * Σw·r²/W = B + δ², and r̃ is the residual projected off the intercept, as the residual
   * form builds its dual point.
   */
  raw(
    answer: readonly number[],
    a0: number,
    l1: Float64Array,
    l2: Float64Array,
    columns: readonly number[],
  ): { primal: number; gap: number } {
    this.start(answer, columns);
    const { m, d, c, beta, means } = this;
    let betaD = 0;
    let betaC = 0;
    let shift = this.zMean - a0;
    let penalty = 0;
    for (let a = 0; a < m; a++) {
      const v = beta[a]!;
      if (v === 0) continue;
      betaD += v * d[a]!;
      betaC += v * c[a]!;
      shift -= means[a]! * v;
      const j = columns[a]!;
      penalty += l1[j]! * Math.abs(v) + (l2[j]! / 2) * v * v;
    }
    const B = Math.max(0, this.S - betaD - betaC);
    const primal = (B + shift * shift) / 2 + penalty;
    const L1 = Float64Array.from(columns, (j) => l1[j]!);
    const L2 = Float64Array.from(columns, (j) => l2[j]!);
    return { primal, gap: Math.max(0, primal - this.dual(L1, L2)) };
  }

  /**
   * The tightest gap found for the answer `answer` (its own objective `primal`), polishing a
   * copy by coordinate descent until the gap is below `target`, a sweep moves nothing, or
   * `budget` multiply-adds are spent; returns the gap and the work done.
   */
  polish(
    answer: readonly number[],
    l1: Float64Array,
    l2: Float64Array,
    columns: readonly number[],
    primal: number,
    start: number,
    target: number,
    budget: number,
  ): { gap: number; cost: number } {
    this.start(answer, columns);
    const { m, gram, c, beta } = this;
    const L1 = Float64Array.from(columns, (j) => l1[j]!);
    const L2 = Float64Array.from(columns, (j) => l2[j]!);
    let gap = start;
    let cost = m * m;
    // The gap tends to the answer's own distance from the optimum, which may be above
    // `target`: the polish also stops once the gap has stopped shrinking.
    let stalled = 0;
    while (cost < budget && gap > target && stalled < STALLED_CHECKS) {
      let moved = false;
      for (let sweep = 0; sweep < SWEEPS_PER_CHECK; sweep++) {
        for (let a = 0; a < m; a++) {
          const h = gram[a * m + a]!;
          if (!(h > 0)) continue;
          const old = beta[a]!;
          const u = c[a]! + h * old;
          const next = (Math.sign(u) * Math.max(0, Math.abs(u) - L1[a]!)) / (h + L2[a]!);
          const delta = next - old;
          if (delta === 0) continue;
          moved = true;
          beta[a] = next;
          const column = a * m;
          for (let k = 0; k < m; k++) c[k]! -= gram[column + k]! * delta;
        }
      }
      cost += SWEEPS_PER_CHECK * m * m;
      const next = Math.max(0, primal - this.dual(L1, L2));
      stalled = next < gap * (1 - 1e-3) ? 0 : stalled + 1;
      gap = Math.min(gap, next);
      if (!moved) break;
    }
    return { gap, cost };
  }

  /** D at the polished point: the best scaling t of its residual (certificate.ts's dualAt). */
  private dual(L1: Float64Array, L2: Float64Array): number {
    const { m, d, c, beta, S } = this;
    let betaD = 0;
    let betaC = 0;
    for (let a = 0; a < m; a++) {
      betaD += beta[a]! * d[a]!;
      betaC += beta[a]! * c[a]!;
    }
    const A = S - betaD;
    const B = Math.max(0, S - betaD - betaC);
    let tMax = Number.POSITIVE_INFINITY;
    const ridge: { c: number; l1: number; l2: number }[] = [];
    for (let a = 0; a < m; a++) {
      const l1 = L1[a]!;
      const l2 = L2[a]!;
      const size = Math.abs(c[a]!);
      if (l2 > 0) ridge.push({ c: size, l1, l2 });
      else if (size > 0) tMax = Math.min(tMax, l1 / size);
    }
    return scaledDual(A, B, ridge, tMax);
  }
}

/** Rows per chunk of the Gram's passes: eight vectors' chunks (8 × 16 KiB) stay in cache. */
const CHUNK_ROWS = 2048;

/** Sweeps between two looks at the gap (each look costs O(m)). */
const SWEEPS_PER_CHECK = 5;
/** Looks in a row that shrink the gap by under 0.1% end the polish. */
const STALLED_CHECKS = 20;

/**
 * max over t ∈ [0, tMax] of D(t) = A·t − B·t²/2 − Σ (t·c − l1)₊²/(2·l2), ≥ D(0) = 0: the dual
 * value of a residual scaled by t (shared with certificate.ts).
 */
export function scaledDual(
  A: number,
  B: number,
  ridge: readonly { c: number; l1: number; l2: number }[],
  tMax: number,
): number {
  const t = bestStep(A, B, ridge, tMax);
  let value = t * A - (t * t * B) / 2;
  for (const e of ridge) {
    const excess = t * e.c - e.l1;
    if (excess > 0) value -= (excess * excess) / (2 * e.l2);
  }
  return Math.max(0, value);
}

/**
 * The t ∈ [0, tMax] maximizing the concave D(t) = A·t − B·t²/2 − Σ (t·c − l1)₊²/(2·l2):
 * where D' = 0, by bisection on D' (closed form without ridge terms).
 */
export function bestStep(
  A: number,
  B: number,
  ridge: readonly { c: number; l1: number; l2: number }[],
  tMax: number,
): number {
  const slope = (t: number) => {
    let d = A - t * B;
    for (const q of ridge) {
      const excess = t * q.c - q.l1;
      if (excess > 0) d -= (q.c * excess) / q.l2;
    }
    return d;
  };
  if (slope(0) <= 0) return 0;
  if (ridge.length === 0) return B > 0 ? Math.min(tMax, A / B) : tMax;
  let hi = Number.isFinite(tMax) ? tMax : 1;
  if (!Number.isFinite(tMax)) while (slope(hi) > 0 && hi < 1e300) hi *= 2;
  if (slope(hi) >= 0) return hi;
  let lo = 0;
  for (let step = 0; step < 80; step++) {
    const mid = (lo + hi) / 2;
    if (slope(mid) > 0) lo = mid;
    else hi = mid;
  }
  return lo;
}
