/**
 * The binomial family (glmnet's lognet, two classes): logit link, Bernoulli log-likelihood.
 *
 *   minimize −Σ_i w_i·[y_i·η_i − log(1 + e^{η_i})] / Σw + λ·Σ_j pf_j·[α·|β_j| + (1 − α)/2·β_j²]
 *   η_i = a0 + x_iᵀβ + offset_i,  μ_i = P(y_i = 1) = 1/(1 + e^{−η_i})
 *
 * y is 1 for the modelled (positive) class, 0 for the other (fractions in [0, 1] are proportions).
 * As glmnet: μ is set to 0 or 1 once |η| passes log(1/pmin − 1), pmin = 1e-9 (so coefficients
 * cannot wander off on separable data), the deviance clamps μ to [pmin, 1 − pmin], and the path
 * stops once Σ w·μ(1 − μ) falls to (1 + pmin)·pmin·(1 − pmin): the fit has saturated.
 * CV measures follow cv.lognet. Shapes: every array has length n.
 */
import { SolverInputError } from '../errors';
import type { CvMeasure, Family, IrlsFamily } from '../family';
import { foldMean, irlsNullFit } from './shared';

/** glmnet.control()$pmin (R's default; the Fortran's was 1e-5). */
export const PMIN = 1e-9;
/** cv.lognet's own clamp of held-out probabilities for the deviance. */
const CV_PMIN = 1e-5;
const ETA_MAX = Math.log(1 / PMIN - 1);
const MIN_OMEGA_SUM = (1 + PMIN) * PMIN * (1 - PMIN);

const logistic = (eta: number) => 1 / (1 + Math.exp(-eta));

/** glmnet's azero: the intercept of the offset-only model, by Newton steps. */
function interceptWithOffset(y: Float64Array, w: Float64Array, offset: Float64Array): number {
  const n = y.length;
  let wy = 0;
  for (let i = 0; i < n; i++) wy += w[i]! * y[i]!;
  let a = 0;
  for (let iteration = 0; iteration < 100; iteration++) {
    let gradient = wy;
    let curvature = 0;
    for (let i = 0; i < n; i++) {
      const p = logistic(a + offset[i]!);
      gradient -= w[i]! * p;
      curvature += w[i]! * p * (1 - p);
    }
    const step = gradient / curvature;
    a += step;
    if (!(Math.abs(step) >= 1e-7)) break;
  }
  return a;
}

const irls: IrlsFamily = {
  start(y, w, offset, intercept) {
    const n = y.length;
    let q0 = 0;
    for (let i = 0; i < n; i++) q0 += w[i]! * y[i]!;
    if (!(q0 > PMIN && q0 < 1 - PMIN)) {
      throw new SolverInputError(
        q0 <= PMIN
          ? 'The target has (almost) no rows of the modelled class, so there is nothing to model.'
          : 'The target has (almost) only rows of the modelled class, so there is nothing to model.',
        'constant-target',
      );
    }
    let a0 = 0;
    let nll = 0;
    if (!offset) {
      const p = intercept ? q0 : 0.5;
      a0 = intercept ? Math.log(p / (1 - p)) : 0;
      nll = -(a0 * q0 + Math.log(1 - p));
    } else {
      a0 = intercept ? interceptWithOffset(y, w, offset) : 0;
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const p = logistic(a0 + offset[i]!);
        sum += w[i]! * (y[i]! * offset[i]! + Math.log(1 - p));
      }
      nll = -(a0 * q0 + sum);
    }
    // Fractional y (proportions): the saturated model has a log-likelihood of its own.
    let saturated = 0;
    for (let i = 0; i < n; i++) {
      const v = y[i]!;
      if (v > 0) saturated += w[i]! * v * Math.log(v);
      if (v < 1) saturated += w[i]! * (1 - v) * Math.log(1 - v);
    }
    return { intercept: a0, nullNegLogLik: nll, halfNullDeviance: nll + saturated };
  },
  update(y, w, eta, mu, omega, score) {
    const n = y.length;
    let omegaSum = 0;
    let clamped = 0;
    for (let i = 0; i < n; i++) {
      const f = eta[i]!;
      let p: number;
      if (f < -ETA_MAX) {
        p = 0;
        clamped++;
      } else if (f > ETA_MAX) {
        p = 1;
        clamped++;
      } else {
        p = 1 / (1 + Math.exp(-f));
      }
      mu[i] = p;
      const v = w[i]! * p * (1 - p);
      omega[i] = v;
      omegaSum += v;
      score[i] = w[i]! * (y[i]! - p);
    }
    return { omegaSum, clamped };
  },
  negLogLik(y, w, _eta, mu) {
    let s = 0;
    for (let i = 0; i < y.length; i++) {
      const p = Math.min(Math.max(PMIN, mu[i]!), 1 - PMIN);
      const v = y[i]!;
      // One logarithm for a 0/1 target (the usual case), both for a proportion.
      if (v === 1) s -= w[i]! * Math.log(p);
      else if (v === 0) s -= w[i]! * Math.log(1 - p);
      else s -= w[i]! * (v * Math.log(p) + (1 - v) * Math.log(1 - p));
    }
    return s;
  },
  minOmegaSum: MIN_OMEGA_SUM,
  pathStopGain: 'previous',
  clampNote:
    'fitted probabilities within 1e-9 of 0 or 1 (the classes are close to separable there)',
};

