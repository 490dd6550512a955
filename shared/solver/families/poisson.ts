/**
 * The Poisson family (glmnet's fishnet): log link, Poisson log-likelihood, for counts.
 *
 *   minimize −Σ_i w_i·[y_i·η_i − e^{η_i}] / Σw + λ·Σ_j pf_j·[α·|β_j| + (1 − α)/2·β_j²]
 *   η_i = a0 + x_iᵀβ + offset_i (e.g. log exposure),  μ_i = E[y_i] = e^{η_i}
 *
 * y is a non-negative count (glmnet accepts any y ≥ 0). As glmnet, e^η is taken at η capped at
 * ±log(0.1·DBL_MAX) so that it cannot overflow. CV measures follow cv.fishnet (deviance, mse,
 * mae on μ). Shapes: every array has length n.
 */
import { SolverInputError } from '../errors';
import type { CvMeasure, Family, IrlsFamily } from '../family';
import { foldMean, irlsNullFit } from './shared';

const ETA_MAX = Math.log(Number.MAX_VALUE * 0.1);

function cappedExp(eta: number): number {
  return Math.exp(Math.min(Math.max(eta, -ETA_MAX), ETA_MAX));
}

/** Σ w·(y·log y − y), 0·log 0 = 0: the saturated model's log-likelihood (without log y!). */
function saturatedLogLik(y: Float64Array, w: Float64Array): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    const v = y[i]!;
    s += w[i]! * ((v > 0 ? v * Math.log(v) : 0) - v);
  }
  return s;
}

const irls: IrlsFamily = {
  start(y, w, offset, intercept) {
    const n = y.length;
    let yMean = 0;
    for (let i = 0; i < n; i++) yMean += w[i]! * y[i]!;
    if (!(yMean > 0)) {
      throw new SolverInputError(
        'Every count in the target is 0 (on the rows of positive weight), so there is nothing to model.',
        'constant-target',
      );
    }
    let a0 = 0;
    let nullLogLik: number;
    if (!offset) {
      if (intercept) {
        a0 = Math.log(yMean);
        nullLogLik = yMean * (a0 - 1);
      } else {
        nullLogLik = -1;
      }
    } else {
      let exposure = 0;
      let yOffset = 0;
      for (let i = 0; i < n; i++) {
        exposure += w[i]! * cappedExp(offset[i]!);
        yOffset += w[i]! * y[i]! * offset[i]!;
      }
      if (intercept) {
        a0 = Math.log(yMean / exposure);
        nullLogLik = yOffset - yMean * (1 - a0);
      } else {
        nullLogLik = yOffset - exposure;
      }
    }
    return {
      intercept: a0,
      nullNegLogLik: -nullLogLik,
      halfNullDeviance: saturatedLogLik(y, w) - nullLogLik,
    };
  },
  update(y, w, eta, mu, omega, score) {
    let omegaSum = 0;
    let clamped = 0;
    for (let i = 0; i < y.length; i++) {
      const f = eta[i]!;
      if (Math.abs(f) > ETA_MAX) clamped++;
      const m = cappedExp(f);
      mu[i] = m;
      const v = w[i]! * m;
      omega[i] = v;
      omegaSum += v;
      score[i] = w[i]! * y[i]! - v;
    }
    return { omegaSum, clamped };
  },
  negLogLik(y, w, eta, mu) {
    let s = 0;
    for (let i = 0; i < y.length; i++) s += w[i]! * (mu[i]! - y[i]! * eta[i]!);
    return s;
  },
  minOmegaSum: Number.NEGATIVE_INFINITY,
  pathStopGain: 'window',
  clampNote: `linear predictors beyond ±${ETA_MAX.toFixed(0)}, where e^η would overflow`,
};

export const poisson: Family = {
  name: 'poisson',
  validateTarget(y) {
    for (let i = 0; i < y.length; i++) {
      const v = y[i]!;
      if (!(v >= 0) || !Number.isFinite(v)) {
        throw new SolverInputError(
          Number.isFinite(v)
            ? `A Poisson target is a count (0, 1, 2, …); row ${i + 1} has ${v}, which is negative.`
            : `The target has a missing or infinite value at row ${i + 1}.`,
        );
      }
    }
  },
  link: (mu) => Math.log(mu),
  inverseLink: cappedExp,
  deviance(y, mu, weights) {
    let sum = 0;
    for (let i = 0; i < y.length; i++) {
      const v = y[i]!;
      const m = mu[i]!;
      const d = (v > 0 ? v * Math.log(v / m) : 0) - (v - m);
      sum += (weights ? weights[i]! : 1) * 2 * d;
    }
    return sum;
  },
  ...irlsNullFit(irls),
  workingResponse(y, eta, weights, offset, z, omega) {
    for (let i = 0; i < y.length; i++) {
      const m = cappedExp(eta[i]!);
      omega[i] = (weights ? weights[i]! : 1) * m;
      z[i] = eta[i]! - (offset ? offset[i]! : 0) + (y[i]! - m) / Math.max(m, 1e-300);
    }
  },
  lambdaMaxScore(y, eta, weights, out) {
    for (let i = 0; i < y.length; i++) {
      out[i] = (weights ? weights[i]! : 1) * (y[i]! - cappedExp(eta[i]!));
    }
  },
  quadraticIsExact: false,
  irls,
  cvMeasures: ['deviance', 'mse', 'mae'],
  cvFoldValue(measure: CvMeasure, y, rows, mu, start, weights) {
    switch (measure) {
      case 'mse':
        return foldMean(rows, weights, (i, r) => (y[i]! - mu[start + r]!) ** 2);
      case 'mae':
        return foldMean(rows, weights, (i, r) => Math.abs(y[i]! - mu[start + r]!));
      default:
        // cv.fishnet's devi on the link scale: 2·[(y·log y − y) − (y·η − e^η)].
        return foldMean(rows, weights, (i, r) => {
          const v = y[i]!;
          const m = mu[start + r]!;
          const eta = Math.log(m);
          return 2 * ((v > 0 ? v * Math.log(v) : 0) - v - (v * eta - m));
        });
    }
  },
  cvMaximizes: () => false,
};
