/**
 * One CV fold's weighted mean of a per-row loss (cv.glmnet's cvcompute): Σ w_i·loss_i / Σ w_i
 * over the held-out rows, the plain mean without weights. A fold whose rows all weigh 0 counts
 * for nothing (its fold weight is 0), so its value is 0 rather than NaN.
 */
export function foldMean(
  rows: Int32Array,
  weights: Float64Array | null,
  loss: (i: number, r: number) => number,
): number {
  const m = rows.length;
  let sum = 0;
  let total = 0;
  for (let r = 0; r < m; r++) {
    const i = rows[r]!;
    const value = loss(i, r);
    if (weights) {
      sum += weights[i]! * value;
      total += weights[i]!;
    } else {
      sum += value;
    }
  }
  if (!weights) return sum / m;
  return total > 0 ? sum / total : 0;
}
