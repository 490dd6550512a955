/**
 * The gaussian family (glmnet's elnet): identity link, squared-error deviance.
 *
 *   minimize (1/2)·Σ_i w_i·(y_i − offset_i − a0 − x_iᵀβ)² / Σw + λ·penalty
 *
 * The quadratic approximation is the objective itself (z = y − offset, ω = w), so the driver
 * solves once per λ and may use covariance updates. An offset is simply subtracted from y, as
 * glmnet's elnet.R does; predictions add it back. Shapes: every array has length n.
 */
import { SolverInputError } from '../errors';
import type { CvMeasure, Family } from '../family';

function weightedMean(
  values: Float64Array,
  weights: Float64Array | null,
  offset: Float64Array | null,
) {
  let sum = 0;
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const w = weights ? weights[i]! : 1;
    sum += w * (values[i]! - (offset ? offset[i]! : 0));
    total += w;
  }
  return sum / total;
}

export const gaussian: Family = {
  name: 'gaussian',
  validateTarget(y) {
    for (let i = 0; i < y.length; i++) {
      if (!Number.isFinite(y[i]!)) {
        throw new SolverInputError(`The target has a missing or infinite value at row ${i + 1}.`);
      }
    }
  },
  link: (mu) => mu,
  inverseLink: (eta) => eta,
  deviance(y, mu, weights) {
    let sum = 0;
    for (let i = 0; i < y.length; i++) {
      const r = y[i]! - mu[i]!;
      sum += (weights ? weights[i]! : 1) * r * r;
    }
    return sum;
  },
  nullDeviance(y, weights, offset, intercept) {
    const center = intercept ? weightedMean(y, weights, offset) : 0;
    let sum = 0;
    for (let i = 0; i < y.length; i++) {
      const r = y[i]! - (offset ? offset[i]! : 0) - center;
      sum += (weights ? weights[i]! : 1) * r * r;
    }
    return sum;
  },
  startIntercept: (y, weights, offset) => weightedMean(y, weights, offset),
  workingResponse(y, _eta, weights, offset, z, omega) {
    for (let i = 0; i < y.length; i++) {
      z[i] = y[i]! - (offset ? offset[i]! : 0);
      omega[i] = weights ? weights[i]! : 1;
    }
  },
  lambdaMaxScore(y, eta, weights, out) {
    for (let i = 0; i < y.length; i++) out[i] = (weights ? weights[i]! : 1) * (y[i]! - eta[i]!);
  },
  quadraticIsExact: true,
  cvMeasures: ['mse', 'mae'],
  cvFoldValue(measure: CvMeasure, y, rows, mu, start, weights) {
    const m = rows.length;
    const squared = measure === 'mse';
    let sum = 0;
    let total = 0;
    for (let r = 0; r < m; r++) {
      const i = rows[r]!;
      const error = y[i]! - mu[start + r]!;
      const loss = squared ? error * error : Math.abs(error);
      if (weights) {
        sum += weights[i]! * loss;
        total += weights[i]!;
      } else {
        sum += loss;
      }
    }
    if (!weights) return sum / m;
    // A fold whose held-out rows all weigh 0 counts for nothing (its fold weight is 0).
    return total > 0 ? sum / total : 0;
  },
  cvMaximizes: () => false,
};
