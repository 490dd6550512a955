/**
 * Prediction error on held-out rows. Shapes: y has length m; predictions are λ-major,
 * L × m (index l·m + r), as predictRows returns them. With observation weights (length m)
 * every mean is a weighted mean, as glmnet's assess.glmnet (R² about the weighted mean of y).
 */
export interface ErrorMetrics {
  mse: number;
  mae: number;
  /** 1 − SSE/SST with SST about the mean of these y (scikit-learn's r2_score). */
  r2: number;
}

export function metricsAt(
  y: ArrayLike<number>,
  predictions: Float64Array,
  l: number,
  weights?: ArrayLike<number> | undefined,
): ErrorMetrics {
  const m = y.length;
  const w = (r: number) => (weights ? weights[r]! : 1);
  let sum = 0;
  let mean = 0;
  for (let r = 0; r < m; r++) {
    sum += w(r);
    mean += w(r) * y[r]!;
  }
  mean /= sum;
  let squares = 0;
  let absolutes = 0;
  let total = 0;
  for (let r = 0; r < m; r++) {
    const error = y[r]! - predictions[l * m + r]!;
    squares += w(r) * error * error;
    absolutes += w(r) * Math.abs(error);
    total += w(r) * (y[r]! - mean) ** 2;
  }
  return {
    mse: squares / sum,
    mae: absolutes / sum,
    r2: total > 0 ? 1 - squares / total : Number.NaN,
  };
}

export interface MetricsPath {
  mse: number[];
  mae: number[];
  r2: number[];
}

export function metricsPath(
  y: ArrayLike<number>,
  predictions: Float64Array,
  weights?: ArrayLike<number> | undefined,
): MetricsPath {
  const L = y.length === 0 ? 0 : predictions.length / y.length;
  const out: MetricsPath = { mse: [], mae: [], r2: [] };
  for (let l = 0; l < L; l++) {
    const m = metricsAt(y, predictions, l, weights);
    out.mse.push(m.mse);
    out.mae.push(m.mae);
    out.r2.push(m.r2);
  }
  return out;
}
