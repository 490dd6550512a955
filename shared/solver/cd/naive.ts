/**
 * Naive updates (glmnet's `elnet2`, for p large or n small): keep the residual r = ỹ − x̃·b and
 * compute a column's gradient x̃_jᵀr/n when it is visited: O(n) per coordinate update. A
 * residual update r −= Δ·x̃_j is deferred and fused with the next column's dot product
 * (kernels' axpyDot), one pass over memory instead of two.
 *
 * Outside the strong set only magnitudes |x̃_jᵀr|/n are stored, for the strong rule and the KKT
 * check; with screening 'bounds' those checks skip the columns a safe Cauchy–Schwarz bound
 * already clears (../gradientReference.ts), with exactly the outcome of computing them all.
 *
 * Shapes: x̃ n×p column-major at the start of the kernels' workspace, r (length n) right after
 * it; magnitudes, bound flags and column norms have length p.
 */
import {
  createGradientReference,
  type GradientReference,
  resetReference,
  updateBounds,
} from '../gradientReference';
import type { StandardizedProblem } from '../standardize';
import type { UpdateStrategy } from './strategy';

/**
 * How naive updates check KKT on the columns outside the strong set: 'bounds' skips the ones a
 * safe bound clears; 'full' computes every gradient, as glmnet does. Same coefficients either way.
 */
export type KktScreening = 'bounds' | 'full';

/**
 * When more than this share of the checked columns cannot be cleared by the bound, the
 * reference has drifted too far: compute them all and start a new reference.
 */
const REFERENCE_REFRESH_SHARE = 0.25;

export class NaiveUpdates implements UpdateStrategy {
  readonly kind = 'naive' as const;
  /** |x̃_jᵀr|/n, current for every usable column outside the strong set (or a bound, flagged). */
  private readonly magnitude: Float64Array;
  /** 1 where `magnitude` holds an upper bound on |x̃_jᵀr|/n rather than its value. */
  private readonly isBound: Uint8Array;
  /** √(x̃_jᵀx̃_j/n) per column: the bounds' column factor. */
  private readonly columnNorm: Float64Array;
  /** The residual and exact magnitudes the bounds start from; null when screening is 'full'. */
  private readonly reference: GradientReference | null;
  /** A residual update r −= pendingDelta·x̃_pendingColumn not yet applied (column −1: none). */
  private pendingColumn = -1;
  private pendingDelta = 0;
  /** During a bounded KKT check: whether the reference drifted and every gradient is computed. */
  private refreshing = false;
  readonly work = { computed: 0, skipped: 0 };

  constructor(
    private readonly problem: StandardizedProblem,
    /** r, in the kernels' workspace right after x̃; starts as ỹ. */
    private readonly residual: Float64Array,
    screening: KktScreening,
  ) {
    const { n, p } = problem;
    this.magnitude = new Float64Array(p);
    this.isBound = new Uint8Array(p);
    this.columnNorm = problem.xSquareMean.map(Math.sqrt);
    this.reference = screening === 'bounds' ? createGradientReference(n, p) : null;
    this.refresh();
  }

  /** The signed gradient x̃_jᵀr/n of one column, at the up-to-date residual. */
  private columnGradient(j: number): number {
    this.flush();
    const { n, p, workspace } = this.problem;
    return workspace.dot(n * p, j * n, n) / n;
  }

  /** The exact |gradient| of column j, replacing a bound if one was stored. */
  private exactMagnitude(j: number): number {
    const g = Math.abs(this.columnGradient(j));
    this.magnitude[j] = g;
    this.isBound[j] = 0;
    this.work.computed++;
    return g;
  }

  gradientForUpdate(j: number): number {
    const k = this.pendingColumn;
    if (k < 0) return this.columnGradient(j);
    const { n, p, workspace } = this.problem;
    this.pendingColumn = -1;
    return workspace.axpyDot(n * p, k * n, -this.pendingDelta, j * n, n) / n;
  }

  update(j: number, delta: number): void {
    this.pendingColumn = j;
    this.pendingDelta = delta;
  }

  flush(): void {
    const k = this.pendingColumn;
    if (k < 0) return;
    const { n, p, workspace } = this.problem;
    workspace.axpy(n * p, k * n, -this.pendingDelta, n);
    this.pendingColumn = -1;
  }

  screeningMagnitude(j: number, cutoff: number): number {
    const g = this.magnitude[j]!;
    // A bound above the cutoff decides nothing: the residual is the one the last KKT check
    // saw, so the exact value is what the full check would have left here.
    return g > cutoff && this.isBound[j] ? this.exactMagnitude(j) : g;
  }

  beginKktCheck(strong: Uint8Array, penaltyFactor: Float64Array, l1: number): void {
    this.flush(); // the checks read the residual directly
    const reference = this.reference;
    if (!reference) return;
    const { usable, p } = this.problem;
    updateBounds(reference, this.residual, this.columnNorm);
    const { bound } = reference;
    let checked = 0;
    let uncleared = 0;
    for (let j = 0; j < p; j++) {
      if (!usable[j] || strong[j]) continue;
      checked++;
      if (bound[j]! >= penaltyFactor[j]! * l1) uncleared++;
    }
    this.refreshing = uncleared > REFERENCE_REFRESH_SHARE * checked;
  }

  kktMagnitude(j: number, threshold: number): number {
    const reference = this.reference;
    if (reference && !this.refreshing && reference.bound[j]! < threshold) {
      // Cleared by the bound: keep it (flagged) for the strong rule at the next λ.
      const b = reference.bound[j]!;
      this.magnitude[j] = b;
      this.isBound[j] = 1;
      this.work.skipped++;
      return b;
    }
    return this.exactMagnitude(j);
  }

  endKktCheck(): void {
    if (this.reference && this.refreshing)
      resetReference(this.reference, this.residual, this.magnitude);
    this.refreshing = false;
  }

  refresh(): void {
    const { usable, p } = this.problem;
    for (let j = 0; j < p; j++) {
      if (usable[j]) this.magnitude[j] = Math.abs(this.columnGradient(j));
    }
    this.isBound.fill(0);
    this.work.computed += p;
    if (this.reference) resetReference(this.reference, this.residual, this.magnitude);
  }

  storedMagnitude(j: number): number {
    return this.magnitude[j]!;
  }
}
