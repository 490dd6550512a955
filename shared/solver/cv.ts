/**
 * K-fold cross-validation, as R's cv.glmnet computes it (grouped = TRUE), for any family.
 *
 *   λ sequence: from the fit on all rows. Each fold is fitted as cv.glmnet fits it: on the
 *               caller's explicit λ sequence if there is one, otherwise on the fold's own
 *               default grid, its coefficients then read off at the full λ sequence by
 *               predict.glmnet's linear interpolation (coefficientsAt). Exactly solving each
 *               fold at the full λ instead would move cvm by up to ~1e-3 relative from R's.
 *   raw loss e_il: the family's CV loss (gaussian mse: (y_i − μ̂_il)², mae: |y_i − μ̂_il|), μ̂
 *               = g⁻¹(η̂) the response-scale prediction from the fit without i's fold; a fold
 *               returns η̂ itself (offset included), as cv.glmnet's buildPredmat does, and the
 *               out-of-fold matrix of every fold together is its fit.preval (keep = TRUE)
 *   fold mean  E_kl = Σ_{i∈k} w_i·e_il / W_k,   W_k = Σ_{i∈k} w_i   (w_i = 1 without weights)
 *   cvm_l  = Σ_k W_k·E_kl / Σ_k W_k
 *   cvsd_l = √( Σ_k W_k·(E_kl − cvm_l)² / Σ_k W_k / (K − 1) )       (a standard error)
 *   λ_min  = the largest λ with cvm = min cvm;  λ_1se = the largest λ with cvm ≤ cvm(λ_min) + cvsd(λ_min)
 * (cv.glmnet's cvcompute and cvstats: weighted fold means, fold weights the weight sums.)
 *
 * CV knows nothing about data preparation: a caller that prepares data per fold (imputation
 * learned on the training rows) passes a FoldPreparation. Folds are independent jobs (fitFold)
 * so a caller may run them on a worker pool; summarizeCv combines them. Shapes: foldid has
 * length n with values 0 … K−1; per-fold predictions are L×m (λ-major: index l·m + r for the
 * r-th held-out row); nonzero flags are L×p; weights and offsets have one value per data row.
 */

import { foldPrefix, type Warning } from '../warning';
import { allRows, predictRows, selectValues } from './design';
import { familyByName } from './families';
import type { CvMeasure } from './family';
import { coefficientsAt } from './interpolate';
import { fitPathOnRows } from './path';
import { mulberry32, permutation } from './random';
import { type RelaxedRefit, relaxPath } from './relaxed';
import type { DesignMatrix, PathOptions } from './types';

export type { CvMeasure } from './family';

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
  /**
   * λ-major linear predictors η̂ (offset included) of the held-out rows: L × heldOut.length.
   * The link scale, as cv.glmnet's buildPredmat and fit.preval; the CV losses read g⁻¹(η̂).
   */
  linkPredictions: Float64Array;
  /**
   * With relax: the same for the fold's relaxed refits (relaxed.ts) at each λ, from which
   * every γ's predictions are blends (the blend is linear in the coefficients).
   */
  relaxedLinkPredictions?: Float64Array | undefined;
  /** λ-major nonzero flags: L × p. */
  nonzero: Uint8Array;
  converged: boolean;
  /** Design columns constant on the fold's training rows (0-based), for naming in warnings. */
  constantColumns: number[];
  warnings: Warning[];
  seconds: number;
}

/**
 * Per-fold data preparation, supplied by the analysis (today: imputation learned on the
 * fold's training rows). Given the whole design and the fold's training and held-out rows,
 * it returns the two prepared matrices, rows in the order given.
 */
export type FoldPreparation = (
  design: DesignMatrix,
  training: Int32Array,
  heldOut: Int32Array,
) => { training: DesignMatrix; heldOut: DesignMatrix };

function rowsWhere(foldid: Int32Array, test: (fold: number) => boolean): Int32Array {
  const rows: number[] = [];
  for (let i = 0; i < foldid.length; i++) if (test(foldid[i]!)) rows.push(i);
  return Int32Array.from(rows);
}

/**
 * Fit with one fold held out (on `options.lambda` if given, else the fold's own default grid),
 * then predict the held-out rows at each λ of `alignTo`, the full fit's sequence: their linear
 * predictor with their offset. With `prepare`, the fold's rows are prepared first (from
 * its training rows only).
 */
