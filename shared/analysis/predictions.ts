/** Actual against predicted at one λ, for plots: test rows when held out, else the fitted rows. */
import { type ErrorMetrics, metricsAt } from '../solver/metrics';
import { describeFamily } from './families';
import type { SelectedPoint } from './model';
import { type AnalysisRun, predictRowSet } from './run';

export interface PredictionSample {
  lambda: number;
  /** Test rows, the training rows in-sample, or the training rows out of fold. */
  set: 'train' | 'test' | 'outOfFold';
  actual: number[];
  /** On the response scale: probabilities (logistic), expected counts (Poisson). */
  predicted: number[];
  /** The sampled rows' observation weights, when the fit has any (weighted ROC, calibration). */
  weights?: number[] | undefined;
  /** Over all rows of the set, not just the sample. */
  metrics: ErrorMetrics;
  total: number;
}

/**
 * Which rows' predictions: `fitted`, the fit's own (the test rows when held out, else the
 * training rows, predicted by the model fitted on them); `outOfFold`, each training row
 * predicted by the CV fold fit that did not see it (cv.glmnet's keep = TRUE).
 */
export type PredictionRows = 'fitted' | 'outOfFold';

/**
 * The out-of-fold linear predictors of the training rows at λ index `index`: always at λ_min
 * and λ_1se, at any λ when the analysis kept them all (cv.keep); else undefined.
 */
export function outOfFoldAt(analysis: AnalysisRun, index: number): Float64Array | undefined {
  const cv = analysis.cv;
  if (!cv) return undefined;
  const { atLambdaMin, atLambda1se, all } = cv.outOfFold;
  if (all) {
    const n = atLambdaMin.length;
    return all.subarray(index * n, (index + 1) * n);
  }
  if (index === cv.indexMin) return atLambdaMin;
  if (index === cv.index1se) return atLambda1se;
  return undefined;
}

/**
 * Evenly spaced sample of at most `limit` rows (plots need no more), metrics over all. For
 * `outOfFold` the caller has checked outOfFoldAt (this throws where there are none).
 */
export function predictionsAt(
  analysis: AnalysisRun,
  index: number,
  limit = 2000,
  which: PredictionRows = 'fitted',
  /** Coefficients at an interpolated λ instead of the path's at `index` (fitted rows only). */
  point?: SelectedPoint | undefined,
): PredictionSample {
  const { path } = analysis;
  const rows = which === 'outOfFold' ? analysis.fitted : (analysis.heldOut ?? analysis.fitted);
  // Offset included, on the response scale, metrics weighted, as the test scores (run.ts).
  // The metrics are squared-error ones; the logistic and Poisson charts compute their own from
  // actual and predicted (classification.ts).
  const family = describeFamily(path.options.family);
  let predicted: Float64Array;
  if (which === 'outOfFold') {
    const eta = outOfFoldAt(analysis, index);
    if (!eta) throw new Error(`No out-of-fold predictions were kept at λ index ${index}.`);
    predicted = eta.map(family.solver.inverseLink);
  } else {
    predicted = point
      ? predictRowSet(rows, [point.a0], [point.beta], family)
      : predictRowSet(rows, [path.a0[index]!], [path.beta[index]!], family);
  }
  const total = rows.y.length;
  const step = Math.max(1, total / limit);
  const picks = Array.from({ length: Math.min(total, limit) }, (_, k) => Math.floor(k * step));
  return {
    lambda: point ? point.lambda : path.lambda[index]!,
    set: which === 'outOfFold' ? 'outOfFold' : analysis.heldOut ? 'test' : 'train',
    actual: picks.map((i) => rows.y[i]!),
    predicted: picks.map((i) => predicted[i]!),
    weights: rows.weights ? picks.map((i) => rows.weights![i]!) : undefined,
    metrics: metricsAt(rows.y, predicted, 0, rows.weights),
    total,
  };
}
