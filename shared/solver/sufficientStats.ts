/**
 * Gaussian fits from sufficient statistics, for data that never sits in memory at once
 * (streaming: electron/services/streamingFit.ts). A gaussian elastic net needs of its rows
 * only, per set of rows (the fit, each CV fold, the test rows):
 *
 *   W = Σ w_i                                 weight (the row count without weights)
 *   m = Σ w_i·v_i / W                         weighted means of v = (x_1 … x_p, z)
 *   C = Σ w_i·(v_i − m)(v_i − m)ᵀ             centred co-moments, (p+1)×(p+1)
 *
 * with z = y − offset. They are accumulated in chunks: a chunk's own means and centred
 * co-moments (two passes over the chunk, which is in memory), then merged into the running
 * ones by Chan, Golub and LeVeque's pairwise update
 *
 *   m = m_a + δ·W_b/W,   C = C_a + C_b + δδᵀ·W_a·W_b/W,   δ = m_b − m_a,
 *
 * so no raw sum Σ w·x·x is ever formed: columns around 1e6 ± 1 keep their digits, where raw
 * sums would cancel about twelve of them. A CV fold's training statistics are the merge of the
 * other folds' (never the total minus the fold's: subtracting moments cancels the same way).
 *
 * From them the standardization is standardize.ts's, written on moments (s_j = √(C_jj/W),
 * x̃ᵀx̃/n = C_jk/(W·s_j·s_k) with an intercept), and the path is path.ts's solvePath on the
 * Gram matrix with covariance updates: the same descent, grid and stopping rule as in memory.
 * A fold's mean squared error at (a0, β) is exact from its statistics:
 *
 *   Σ w·(z − a0 − xᵀβ)²/W = (m_z − a0 − m_xᵀβ)² + (C_zz − 2βᵀC_xz + βᵀC_xxβ)/W.
 */
import { foldPrefix, type Warning } from '../warning';
import { type CvSummary, chooseLambdas, MIN_ROWS_PER_FOLD_GROUPED } from './cv';
import { SolverCancelledError, SolverInputError } from './errors';
import { coefficientsAt } from './interpolate';
import { acquireWorkspace, releaseWorkspace } from './kernels';
import { resolvePathOptions, solvePath } from './path';
import type { StandardizedProblem } from './standardize';
import type { PathOptions, PathProgress, PathResult } from './types';

/** The sufficient statistics of one set of rows: p features, then z, as index p. */
export interface Moments {
  p: number;
  /** Rows seen (zero weights included, as the in-memory fit counts them). */
  count: number;
  /** Σ w_i. */
  weight: number;
  /** Weighted means, length p + 1 (z last). */
  mean: Float64Array;
  /** Centred co-moments, (p+1)×(p+1) row-major, symmetric. */
  comoment: Float64Array;
  /** Per feature, the smallest and largest value on rows of positive weight (constant columns). */
  min: Float64Array;
  max: Float64Array;
}

export function emptyMoments(p: number): Moments {
  const q = p + 1;
  return {
    p,
    count: 0,
    weight: 0,
    mean: new Float64Array(q),
    comoment: new Float64Array(q * q),
    min: new Float64Array(p).fill(Number.POSITIVE_INFINITY),
    max: new Float64Array(p).fill(Number.NEGATIVE_INFINITY),
  };
}

/** b merged into a (a changes), by the pairwise update above. */
export function mergeInto(a: Moments, b: Moments): Moments {
  const q = a.p + 1;
  a.count += b.count;
  for (let j = 0; j < a.p; j++) {
    if (b.min[j]! < a.min[j]!) a.min[j] = b.min[j]!;
    if (b.max[j]! > a.max[j]!) a.max[j] = b.max[j]!;
  }
  if (!(b.weight > 0)) return a;
  if (!(a.weight > 0)) {
    a.weight = b.weight;
    a.mean.set(b.mean);
    a.comoment.set(b.comoment);
    return a;
  }
  const total = a.weight + b.weight;
  const factor = (a.weight * b.weight) / total;
  const delta = new Float64Array(q);
  for (let j = 0; j < q; j++) delta[j] = b.mean[j]! - a.mean[j]!;
  for (let j = 0; j < q; j++) {
    for (let k = 0; k < q; k++)
      a.comoment[j * q + k]! += b.comoment[j * q + k]! + delta[j]! * delta[k]! * factor;
    a.mean[j]! += (delta[j]! * b.weight) / total;
  }
  a.weight = total;
  return a;
}

