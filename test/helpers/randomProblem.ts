/** Seeded random regression problems for property tests, with awkward shapes on purpose. */

import fc from 'fast-check';
import type { DesignMatrix, PathResult } from '../../shared/solver';
import { mulberry32, normal } from '../../shared/solver/random';

export interface ProblemShape {
  seed: number;
  n: number;
  p: number;
  /** How many leading columns also appear again as exact copies (at the end). */
  duplicates?: number;
  /** How many columns are constant. */
  constants?: number;
  /** Column scales spread over orders of magnitude. */
  wildScales?: boolean;
}

/** Problem shapes for property tests, up to maxN rows and maxP columns, awkward on purpose. */
export function problemShapes(maxN: number, maxP: number): fc.Arbitrary<Required<ProblemShape>> {
  return fc.record({
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
    n: fc.integer({ min: 5, max: maxN }),
    p: fc.integer({ min: 2, max: maxP }),
    duplicates: fc.integer({ min: 0, max: 3 }),
    constants: fc.integer({ min: 0, max: 2 }),
    wildScales: fc.boolean(),
  });
}

export function randomProblem(shape: ProblemShape): { design: DesignMatrix; y: Float64Array } {
  const { n, p, seed, duplicates = 0, constants = 0, wildScales = false } = shape;
  const random = mulberry32(seed);
  const values = new Float64Array(n * p);
  const latent = Float64Array.from({ length: n }, () => normal(random));
  for (let j = 0; j < p; j++) {
    const scale = wildScales ? 10 ** (random() * 8 - 4) : 1;
    // Offsets of a few sds: larger ones make uncentred (no-intercept) columns nearly collinear.
    const shift = wildScales ? scale * (random() - 0.5) * 10 : 0;
    for (let i = 0; i < n; i++) {
      // Correlated columns (shared latent factor), like real data.
      values[j * n + i] = shift + scale * (0.6 * latent[i]! + normal(random));
    }
  }
  for (let d = 0; d < Math.min(duplicates, p - 1); d++) {
    values.copyWithin((p - 1 - d) * n, d * n, (d + 1) * n);
  }
  for (let c = 0; c < Math.min(constants, p - 1); c++) {
    values.fill(3.5, (1 + c) * n, (2 + c) * n);
  }
  const y = new Float64Array(n);
  const support = Math.min(p, 5);
  for (let i = 0; i < n; i++) {
    let signal = 2;
    for (let j = 0; j < support; j++) signal += ((j % 2 ? -1 : 1) * values[j * n + i]!) / (1 + j);
    y[i] = signal + normal(random);
  }
  return { design: { n, p, values }, y };
}

/**
 * A binomial or Poisson response drawn from a linear signal (randomProblem's y): binomial with
 * P(1) = logistic((s − 2)/1.5), Poisson by inversion with mean e^{0.3(s − 2)}, both seeded.
 */
export function glmResponse(
  family: 'binomial' | 'poisson',
  signal: Float64Array,
  seed: number,
): Float64Array {
  const random = mulberry32(seed);
  return Float64Array.from(signal, (s) => {
    if (family === 'binomial') return random() < 1 / (1 + Math.exp(-(s - 2) / 1.5)) ? 1 : 0;
    const mean = Math.exp(0.3 * (s - 2));
    let k = 0;
    let term = Math.exp(-mean);
    let cumulative = term;
    const u = random();
    while (u > cumulative && k < 1000) {
      k++;
      term *= mean / k;
      cumulative += term;
    }
    return k;
  });
}

export interface KktReport {
  /** Largest violation of the optimality conditions, relative to the target's scale. */
  worst: number;
}

/**
 * The KKT conditions of glmnet's objective, written independently of the solver on the
 * original scale: with w_j = sd_j (standardize) or 1, g_j = x_jᵀr/n (r the residual),
 *   β_j ≠ 0:  g_j = λ·vp_j·[α·w_j·sign(β_j) + (1−α)·w_j²·β_j/s_y]
 *   β_j = 0:  |g_j| ≤ λ·α·vp_j·w_j
 */
export function kktViolation(
  design: DesignMatrix,
  y: Float64Array,
  fit: PathResult,
  k: number,
): KktReport {
  const { n, p, values } = design;
  const { alpha, standardize, intercept, penaltyFactor } = fit.options;
  const lambda = fit.lambda[k]!;
  const beta = fit.beta[k]!;
  const a0 = fit.a0[k]!;
  const yMean = y.reduce((a, b) => a + b, 0) / n;
  const sdY = Math.sqrt(y.reduce((a, b) => a + (intercept ? (b - yMean) ** 2 : b * b), 0) / n);
  let pfSum = 0;
  for (let j = 0; j < p; j++) pfSum += penaltyFactor ? Math.max(0, penaltyFactor[j]!) : 1;
  const residual = Float64Array.from(y, (v) => v - a0);
  for (let j = 0; j < p; j++) {
    for (let i = 0; i < n; i++) residual[i]! -= values[j * n + i]! * beta[j]!;
  }
  let worst = 0;
  for (let j = 0; j < p; j++) {
    const column = values.subarray(j * n, (j + 1) * n);
    const mean = column.reduce((a, b) => a + b, 0) / n;
    const sd = Math.sqrt(column.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
    if (sd === 0) continue; // constant column: excluded, coefficient 0 by convention
    const w = standardize ? sd : 1;
    const vp = ((penaltyFactor ? Math.max(0, penaltyFactor[j]!) : 1) * p) / pfSum;
    let g = 0;
    for (let i = 0; i < n; i++) g += column[i]! * residual[i]!;
    g /= n;
    const b = beta[j]!;
    let violation: number;
    if (b !== 0) {
      violation = Math.abs(
        g - lambda * vp * (alpha * w * Math.sign(b) + ((1 - alpha) * w * w * b) / sdY),
      );
    } else {
      violation = Math.max(0, Math.abs(g) - lambda * alpha * vp * w);
    }
    // Judge the gradient relative to the column's own scale (its sd when centred, its root
    // mean square when not) and the target's, whatever the standardize option.
    const rms = Math.sqrt(column.reduce((a, v) => a + v * v, 0) / n);
    worst = Math.max(worst, violation / ((intercept ? sd : rms) * sdY));
  }
  return { worst };
}
