/**
 * Safe skipping of KKT dot products in naive mode (p large): most columns outside the strong
 * set are so far below the KKT threshold that their gradient need not be computed to know it.
 *
 * For a column x̃_j, the current residual r and a reference residual r₀ at which |x̃_jᵀr₀|/n
 * was computed exactly, Cauchy–Schwarz gives
 *
 *   |x̃_jᵀr|/n ≤ |x̃_jᵀr₀|/n + ‖x̃_j‖·‖r − r₀‖/n = |x̃_jᵀr₀|/n + √(x̃_jᵀx̃_j/n)·‖r − r₀‖/√n
 *
 * so a column whose bound is below its threshold cannot violate KKT (nor pass the strong rule)
 * and its O(n) dot product is skipped; only columns the bound cannot clear are computed. The
 * bound also covers floating-point rounding of every dot product involved, so the columns the
 * check admits are exactly the ones the full check would admit: results are bit-identical.
 * This is the same idea as the safe rules of Ghaoui et al. (2012) and biglasso's hybrid
 * safe-strong rules (Zeng & Breheny), in its simplest sequential form.
 *
 * Shapes: residual and reference residual have length n; magnitudes have length p.
 */

/** 2⁻⁵³: unit roundoff of a double. */
const UNIT_ROUNDOFF = 2 ** -53;

export interface GradientReference {
  /** r₀, length n. */
  readonly residual: Float64Array;
  /** |x̃_jᵀr₀|/n for every usable column outside the strong set when r₀ was taken. */
  readonly magnitude: Float64Array;
  /** ‖r₀‖. */
  residualNorm: number;
  /** Scratch: the latest upper bound on |x̃_jᵀr|/n per column (see `updateBounds`). */
  readonly bound: Float64Array;
}

export function createGradientReference(n: number, p: number): GradientReference {
  return {
    residual: new Float64Array(n),
    magnitude: new Float64Array(p),
    residualNorm: 0,
    bound: new Float64Array(p),
  };
}

/** Make the current residual and the exact magnitudes in `gradient` the new reference. */
export function resetReference(
  reference: GradientReference,
  residual: Float64Array,
  gradient: Float64Array,
): void {
  reference.residual.set(residual);
  reference.magnitude.set(gradient);
  let squares = 0;
  for (let i = 0; i < residual.length; i++) squares += residual[i]! * residual[i]!;
  reference.residualNorm = Math.sqrt(squares);
}

/**
 * Upper bounds on |x̃_jᵀr|/n for every column at the current residual r, into `reference.bound`
 * (columnNorm_j = √(x̃_jᵀx̃_j/n)). Meaningful for the columns `magnitude` covers.
 */
export function updateBounds(
  reference: GradientReference,
  residual: Float64Array,
  columnNorm: Float64Array,
): void {
  const spread = boundSpread(reference, residual);
  const { magnitude, bound } = reference;
  // Rounded up by a relative 4u so that comparing a bound with a threshold stays safe.
  const roundUp = 1 + 4 * UNIT_ROUNDOFF;
  for (let j = 0; j < bound.length; j++)
    bound[j] = (magnitude[j]! + columnNorm[j]! * spread) * roundUp;
}

/**
 * The bound's column-independent part: |x̃_jᵀr|/n ≤ magnitude_j + √(x̃_jᵀx̃_j/n)·spread.
 * spread = ‖r − r₀‖/√n, inflated for rounding: each computed dot product of length n is within
 * γ_n·‖x̃_j‖·‖r‖ of the exact one (γ_n ≈ n·u), and the norms themselves carry relative error.
 */
function boundSpread(reference: GradientReference, residual: Float64Array): number {
  const n = residual.length;
  const base = reference.residual;
  let change = 0;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    const r = residual[i]!;
    const d = r - base[i]!;
    change += d * d;
    squares += r * r;
  }
  const gamma = (2 * n + 16) * UNIT_ROUNDOFF;
  const rootN = Math.sqrt(n);
  const distance = Math.sqrt(change) / rootN;
  const rounding = (gamma * (Math.sqrt(squares) + reference.residualNorm)) / rootN;
  return (distance + rounding) * (1 + gamma);
}