/** A new set of statistics, the merge of `parts` (which are left as they were). */
export function mergeAll(p: number, parts: readonly Moments[]): Moments {
  const merged = emptyMoments(p);
  for (const part of parts) mergeInto(merged, part);
  return merged;
}

/** Rows of one set go in one at a time; every `chunkRows` of them are merged as a chunk. */
export class MomentAccumulator {
  readonly moments: Moments;
  private readonly values: Float64Array;
  private readonly weights: Float64Array;
  private rows = 0;

  constructor(
    readonly p: number,
    private readonly chunkRows = 2048,
  ) {
    this.moments = emptyMoments(p);
    this.values = new Float64Array(chunkRows * (p + 1));
    this.weights = new Float64Array(chunkRows);
  }

  /** One row: features x[offset … offset + p), its z = y − offset and weight w (1 without). */
  add(x: ArrayLike<number>, offset: number, z: number, w: number): void {
    const q = this.p + 1;
    const at = this.rows * q;
    for (let j = 0; j < this.p; j++) this.values[at + j] = x[offset + j]!;
    this.values[at + this.p] = z;
    this.weights[this.rows] = w;
    if (++this.rows === this.chunkRows) this.flush();
  }

  /** Merge the rows buffered so far; the statistics are then complete. */
  finish(): Moments {
    this.flush();
    return this.moments;
  }

  /**
   * The chunk's moments about a shift, the running means (or, for the first chunk, its first
   * row of positive weight): its values then differ from the shift by about their spread, not
   * by their size, so its mean and the merge's δ (the shifted mean itself) keep their digits.
   */
  private flush(): void {
    const m = this.rows;
    if (m === 0) return;
    this.rows = 0;
    const { p, values, weights, moments } = this;
    const q = p + 1;
    moments.count += m;
    let first = -1;
    for (let r = 0; r < m && first < 0; r++) if (weights[r]! > 0) first = r;
    if (first < 0) return;
    const shift =
      moments.weight > 0 ? Float64Array.from(moments.mean) : values.slice(first * q, first * q + q);
    const shifted = new Float64Array(q);
    let weight = 0;
    for (let r = 0; r < m; r++) {
      const w = weights[r]!;
      if (!(w > 0)) continue;
      weight += w;
      for (let j = 0; j < q; j++) {
        const v = values[r * q + j]!;
        shifted[j]! += w * (v - shift[j]!);
        if (j < p) {
          if (v < moments.min[j]!) moments.min[j] = v;
          if (v > moments.max[j]!) moments.max[j] = v;
        }
      }
    }
    for (let j = 0; j < q; j++) shifted[j]! /= weight;
    const c = new Float64Array(q * q);
    const d = new Float64Array(q);
    for (let r = 0; r < m; r++) {
      const w = weights[r]!;
      if (!(w > 0)) continue;
      for (let j = 0; j < q; j++) d[j] = values[r * q + j]! - shift[j]! - shifted[j]!;
      // Upper triangle only; mirrored below.
      for (let j = 0; j < q; j++) {
        const wd = w * d[j]!;
        for (let k = j; k < q; k++) c[j * q + k]! += wd * d[k]!;
      }
    }
    for (let j = 0; j < q; j++) for (let k = 0; k < j; k++) c[j * q + k] = c[k * q + j]!;
    if (!(moments.weight > 0)) {
      for (let j = 0; j < q; j++) moments.mean[j] = shift[j]! + shifted[j]!;
      moments.comoment.set(c);
      moments.weight = weight;
      return;
    }
    // The pairwise merge with δ = the chunk's mean minus the running mean = `shifted`.
    const total = moments.weight + weight;
    const factor = (moments.weight * weight) / total;
    for (let j = 0; j < q; j++) {
      for (let k = 0; k < q; k++)
        moments.comoment[j * q + k]! += c[j * q + k]! + shifted[j]! * shifted[k]! * factor;
    }
    for (let j = 0; j < q; j++) moments.mean[j]! += (shifted[j]! * weight) / total;
    moments.weight = total;
  }
}

/**
 * standardize.ts's centring and scaling, from the statistics: the same centres, scales and
 * inner products (x̃ᵀx̃/n, x̃ᵀỹ/n) as the in-memory standardization of the same rows, up to
 * the order of summation. Constant columns (on rows of positive weight) are unusable, as there.
 */
