/** Actual against predicted at one λ, for plots: test rows when held out, else the fitted rows. */
import { type ErrorMetrics, metricsAt } from '../solver/metrics';
import { describeFamily } from './families';
import { type AnalysisRun, predictRowSet } from './run';

export interface PredictionSample {
  lambda: number;
  set: 'train' | 'test';
  actual: number[];
  predicted: number[];
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
  // The metrics (and the plots they serve) are still squared-error ones: the prediction plot
  // of a new family is its own work.
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
    metrics: metricsAt(rows.y, predicted, 0, rows.weights),
    total,
  };
}