/**
 * Weighted AUC of μ for the rows with y = 1 against those with y = 0: the probability that a
 * random positive (drawn by weight) scores above a random negative, ties counting one half.
 * cv.glmnet breaks ties at random instead (runif in auc()), so on tied scores it varies from
 * run to run around this value.
 */
export function weightedAuc(
  y: Float64Array,
  rows: Int32Array,
  mu: Float64Array,
  start: number,
  weights: Float64Array | null,
): number {
  const m = rows.length;
  const order = Array.from({ length: m }, (_, r) => r).sort(
    (a, b) => mu[start + a]! - mu[start + b]!,
  );
  let below = 0; // weight of negatives strictly below the current tie group
  let pairs = 0;
  let positives = 0;
  let negatives = 0;
  for (let g = 0; g < m; ) {
    const value = mu[start + order[g]!]!;
    let groupPositive = 0;
    let groupNegative = 0;
    let h = g;
    for (; h < m && mu[start + order[h]!] === value; h++) {
      const i = rows[order[h]!]!;
      const w = weights ? weights[i]! : 1;
      groupPositive += w * y[i]!;
      groupNegative += w * (1 - y[i]!);
    }
    pairs += groupPositive * (below + 0.5 * groupNegative);
    below += groupNegative;
    positives += groupPositive;
    negatives += groupNegative;
    g = h;
  }
  return pairs / (positives * negatives);
}

export const binomial: Family = {
  name: 'binomial',
  validateTarget(y) {
    for (let i = 0; i < y.length; i++) {
      const v = y[i]!;
      if (!(v >= 0 && v <= 1)) {
        throw new SolverInputError(
          Number.isFinite(v)
            ? `A binomial target is 0 or 1 (or a proportion in between); row ${i + 1} has ${v}.`
            : `The target has a missing or infinite value at row ${i + 1}.`,
        );
      }
    }
  },
  link: (mu) => Math.log(mu / (1 - mu)),
  inverseLink: logistic,
  deviance(y, mu, weights) {
    let sum = 0;
    for (let i = 0; i < y.length; i++) {
      const p = Math.min(Math.max(PMIN, mu[i]!), 1 - PMIN);
      const v = y[i]!;
      let d = -(v * Math.log(p) + (1 - v) * Math.log(1 - p));
      if (v > 0) d += v * Math.log(v);
      if (v < 1) d += (1 - v) * Math.log(1 - v);
      sum += (weights ? weights[i]! : 1) * 2 * d;
    }
    return sum;
  },
  ...irlsNullFit(irls),
  workingResponse(y, eta, weights, offset, z, omega) {
    for (let i = 0; i < y.length; i++) {
      const p = logistic(eta[i]!);
      const v = Math.max(p * (1 - p), 1e-300);
      omega[i] = (weights ? weights[i]! : 1) * v;
      z[i] = eta[i]! - (offset ? offset[i]! : 0) + (y[i]! - p) / v;
    }
  },
  lambdaMaxScore(y, eta, weights, out) {
    for (let i = 0; i < y.length; i++) {
      out[i] = (weights ? weights[i]! : 1) * (y[i]! - logistic(eta[i]!));
    }
  },
  quadraticIsExact: false,
  irls,
  cvMeasures: ['deviance', 'class', 'auc', 'mse', 'mae'],
  cvFoldValue(measure: CvMeasure, y, rows, mu, start, weights) {
    // cv.lognet: the two-column indicator form (1 − y, y) against (1 − μ, μ).
    switch (measure) {
      case 'auc':
        return weightedAuc(y, rows, mu, start, weights);
      case 'mse':
        return foldMean(rows, weights, (i, r) => 2 * (y[i]! - mu[start + r]!) ** 2);
      case 'mae':
        return foldMean(rows, weights, (i, r) => 2 * Math.abs(y[i]! - mu[start + r]!));
      case 'class':
        return foldMean(rows, weights, (i, r) => {
          const p = mu[start + r]!;
          return (1 - y[i]!) * (p >= 0.5 ? 1 : 0) + y[i]! * (p <= 0.5 ? 1 : 0);
        });
      default:
        return foldMean(rows, weights, (i, r) => {
          const p = Math.min(Math.max(CV_PMIN, mu[start + r]!), 1 - CV_PMIN);
          const v = y[i]!;
          let saturated = 0;
          if (v > 0) saturated += v * Math.log(v);
          if (v < 1) saturated += (1 - v) * Math.log(1 - v);
          return 2 * (saturated - (v * Math.log(p) + (1 - v) * Math.log(1 - p)));
        });
    }
  },
  cvMaximizes: (measure) => measure === 'auc',
};
