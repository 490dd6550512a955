/** Pieces the GLM families share: CV fold means, and the null fit from an IRLS start. */
import type { Family, IrlsFamily } from '../family';

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

/** Observation weights (1 when not given) normalized to sum to 1, with their sum. */
function normalized(weights: Float64Array | null, n: number) {
  let total = 0;
  for (let i = 0; i < n; i++) total += weights ? weights[i]! : 1;
  const w = Float64Array.from({ length: n }, (_, i) => (weights ? weights[i]! : 1) / total);
  return { w, total };
}

/**
 * The Family contract's nullDeviance and startIntercept for an IRLS family, from its `start`
 * (which works on normalized weights): the null deviance in the weights' own units.
 */
export function irlsNullFit(irls: IrlsFamily): Pick<Family, 'nullDeviance' | 'startIntercept'> {
  return {
    nullDeviance(y, weights, offset, intercept) {
      const { w, total } = normalized(weights, y.length);
      return 2 * total * irls.start(y, w, offset, intercept).halfNullDeviance;
    },
    startIntercept(y, weights, offset) {
      return irls.start(y, normalized(weights, y.length).w, offset, true).intercept;
    },
  };
}