export function fitFold(
  design: DesignMatrix,
  y: Float64Array,
  foldid: Int32Array,
  fold: number,
  options: Partial<PathOptions>,
  alignTo: readonly number[],
  prepare?: FoldPreparation,
  /** Polled once per λ; true stops the fit with a SolverCancelledError. */
  shouldStop?: () => boolean,
  /** Also refit each λ's active set without penalty (the relaxed lasso, relaxed.ts). */
  relax = false,
): FoldFit {
  const started = performance.now();
  const training = rowsWhere(foldid, (f) => f !== fold);
  const heldOut = rowsWhere(foldid, (f) => f === fold);
  const { offset } = options;
  const stop = shouldStop && (() => shouldStop());
  let fit: ReturnType<typeof fitPathOnRows>;
  let heldOutDesign = design;
  let heldOutRows = heldOut;
  let refit: () => RelaxedRefit;
  if (prepare) {
    // Prepared copies of the rows: the per-row options follow the rows.
    const prepared = prepare(design, training, heldOut);
    heldOutDesign = prepared.heldOut;
    heldOutRows = allRows(heldOut.length);
    const foldY = selectValues(y, training);
    const foldOptions = {
      ...options,
      weights: options.weights && selectValues(options.weights, training),
      offset: offset && selectValues(offset, training),
    };
    fit = fitPathOnRows(prepared.training, foldY, null, foldOptions, stop);
    const path = fit;
    refit = () => relaxPath(prepared.training, foldY, null, foldOptions, path, stop);
  } else {
    // The fold reads its rows in place.
    fit = fitPathOnRows(design, y, training, options, stop);
    const path = fit;
    refit = () => relaxPath(design, y, training, options, path, stop);
  }
  const m = heldOut.length;
  const predictAt = (a0: readonly number[], beta: readonly (readonly number[])[]) => {
    const aligned = coefficientsAt(fit.lambda, a0, beta, alignTo);
    const predictions = predictRows(heldOutDesign, heldOutRows, aligned.a0, aligned.beta);
    if (offset) {
      for (let l = 0; l < alignTo.length; l++)
        for (let r = 0; r < m; r++) predictions[l * m + r]! += offset[heldOut[r]!]!;
    }
    return predictions;
  };
  let relaxedLinkPredictions: Float64Array | undefined;
  if (relax) {
    const relaxed = refit();
    relaxedLinkPredictions = predictAt(relaxed.a0, relaxed.beta);
  }
  const aligned = coefficientsAt(fit.lambda, fit.a0, fit.beta, alignTo);
  const { p } = design;
  const nonzero = new Uint8Array(alignTo.length * p);
  aligned.beta.forEach((coefficients, l) => {
    for (let j = 0; j < p; j++) if (coefficients[j] !== 0) nonzero[l * p + j] = 1;
  });
  const linkPredictions = predictAt(fit.a0, fit.beta);
  return {
    fold,
    heldOut,
    linkPredictions,
    ...(relaxedLinkPredictions && { relaxedLinkPredictions }),
    nonzero,
    converged: fit.diagnostics.converged,
    constantColumns: fit.diagnostics.constantColumns,
    warnings: fit.diagnostics.warnings.map((w) => ({
      ...w,
      fold: fold + 1,
      message: `${foldPrefix(fold + 1)}${w.message}`,
    })),
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * The out-of-fold linear predictors of the n rows at the λ indices asked for, each row's from
 * the fold that held it out: λ-major, indices.length × n (row i of λ index k at k·n + i).
 * Every λ of the path is cv.glmnet's fit.preval (keep = TRUE), transposed.
 */
export function outOfFoldPredictions(
  folds: readonly FoldFit[],
  n: number,
  indices: readonly number[],
): Float64Array {
  const out = new Float64Array(indices.length * n).fill(Number.NaN);
  for (const fold of folds) {
    const m = fold.heldOut.length;
    indices.forEach((l, k) => {
      for (let r = 0; r < m; r++) out[k * n + fold.heldOut[r]!] = fold.linkPredictions[l * m + r]!;
    });
  }
  return out;
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
  /** Whether cvsd came from the folds' losses (cv.glmnet's grouped) or the rows'. */
  grouped: boolean;
}

/**
 * The index chosen by cv.glmnet: the largest λ (first index) among those meeting the bound.
 * For a measure where larger is better (auc) cv.glmnet negates cvm first, and so does this.
 */
export function chooseLambdas(
  cvmGiven: readonly number[],
  cvsd: readonly number[],
  maximize = false,
) {
  const cvm = maximize ? cvmGiven.map((value) => -value) : cvmGiven;
  let best = Number.POSITIVE_INFINITY;
  for (const value of cvm) if (value < best) best = value;
  const indexMin = cvm.findIndex((value) => value <= best);
  const bound = cvm[indexMin]! + cvsd[indexMin]!;
  const index1se = cvm.findIndex((value) => value <= bound);
  return { indexMin, index1se };
}

/** What summarizeCv needs beyond the folds: the family (its losses), observation weights, grouping. */
export interface CvWeighting {
  family?: PathOptions['family'];
  /** One per data row; the folds' losses are weighted means and folds weigh their weight sums. */
  weights?: Float64Array | undefined;
  /**
   * cv.glmnet's `grouped` (default true): the standard error from the folds' mean losses;
   * false: from the rows' losses. Ignored by fold-level measures (auc).
   */
  grouped?: boolean | undefined;
}

/** cv.glmnet enforces grouped = FALSE when the folds average fewer rows than this. */
export const MIN_ROWS_PER_FOLD_GROUPED = 3;

/**
 * Whether the CV curve's spread comes from the folds (grouped) or the rows: as cv.glmnet,
 * grouped unless asked otherwise or the folds average fewer than 3 rows; fold-level measures
 * (auc) are always per fold.
 */
export function cvIsGrouped(
  requested: boolean | undefined,
  rows: number,
  nfolds: number,
  foldLevel: boolean,
): boolean {
  if (foldLevel) return true;
  return requested !== false && rows / nfolds >= MIN_ROWS_PER_FOLD_GROUPED;
}

export function summarizeCv(
  y: Float64Array,
  folds: readonly FoldFit[],
  lambda: readonly number[],
  nzero: readonly number[],
  p: number,
  measure: CvMeasure,
  { family: familyName, weights, grouped: groupedRequested }: CvWeighting = {},
): CvSummary {
  const L = lambda.length;
  const K = folds.length;
  const family = familyByName(familyName ?? 'gaussian');
  const rows = folds.reduce((count, fold) => count + fold.heldOut.length, 0);
  const grouped = cvIsGrouped(groupedRequested, rows, K, measure === 'auc');
  const sizes = folds.map((fold) => {
    if (!weights) return fold.heldOut.length;
    let sum = 0;
    for (const i of fold.heldOut) sum += weights[i]!;
    return sum;
  });
  // Each fold's held-out predictions on the response scale, as the measures take them.
  const responses = folds.map((fold) => fold.linkPredictions.map(family.inverseLink));
  const foldMeans = folds.map((fold, k) => {
    const m = fold.heldOut.length;
    const predictions = responses[k]!;
    const means = new Float64Array(L);
    for (let l = 0; l < L; l++) {
      means[l] = family.cvFoldValue(measure, y, fold.heldOut, predictions, l * m, weights ?? null);
    }
    return means;
  });
  const total = sizes.reduce((a, b) => a + b, 0);
  const cvm: number[] = [];
  const cvsd: number[] = [];
  for (let l = 0; l < L; l++) {
    let mean = 0;
    for (let k = 0; k < K; k++) mean += sizes[k]! * foldMeans[k]![l]!;
    mean /= total;
    cvm.push(mean);
    let spread = 0;
    if (grouped) {
      for (let k = 0; k < K; k++) spread += sizes[k]! * (foldMeans[k]![l]! - mean) ** 2;
      cvsd.push(Math.sqrt(spread / total / (K - 1)));
    } else {
      // cv.glmnet's cvstats with grouped = FALSE: the weighted spread of the rows' losses.
      for (const [k, fold] of folds.entries()) {
        const m = fold.heldOut.length;
        for (let r = 0; r < m; r++) {
          const w = weights ? weights[fold.heldOut[r]!]! : 1;
          if (w === 0) continue;
          const loss = family.cvFoldValue(
            measure,
            y,
            fold.heldOut.subarray(r, r + 1),
            responses[k]!,
            l * m + r,
            weights ?? null,
          );
          spread += w * (loss - mean) ** 2;
        }
      }
      cvsd.push(Math.sqrt(spread / total / (rows - 1)));
    }
  }
  const { indexMin, index1se } = chooseLambdas(cvm, cvsd, family.cvMaximizes(measure));
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
    grouped,
  };
}
