/**
 * Stability selection's numerics (Meinshausen & Bühlmann 2010, with Shah & Samworth's 2013
 * complementary pairs): the seeded subsamples, one subsample's selection along a fixed λ grid,
 * and the selection probabilities of many subsamples together. What the selection means
 * (threshold, λ range, error bound) is the analysis's: shared/analysis/stability.ts.
 *
 *   pair b (b = 1 … B): a Fisher–Yates shuffle of the n rows (mulberry32(seed), one generator
 *          drawn in turn for every pair); A_{2b−1} = its first ⌊n/2⌋ rows, A_{2b} = the next
 *          ⌊n/2⌋, so the two are disjoint and, for odd n, one row is in neither.
 *   Ŝ_k(λ) = the columns with a nonzero coefficient in the fit on A_k at λ.
 *   Π̂_j(λ) = #{k : j ∈ Ŝ_k(λ)} / 2B.
 *
 * Every subsample is fitted on the full fit's λ sequence, given explicitly, so no subsample
 * ends its path early (glmnet's early stop applies only to a default grid) and every one has
 * every λ. A subsample whose pass budget (maxIter) runs out has no fit at the λ after; it
 * counts as selecting nothing there and says so in its warnings.
 */
import type { Warning } from '../warning';
import { fitPathOnRows } from './path';
import { mulberry32, permutation } from './random';
import type { DesignMatrix, PathOptions } from './types';

/** The 2B subsamples, pair by pair (2b and 2b+1 are pair b), each's rows in increasing order. */
export function complementaryPairs(n: number, pairs: number, seed: number): Int32Array[] {
  const random = mulberry32(seed);
  const half = Math.floor(n / 2);
  const subsamples: Int32Array[] = [];
  for (let b = 0; b < pairs; b++) {
    const order = permutation(n, random);
    subsamples.push(order.slice(0, half).sort(), order.slice(half, 2 * half).sort());
  }
  return subsamples;
}

export interface SubsampleFit {
  /** Which subsample (0 … 2B−1). */
  index: number;
  /** λ-major nonzero flags on the λ sequence given: L × p. */
  nonzero: Uint8Array;
  /** λ values fitted (L unless the pass budget ran out). */
  solved: number;
  /** Columns constant on the subsample's rows (0-based): they cannot be selected there. */
  constantColumns: number[];
  warnings: Warning[];
  seconds: number;
}

/**
 * Fit the path on the subsample's rows at exactly `lambda` (the full fit's sequence) and flag
 * each column's nonzero coefficients. Weights and offset in `options` are per data row.
 */
export function fitSubsample(
  design: DesignMatrix,
  y: Float64Array,
  index: number,
  rows: Int32Array,
  options: Partial<PathOptions>,
  lambda: readonly number[],
  shouldStop?: () => boolean,
): SubsampleFit {
  const started = performance.now();
  const fit = fitPathOnRows(
    design,
    y,
    rows,
    { ...options, lambda },
    shouldStop && (() => shouldStop()),
  );
  const { p } = design;
  const nonzero = new Uint8Array(lambda.length * p);
  // The fit returns λ in decreasing order, as the full fit's sequence is.
  fit.beta.forEach((coefficients, l) => {
    for (let j = 0; j < p; j++) if (coefficients[j] !== 0) nonzero[l * p + j] = 1;
  });
  return {
    index,
    nonzero,
    solved: fit.lambda.length,
    constantColumns: fit.diagnostics.constantColumns,
    warnings: fit.diagnostics.warnings.map((w) => ({
      ...w,
      message: `Stability subsample ${index + 1}: ${w.message}`,
    })),
    seconds: (performance.now() - started) / 1000,
  };
}

export interface SelectionProbabilities {
  /** λ-major Π̂ (L × p): selection counts / number of subsamples. */
  probability: Float64Array;
  /**
   * Per λ index l, the mean over subsamples of |∪_{k ≤ l} Ŝ(λ_k)|: the number each subsample
   * selects somewhere in the range from the first λ down to λ_l (q of the error bound, for the
   * range Λ = {λ_0 … λ_l}), counting only the columns `counted` marks.
   */
  meanSelected: Float64Array;
}

/** Π̂ and q from every subsample's nonzero flags. */
export function selectionProbabilities(
  fits: readonly Pick<SubsampleFit, 'nonzero'>[],
  lambdas: number,
  p: number,
  counted: (column: number) => boolean = () => true,
): SelectionProbabilities {
  const counts = new Int32Array(lambdas * p);
  const unionTotals = new Float64Array(lambdas);
  const entered = new Int32Array(lambdas);
  for (const { nonzero } of fits) {
    entered.fill(0);
    for (let j = 0; j < p; j++) {
      let first = -1;
      for (let l = 0; l < lambdas; l++) {
        if (nonzero[l * p + j]) {
          counts[l * p + j]!++;
          if (first < 0) first = l;
        }
      }
      if (first >= 0 && counted(j)) entered[first]!++;
    }
    let union = 0;
    for (let l = 0; l < lambdas; l++) {
      union += entered[l]!;
      unionTotals[l]! += union;
    }
  }
  const m = fits.length;
  return {
    probability: Float64Array.from(counts, (c) => c / m),
    meanSelected: unionTotals.map((total) => total / m),
  };
}