export function standardizeFromMoments(
  m: Moments,
  standardize: boolean,
  intercept: boolean,
): StandardizedProblem {
  const { p, weight: W, mean, comoment } = m;
  const q = p + 1;
  if (!(W > 0)) {
    throw new SolverInputError(
      'The observation weights of the rows fitted sum to 0, so there is nothing to fit; give some rows a positive weight.',
    );
  }
  const usable = new Uint8Array(p);
  const xCenter = new Float64Array(p);
  const xScale = new Float64Array(p).fill(1);
  const xSd = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    if (!(m.min[j]! < m.max[j]!)) continue;
    const sd = Math.sqrt(comoment[j * q + j]! / W);
    if (!(Number.isFinite(sd) && sd > 0)) {
      throw new SolverInputError(
        `Column ${j + 1} has values too large (or too close together) for the streamed fit's double precision; rescale it.`,
      );
    }
    usable[j] = 1;
    xSd[j] = sd;
    xCenter[j] = intercept ? mean[j]! : 0;
    xScale[j] = standardize ? sd : 1;
  }
  // Inner products about the centres: C_jk, plus W·m_j·m_k when the centre is 0.
  const about = (j: number, k: number) =>
    comoment[j * q + k]! + (intercept ? 0 : W * mean[j]! * mean[k]!);
  const yMean = mean[p]!;
  const yScale = Math.sqrt(about(p, p) / W);
  if (!(yScale > 0) || !Number.isFinite(yScale)) {
    throw new SolverInputError(
      Number.isFinite(yScale)
        ? 'The target is constant, so there is nothing to model. Choose a target column whose values vary.'
        : 'The target has values so large that their squared deviations overflow double precision; rescale it (for example, divide it by 1e100).',
      Number.isFinite(yScale) ? 'constant-target' : undefined,
    );
  }
  const xx = new Float64Array(p * p);
  const xy = new Float64Array(p);
  const xSquareMean = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    if (!usable[j]) continue;
    for (let k = 0; k < p; k++) {
      if (usable[k]) xx[j * p + k] = about(j, k) / (W * xScale[j]! * xScale[k]!);
    }
    xSquareMean[j] = xx[j * p + j]!;
    xy[j] = about(j, p) / (W * xScale[j]! * yScale);
  }
  const workspace = acquireWorkspace(1);
  return {
    n: m.count,
    p,
    x: new Float64Array(0),
    workspace,
    y: new Float64Array(0),
    xSquareMean,
    ySquareMean: about(p, p) / W / (yScale * yScale),
    usable,
    xCenter,
    xScale,
    xSd,
    yCenter: intercept ? yMean : 0,
    yScale,
    ySd: Math.sqrt(comoment[p * q + p]! / W),
    nulldev: about(p, p),
    gram: { xx, xy },
  };
}

/**
 * fitPath from the statistics of the rows fitted (gaussian only: other families' quadratic
 * approximations change with every IRLS step, so their rows are needed at each). Weights and
 * offset are already in the statistics, so the options must not carry them.
 */
export function fitPathFromMoments(
  m: Moments,
  partialOptions: Partial<PathOptions> = {},
  onProgress?: PathProgress,
): PathResult {
  const started = performance.now();
  const options = resolvePathOptions({ n: m.count, p: m.p }, partialOptions);
  if ((options.family ?? 'gaussian') !== 'gaussian') {
    throw new SolverInputError(
      `A fit from sufficient statistics (streaming) is only exact for the gaussian family; the ${options.family} family needs its data in memory.`,
    );
  }
  if (options.weights || options.offset) {
    throw new Error('Weights and offset belong in the statistics, not the options.');
  }
  const problem = standardizeFromMoments(m, options.standardize, options.intercept);
  try {
    return solvePath(problem, options, started, onProgress);
  } finally {
    releaseWorkspace(problem.workspace);
  }
}

/** Σ w·(z − a0 − xᵀβ)² / W over the rows of `m`, exactly (formula at the top). */
export function meanSquaredError(m: Moments, a0: number, beta: readonly number[]): number {
  const { p, mean, comoment, weight } = m;
  const q = p + 1;
  if (!(weight > 0)) return 0;
  let bias = mean[p]! - a0;
  let cross = 0;
  let quadratic = 0;
  for (let j = 0; j < p; j++) {
    const bj = beta[j]!;
    if (bj === 0) continue;
    bias -= mean[j]! * bj;
    cross += bj * comoment[j * q + p]!;
    let row = 0;
    for (let k = 0; k < p; k++) if (beta[k] !== 0) row += comoment[j * q + k]! * beta[k]!;
    quadratic += bj * row;
  }
  const spread = Math.max(0, comoment[p * q + p]! - 2 * cross + quadratic);
  return bias * bias + spread / weight;
}

