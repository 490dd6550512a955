/**
 * Test metrics of a GLM family, computed by the solver family's own CV measures (cv.glmnet's
 * cvraw and assess.glmnet agree on them), so a held-out score and a CV value of the same name
 * are the same function of the predictions.
 */
import type { CvMeasure, Family } from '../../solver/family';
import type { TestMetricKey, TestMetricValues } from './descriptor';

export function scoreWithMeasures(
  solver: Family,
  keys: readonly (TestMetricKey & CvMeasure)[],
  y: ArrayLike<number>,
  predictions: Float64Array,
  l: number,
  weights: ArrayLike<number> | undefined,
): TestMetricValues {
  const m = y.length;
  const rows = Int32Array.from({ length: m }, (_, r) => r);
  const target = Float64Array.from(y);
  const w = weights ? Float64Array.from(weights) : null;
  const values: TestMetricValues = {};
  for (const key of keys)
    values[key] = solver.cvFoldValue(key, target, rows, predictions, l * m, w);
  return values;
}
