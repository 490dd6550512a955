/** Actual against predicted at one λ, for plots: test rows when held out, else the fitted rows. */
import { type ErrorMetrics, metricsAt } from '../solver/metrics';
import { describeFamily } from './families';
import { type AnalysisRun, predictRowSet } from './run';

export interface PredictionSample {
  lambda: number;
  set: 'train' | 'test';
  actual: number[];
  /** On the response scale: probabilities (logistic), expected counts (Poisson). */
  predicted: number[];
  /** The sampled rows' observation weights, when the fit has any (weighted ROC, calibration). */
  weights?: number[] | undefined;
  /** Over all rows of the set, not just the sample. */
  metrics: ErrorMetrics;
  total: number;
}

/** Evenly spaced sample of at most `limit` rows (plots need no more), metrics over all. */
export function predictionsAt(
  analysis: AnalysisRun,
  index: number,
  limit = 2000,
): PredictionSample {
  const { path } = analysis;
  const rows = analysis.heldOut ?? analysis.fitted;
  // Offset included, on the response scale, metrics weighted, as the test scores (run.ts).
  // The metrics are squared-error ones; the logistic and Poisson charts compute their own from
  // actual and predicted (classification.ts).
  const family = describeFamily(path.options.family);
  const predicted = predictRowSet(rows, [path.a0[index]!], [path.beta[index]!], family);
  const total = rows.y.length;
  const step = Math.max(1, total / limit);
  const picks = Array.from({ length: Math.min(total, limit) }, (_, k) => Math.floor(k * step));
  return {
    lambda: path.lambda[index]!,
    set: analysis.heldOut ? 'test' : 'train',
    actual: picks.map((i) => rows.y[i]!),
    predicted: picks.map((i) => predicted[i]!),
    weights: rows.weights ? picks.map((i) => rows.weights![i]!) : undefined,
    metrics: metricsAt(rows.y, predicted, 0, rows.weights),
    total,
  };
}
