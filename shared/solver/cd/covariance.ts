/**
 * Covariance updates (glmnet's `elnet1`, for n ≫ p): every usable column's signed gradient
 * g_j = x̃_jᵀr/n is kept current through the inner products x̃_jᵀx̃_k/n with each active column
 * k: O(p) per coordinate update, O(n·p) once when a column first becomes active. KKT checks and
 * the strong rule then cost nothing. Only for families whose quadratic approximation is exact
 * (gaussian): the inner products would change with every IRLS reweighting.
 *
 * Shapes: x̃ n×p column-major in the kernels' workspace; gradient, slot length p; one length-p
 * inner-product column per active column.
 */
import type { StandardizedProblem } from '../standardize';
import type { UpdateStrategy } from './strategy';

export class CovarianceUpdates implements UpdateStrategy {
  readonly kind = 'covariance' as const;
  /** The signed x̃_jᵀr/n, always current for every usable column. */
  private readonly gradient: Float64Array;
  /** x̃ᵀx̃_k/n (length p) for each active column k, by active slot. */
  private readonly covariance: Float64Array[] = [];
  /** Column → its slot in `covariance`, or −1. */
  private readonly slot: Int32Array;
  readonly work = { computed: 0, skipped: 0 };

  constructor(private readonly problem: StandardizedProblem) {
    const { n, p, usable, workspace, gram } = problem;
    this.gradient = new Float64Array(p);
    this.slot = new Int32Array(p).fill(-1);
    // r = ỹ at the start, held after x̃ in the workspace (or given as x̃ᵀỹ/n by a Gram problem).
    for (let j = 0; j < p; j++)
      if (usable[j]) this.gradient[j] = gram ? gram.xy[j]! : workspace.dot(n * p, j * n, n) / n;
  }

  gradientForUpdate(j: number): number {
    return this.gradient[j]!;
  }

  update(j: number, delta: number): void {
    const column = this.covarianceColumn(j);
    const g = this.gradient;
    const { usable, p } = this.problem;
    for (let i = 0; i < p; i++) if (usable[i]) g[i]! -= delta * column[i]!;
  }

  flush(): void {}

  screeningMagnitude(j: number): number {
    return Math.abs(this.gradient[j]!);
  }

  beginKktCheck(): void {}

  kktMagnitude(j: number): number {
    return Math.abs(this.gradient[j]!);
  }

  endKktCheck(): void {}

  refresh(): void {}

  storedMagnitude(j: number): number {
    return Math.abs(this.gradient[j]!);
  }

  /**
   * The inner products of every usable column with column k, computed once when k first
   * becomes active; for columns already active the value is read from their own column (the
   * matrix is symmetric), as glmnet does.
   */
  private covarianceColumn(k: number): Float64Array {
    const existing = this.slot[k]!;
    if (existing >= 0) return this.covariance[existing]!;
    const { n, p, usable, workspace, gram } = this.problem;
    const column = new Float64Array(p);
    const offset = k * n;
    for (let j = 0; j < p; j++) {
      if (!usable[j]) continue;
      const other = this.slot[j]!;
      if (other >= 0) column[j] = this.covariance[other]![k]!;
      else column[j] = gram ? gram.xx[j * p + k]! : workspace.dot(j * n, offset, n) / n;
    }
    this.slot[k] = this.covariance.length;
    this.covariance.push(column);
    return column;
  }
}
