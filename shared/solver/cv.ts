/**
 * K-fold cross-validation, as R's cv.glmnet computes it (gaussian, grouped = TRUE).
 *
 *   λ sequence: from the fit on all rows. Each fold is fitted as cv.glmnet fits it: on the
 *               caller's explicit λ sequence if there is one, otherwise on the fold's own
 *               default grid, its coefficients then read off at the full λ sequence by
 *               predict.glmnet's linear interpolation (coefficientsAt). Exactly solving each
 *               fold at the full λ instead would move cvm by up to ~1e-3 relative from R's.
 *   raw error e_il: (y_i − ŷ_il)² for mse, |y_i − ŷ_il| for mae, ŷ from the fit without i's fold
 *   fold mean  E_kl = mean over i in fold k of e_il,   N_k = rows in fold k
 *   cvm_l  = Σ_k N_k·E_kl / Σ_k N_k
 *   cvsd_l = √( Σ_k N_k·(E_kl − cvm_l)² / Σ_k N_k / (K − 1) )       (a standard error)
 *   λ_min  = the largest λ with cvm = min cvm;  λ_1se = the largest λ with cvm ≤ cvm(λ_min) + cvsd(λ_min)
 *
 * Folds are independent jobs (fitFold) so a caller may run them on a worker pool; summarize
 * combines them. Shapes: foldid has length n with values 0 … K−1; per-fold predictions are
 * L×m (λ-major: index l·m + r for the r-th held-out row); nonzero flags are L×p.
 */
import { applyImputation, type FeatureGroup, learnImputation } from '../data/impute';
import { coefficientsAt } from './interpolate';
import { fitPathOnRows } from './path';
import { mulberry32, permutation } from './random';
import type { DesignMatrix, PathOptions } from './types';

export type CvMeasure = 'mse' | 'mae';

export const CV_MEASURES: readonly CvMeasure[] = ['mse', 'mae'];

/**
 * A seeded random partition into K folds of sizes differing by at most one: shuffle the rows
 * with mulberry32(seed) (Fisher–Yates) and deal them out in turn. The same seed gives the same
 * folds on every platform.
 */
export function randomFolds(n: number, nfolds: number, seed: number): Int32Array {
  const order = permutation(n, mulberry32(seed));
  const foldid = new Int32Array(n);
  for (let position = 0; position < n; position++) foldid[order[position]!] = position % nfolds;
  return foldid;
}

/** Fold ids from a user column: each distinct value (sorted, numerically when all numeric) is a fold. */
export function foldsFromLabels(labels: readonly (string | number)[]): {
  foldid: Int32Array;
  nfolds: number;
  values: (string | number)[];
} {
  const distinct = [...new Set(labels)];
  distinct.sort((a, b) =>
    typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b)),
  );
  const index = new Map(distinct.map((value, k) => [value, k]));
  return {
    foldid: Int32Array.from(labels, (value) => index.get(value)!),
    nfolds: distinct.length,
    values: distinct,
  };
}

export interface FoldFit {
  fold: number;
  /** Rows held out (in increasing order). */
  heldOut: Int32Array;
  /** λ-major predictions for the held-out rows: L × heldOut.length. */
  predictions: Float64Array;
  /** λ-major nonzero flags: L × p. */
  nonzero: Uint8Array;
  converged: boolean;
  warnings: string[];
  seconds: number;
}

/** Rows of `design` where `keep` holds, as a new column-major matrix. */
export function selectRows(design: DesignMatrix, rows: Int32Array): DesignMatrix {
  const { n, p, values } = design;
  const m = rows.length;
  const out = new Float64Array(m * p);
  for (let j = 0; j < p; j++) {
    const from = j * n;
    const to = j * m;
    for (let r = 0; r < m; r++) out[to + r] = values[from + rows[r]!]!;
  }
  return { n: m, p, values: out };
}

export function allRows(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i);
}

function rowsWhere(foldid: Int32Array, test: (fold: number) => boolean): Int32Array {
  const rows: number[] = [];
  for (let i = 0; i < foldid.length; i++) if (test(foldid[i]!)) rows.push(i);
  return Int32Array.from(rows);
}

/** Predictions a0 + x·β for the given rows at each λ of a path: λ-major, L × rows. */
export function predictRows(
  design: DesignMatrix,
  rows: Int32Array,
  a0: readonly number[],
  beta: readonly (readonly number[])[],
): Float64Array {
  const { n, p, values } = design;
  const m = rows.length;
  const out = new Float64Array(a0.length * m);
  for (let l = 0; l < a0.length; l++) {
    const base = l * m;
    out.fill(a0[l]!, base, base + m);
    const coefficients = beta[l]!;
    for (let j = 0; j < p; j++) {
      const b = coefficients[j]!;
      if (b === 0) continue;
      const column = j * n;
      for (let r = 0; r < m; r++) out[base + r]! += b * values[column + rows[r]!]!;
    }
  }
  return out;
}

/**
 * Fit with one fold held out (on `options.lambda` if given, else the fold's own default grid),
 * then predict the held-out rows at each λ of `alignTo`, the full fit's sequence. With
 * `impute`, missing cells (NaN) are filled from this fold's training rows only.
 */
