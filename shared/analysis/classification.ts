/**
 * What the app's and the report's logistic and Poisson charts draw, from observed y and
 * response-scale predictions at one λ: ROC points and AUC, the confusion matrix at a
 * threshold, calibration bins, and Poisson deviance residuals. Pure and weighted (a missing
 * weight list counts every row once), so the app and the report draw the same numbers.
 */

import type { FamilyName } from '../solver/family';

/**
 * What exp(β) is called for a log-link or logit-link family (the features table, the report);
 * none for linear regression, whose β is read as it is. (A candidate for the descriptor.)
 */
export const EXP_COEFFICIENT: Partial<Record<FamilyName, { label: string; of: string }>> = {
  binomial: { label: 'Odds ratio', of: 'odds' },
  poisson: { label: 'Rate ratio', of: 'expected count' },
};

export interface RocPoint {
  /** False and true positive rates at thresholds from above 1 down to the lowest prediction. */
  fpr: number;
  tpr: number;
  /** The threshold: rows with a prediction ≥ it are called positive. */
  threshold: number;
}

export interface Roc {
  points: RocPoint[];
  /** Area under the curve; tied predictions count one half (the trapezoid across a tie). */
  auc: number;
}

const weightOf = (weights: ArrayLike<number> | undefined, i: number) => (weights ? weights[i]! : 1);

/** The ROC curve of predictions for y ∈ {0, 1}; NaN AUC when either class is absent. */
export function rocCurve(
  y: ArrayLike<number>,
  predicted: ArrayLike<number>,
  weights?: ArrayLike<number>,
): Roc {
  const order = Array.from({ length: y.length }, (_, i) => i).sort(
    (a, b) => predicted[b]! - predicted[a]!,
  );
  let positives = 0;
  let negatives = 0;
  for (let i = 0; i < y.length; i++) {
    positives += weightOf(weights, i) * y[i]!;
    negatives += weightOf(weights, i) * (1 - y[i]!);
  }
  const points: RocPoint[] = [{ fpr: 0, tpr: 0, threshold: Number.POSITIVE_INFINITY }];
  let tp = 0;
  let fp = 0;
  let auc = 0;
  for (let g = 0; g < order.length; ) {
    const value = predicted[order[g]!]!;
    let h = g;
    for (; h < order.length && predicted[order[h]!] === value; h++) {
      const i = order[h]!;
      tp += weightOf(weights, i) * y[i]!;
      fp += weightOf(weights, i) * (1 - y[i]!);
    }
    const previous = points[points.length - 1]!;
    const point = { fpr: fp / negatives, tpr: tp / positives, threshold: value };
    auc += (point.fpr - previous.fpr) * (point.tpr + previous.tpr) * 0.5;
    points.push(point);
    g = h;
  }
  return { points, auc: positives > 0 && negatives > 0 ? auc : Number.NaN };
}

/** Weighted counts of a 2×2 table: rows observed, columns predicted (≥ threshold = positive). */
export interface Confusion {
  truePositive: number;
  falseNegative: number;
  falsePositive: number;
  trueNegative: number;
}

export function confusionAt(
  y: ArrayLike<number>,
  predicted: ArrayLike<number>,
  threshold: number,
  weights?: ArrayLike<number>,
): Confusion {
  const table = { truePositive: 0, falseNegative: 0, falsePositive: 0, trueNegative: 0 };
  for (let i = 0; i < y.length; i++) {
    const w = weightOf(weights, i);
    const called = predicted[i]! >= threshold;
    if (y[i] === 1) table[called ? 'truePositive' : 'falseNegative'] += w;
    else table[called ? 'falsePositive' : 'trueNegative'] += w;
  }
  return table;
}

export interface CalibrationBin {
  /** The bin's range of predicted probabilities, [from, to) (the last one includes 1). */
  from: number;
  to: number;
  meanPredicted: number;
  observedRate: number;
  /** Rows in the bin (unweighted), and their total weight. */
  count: number;
  weight: number;
}

/** Equal-width bins of predicted probability; empty bins are left out. */
export function calibrationBins(
  y: ArrayLike<number>,
  predicted: ArrayLike<number>,
  bins = 10,
  weights?: ArrayLike<number>,
): CalibrationBin[] {
  const sums = Array.from({ length: bins }, () => ({ p: 0, y: 0, w: 0, n: 0 }));
  for (let i = 0; i < y.length; i++) {
    const k = Math.min(bins - 1, Math.max(0, Math.floor(predicted[i]! * bins)));
    const w = weightOf(weights, i);
    const bin = sums[k]!;
    bin.p += w * predicted[i]!;
    bin.y += w * y[i]!;
    bin.w += w;
    bin.n++;
  }
  return sums.flatMap((s, k) =>
    s.n === 0
      ? []
      : [
          {
            from: k / bins,
            to: (k + 1) / bins,
            meanPredicted: s.p / s.w,
            observedRate: s.y / s.w,
            count: s.n,
            weight: s.w,
          },
        ],
  );
}

/** Poisson deviance residual sign(y − μ)·√(2[y·log(y/μ) − (y − μ)]), y·log(y/μ) = 0 at y = 0. */
export function poissonDevianceResidual(y: number, mu: number): number {
  const term = y > 0 ? y * Math.log(y / mu) : 0;
  return Math.sign(y - mu) * Math.sqrt(Math.max(0, 2 * (term - (y - mu))));
}
