/** Actual against predicted at one λ, for plots: test rows when held out, else the fitted rows. */
import { type ErrorMetrics, metricsAt } from '../solver/metrics';
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
  // Offset included, metrics weighted, as the test scores (run.ts).
  const predicted = predictRowSet(rows, [path.a0[index]!], [path.beta[index]!]);
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