export interface MomentsCv {
  summary: CvSummary;
  warnings: Warning[];
  converged: boolean;
}

/**
 * cv.glmnet (grouped, mse) from per-fold statistics, as cv.ts computes it from rows: each fold
 * fitted on the merge of the others (its own grid unless λ is explicit), read off at the full
 * path's λ by linear interpolation, its held-out mse exact from its own statistics.
 */
export function cvFromMoments(
  folds: readonly Moments[],
  path: PathResult,
  partialOptions: Partial<PathOptions>,
  onFold?: (done: number, total: number) => boolean | undefined,
): MomentsCv {
  const K = folds.length;
  const p = folds[0]!.p;
  const rows = folds.reduce((sum, fold) => sum + fold.count, 0);
  if (rows / K < MIN_ROWS_PER_FOLD_GROUPED) {
    throw new SolverInputError(
      `The ${K} folds average fewer than ${MIN_ROWS_PER_FOLD_GROUPED} rows; the streamed fit computes only grouped CV errors. Use fewer folds or fit in memory.`,
    );
  }
  const lambda = path.lambda;
  const L = lambda.length;
  const warnings: Warning[] = [];
  let converged = true;
  const foldMeans: Float64Array[] = [];
  const counts = Array.from({ length: L }, () => new Array<number>(p).fill(0));
  for (let k = 0; k < K; k++) {
    const training = mergeAll(
      p,
      folds.filter((_, other) => other !== k),
    );
    const fit = fitPathFromMoments(training, partialOptions);
    converged &&= fit.diagnostics.converged;
    for (const w of fit.diagnostics.warnings)
      warnings.push({ ...w, fold: k + 1, message: `${foldPrefix(k + 1)}${w.message}` });
    const aligned = coefficientsAt(fit.lambda, fit.a0, fit.beta, lambda);
    const means = new Float64Array(L);
    for (let l = 0; l < L; l++) {
      const beta = aligned.beta[l]!;
      means[l] = meanSquaredError(folds[k]!, aligned.a0[l]!, beta);
      for (let j = 0; j < p; j++) if (beta[j] !== 0) counts[l]![j]!++;
    }
    foldMeans.push(means);
    if (onFold?.(k + 1, K)) throw new SolverCancelledError();
  }
  const sizes = folds.map((fold) => fold.weight);
  const total = sizes.reduce((a, b) => a + b, 0);
  const cvm: number[] = [];
  const cvsd: number[] = [];
  for (let l = 0; l < L; l++) {
    let mean = 0;
    for (let k = 0; k < K; k++) mean += sizes[k]! * foldMeans[k]![l]!;
    mean /= total;
    cvm.push(mean);
    let spread = 0;
    for (let k = 0; k < K; k++) spread += sizes[k]! * (foldMeans[k]![l]! - mean) ** 2;
    cvsd.push(Math.sqrt(spread / total / (K - 1)));
  }
  const { indexMin, index1se } = chooseLambdas(cvm, cvsd);
  return {
    summary: {
      nfolds: K,
      measure: 'mse',
      lambda: [...lambda],
      cvm,
      cvsd,
      cvup: cvm.map((m, l) => m + cvsd[l]!),
      cvlo: cvm.map((m, l) => m - cvsd[l]!),
      nzero: [...path.df],
      lambdaMin: lambda[indexMin]!,
      lambda1se: lambda[index1se]!,
      indexMin,
      index1se,
      selectionFrequency: counts.map((row) => row.map((count) => count / K)),
      grouped: true,
    },
    warnings,
    converged,
  };
}

/**
 * Test-set scores at every λ of a path from the test rows' statistics: mse exactly, and R²
 * (1 − SSE/SST about the rows' weighted mean, as metrics.ts) when z is y itself (no offset).
 * The mean absolute error needs the rows and is not available.
 */
export function testScoresFromMoments(
  test: Moments,
  path: Pick<PathResult, 'a0' | 'beta'>,
  hasOffset: boolean,
): { n: number; mse: number[]; r2?: number[] } {
  const mse = path.a0.map((a0, l) => meanSquaredError(test, a0, path.beta[l]!));
  const total = test.comoment[test.p * (test.p + 1) + test.p]!;
  if (hasOffset) return { n: test.count, mse };
  return {
    n: test.count,
    mse,
    r2: mse.map((value) => (total > 0 ? 1 - (value * test.weight) / total : Number.NaN)),
  };
}