export function fitFold(
  design: DesignMatrix,
  y: Float64Array,
  foldid: Int32Array,
  fold: number,
  options: Partial<PathOptions>,
  alignTo: readonly number[],
  impute?: readonly FeatureGroup[],
  /** Polled once per λ; true stops the fit with a SolverCancelledError. */
  shouldStop?: () => boolean,
): FoldFit {
  const started = performance.now();
  const training = rowsWhere(foldid, (f) => f !== fold);
  const heldOut = rowsWhere(foldid, (f) => f === fold);
  // Without imputation the fold reads its rows in place; imputing needs copies to fill.
  let trainDesign = design;
  let trainRows: Int32Array | null = training;
  let heldOutDesign = design;
  let heldOutRows = heldOut;
  let trainY = y;
  if (impute) {
    trainDesign = selectRows(design, training);
    const fill = learnImputation(trainDesign, impute);
    trainDesign = applyImputation(trainDesign, fill);
    heldOutDesign = applyImputation(selectRows(design, heldOut), fill);
    heldOutRows = allRows(heldOut.length);
    trainRows = null;
    trainY = Float64Array.from(training, (i) => y[i]!);
  }
  const fit = fitPathOnRows(
    trainDesign,
    trainY,
    trainRows,
    options,
    shouldStop && (() => shouldStop()),
  );
  const aligned = coefficientsAt(fit.lambda, fit.a0, fit.beta, alignTo);
  const { p } = design;
  const nonzero = new Uint8Array(alignTo.length * p);
  aligned.beta.forEach((coefficients, l) => {
    for (let j = 0; j < p; j++) if (coefficients[j] !== 0) nonzero[l * p + j] = 1;
  });
  return {
    fold,
    heldOut,
    predictions: predictRows(heldOutDesign, heldOutRows, aligned.a0, aligned.beta),
    nonzero,
    converged: fit.diagnostics.converged,
    warnings: fit.diagnostics.warnings.map((w) => `Fold ${fold + 1}: ${w}`),
    seconds: (performance.now() - started) / 1000,
  };
}

export interface CvSummary {
  nfolds: number;
  measure: CvMeasure;
  lambda: number[];
  cvm: number[];
  cvsd: number[];
  cvup: number[];
  cvlo: number[];
  /** Nonzero coefficients of the full fit at each λ. */
  nzero: number[];
  lambdaMin: number;
  lambda1se: number;
  indexMin: number;
  index1se: number;
  /** Per λ and column: the fraction of folds whose fit has that coefficient nonzero. */
  selectionFrequency: number[][];
}

/** The index chosen by cv.glmnet: the largest λ (first index) among those meeting the bound. */
export function chooseLambdas(cvm: readonly number[], cvsd: readonly number[]) {
  let best = Number.POSITIVE_INFINITY;
  for (const value of cvm) if (value < best) best = value;
  const indexMin = cvm.findIndex((value) => value <= best);
  const bound = cvm[indexMin]! + cvsd[indexMin]!;
  const index1se = cvm.findIndex((value) => value <= bound);
  return { indexMin, index1se };
}

export function summarizeCv(
  y: Float64Array,
  folds: readonly FoldFit[],
  lambda: readonly number[],
  nzero: readonly number[],
  p: number,
  measure: CvMeasure,
): CvSummary {
  const L = lambda.length;
  const K = folds.length;
  const foldMeans = folds.map((fold) => {
    const m = fold.heldOut.length;
    const means = new Float64Array(L);
    for (let l = 0; l < L; l++) {
      let sum = 0;
      for (let r = 0; r < m; r++) {
        const error = y[fold.heldOut[r]!]! - fold.predictions[l * m + r]!;
        sum += measure === 'mse' ? error * error : Math.abs(error);
      }
      means[l] = sum / m;
    }
    return means;
  });
  const sizes = folds.map((fold) => fold.heldOut.length);
  const total = sizes.reduce((a, b) => a + b, 0);
  const cvm: number[] = [];
  const cvsd: number[] = [];
  for (let l = 0; l < L; l++) {
    let mean = 0;
    for (let k = 0; k < K; k++) mean += sizes[k]! * foldMeans[k]![l]!;
    mean /= total;
    let spread = 0;
    for (let k = 0; k < K; k++) spread += sizes[k]! * (foldMeans[k]![l]! - mean) ** 2;
    cvm.push(mean);
    cvsd.push(Math.sqrt(spread / total / (K - 1)));
  }
  const { indexMin, index1se } = chooseLambdas(cvm, cvsd);
  const selectionFrequency = Array.from({ length: L }, (_, l) => {
    const row = new Array<number>(p).fill(0);
    for (const fold of folds) for (let j = 0; j < p; j++) row[j]! += fold.nonzero[l * p + j]!;
    return row.map((count) => count / K);
  });
  return {
    nfolds: K,
    measure,
    lambda: [...lambda],
    cvm,
    cvsd,
    cvup: cvm.map((m, l) => m + cvsd[l]!),
    cvlo: cvm.map((m, l) => m - cvsd[l]!),
    nzero: [...nzero],
    lambdaMin: lambda[indexMin]!,
    lambda1se: lambda[index1se]!,
    indexMin,
    index1se,
    selectionFrequency,
  };
}
