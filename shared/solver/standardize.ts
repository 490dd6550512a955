/**
 * Centring and scaling, glmnet's way: uniform observation weights 1/n below; with observation
 * weights the same with weighted means and sds, rows then scaled by √(n·w_i)
 * (standardizeWeighted).
 *
 *   x̃_j = (x_j − c_j) / s_j     c_j = mean(x_j) with an intercept, else 0
 *                                s_j = population sd of x_j when standardizing, else 1
 *   ỹ   = (y − c_y) / s_y       c_y = mean(y) with an intercept, else 0
 *                                s_y = population sd of y with an intercept, else √(mean(y²))
 *
 * The solver works on (x̃, ỹ) with λ̃ = λ / s_y; this is why glmnet's ridge term carries
 * the factor 1/s_y on the original scale. Coefficients map back as β_j = s_y·b_j / s_j.
 *
 * Shapes: x is n×p column-major (Float64Array n·p); y has length n.
 */
import { SolverInputError } from './errors';
import { acquireWorkspace, type Workspace } from './kernels';
import type { DesignMatrix } from './types';

export interface StandardizedProblem {
  n: number;
  p: number;
  /** x̃, column-major n·p (the start of `workspace.data`). Constant columns are left as zeros. */
  x: Float64Array;
  /** Where the kernels work: x̃ at [0, n·p), then room for the residual at [n·p, n·p + n). */
  workspace: Workspace;
  /** ỹ, length n. */
  y: Float64Array;
  /** (1/n)·x̃_jᵀx̃_j per column (1 when centred and scaled). */
  xSquareMean: Float64Array;
  /** (1/n)·ỹᵀỹ: 1 with an intercept, larger without. */
  ySquareMean: number;
  /** 1 for a column the solver may use, 0 for a constant column (coefficient fixed at 0). */
  usable: Uint8Array;
  xCenter: Float64Array;
  xScale: Float64Array;
  xSd: Float64Array;
  yCenter: number;
  yScale: number;
  ySd: number;
  /** Σ(y − c_y)²: the deviance of the intercept-only (or empty) model. */
  nulldev: number;
  /**
   * A problem given by its inner products alone (streaming, sufficientStats.ts): x̃ᵀx̃/n
   * (p×p, row-major) and x̃ᵀỹ/n (length p). Then x, y and the workspace hold no rows (n is
   * still the row count) and only covariance updates can solve it.
   */
  gram?: { xx: Float64Array; xy: Float64Array } | undefined;
}

/*
 * Overflow and underflow: sums of values and of squares are taken directly, and only when that
 * overflows (values near 1e300, or a few near 1e308) or is so small that squares lost precision
 * or vanished (spreads near 1e-154 and below) again on the values divided by their largest
 * magnitude, scaling back at the end. Normal data never takes the second way, so its results
 * are bit for bit what they were; extreme data gets the same statistics as at a usual size.
 */

/**
 * 2⁻⁹⁶⁰ ≈ 1e-289: a sum of squares below it may hold squares below the smallest normal double,
 * each rounded by up to 2⁻¹⁰⁷⁵ (or lost); above it their total error is under n·2⁻¹¹⁵ relatively.
 */
const TINY = 2 ** -960;

/** Largest |v| in the range (NaN if any value is NaN, Infinity if any is infinite). */
function maxAbs(values: ArrayLike<number>, offset: number, length: number): number {
  let largest = 0;
  for (let i = 0; i < length; i++) {
    const v = Math.abs(values[offset + i]!);
    if (!(v <= largest)) largest = v;
  }
  return largest;
}

export function mean(values: ArrayLike<number>, offset = 0, length = values.length): number {
  let sum = 0;
  for (let i = 0; i < length; i++) sum += values[offset + i]!;
  if (Number.isFinite(sum)) return sum / length;
  const m = maxAbs(values, offset, length);
  if (!Number.isFinite(m)) return sum / length;
  let scaled = 0;
  for (let i = 0; i < length; i++) scaled += values[offset + i]! / m;
  return (scaled / length) * m;
}

function allEqual(values: ArrayLike<number>, center: number, offset: number, length: number) {
  for (let i = 0; i < length; i++) if (values[offset + i] !== center) return false;
  return true;
}

/** Population standard deviation about `center` (two-pass, so large offsets do not cancel). */
export function populationSd(
  values: ArrayLike<number>,
  center: number,
  offset = 0,
  length = values.length,
): number {
  let sum = 0;
  for (let i = 0; i < length; i++) {
    const d = values[offset + i]! - center;
    sum += d * d;
  }
  if (Number.isFinite(sum) && (sum >= TINY || allEqual(values, center, offset, length)))
    return Math.sqrt(sum / length);
  const m = Math.max(maxAbs(values, offset, length), Math.abs(center));
  if (!Number.isFinite(m) || m === 0) return Math.sqrt(sum / length);
  const c = center / m;
  let scaled = 0;
  for (let i = 0; i < length; i++) {
    const d = values[offset + i]! / m - c;
    scaled += d * d;
  }
  return Math.sqrt(scaled / length) * m;
}

/**
 * Whether a column's sum of squared deviations (about its mean with an intercept, else about 0)
 * is a double that can be trusted: beyond the largest it overflows, below TINY its squares
 * underflowed (a constant column, with no spread at all, fits).
 */
export function squaresFit(
  values: ArrayLike<number>,
  intercept: boolean,
  offset: number,
  n: number,
): 'fits' | 'too large' | 'too small' {
  const center = intercept ? mean(values, offset, n) : 0;
  const spread = populationSd(values, center, offset, n);
  const squares = n * spread * spread;
  if (!Number.isFinite(squares)) return 'too large';
  return spread > 0 && squares < TINY ? 'too small' : 'fits';
}

/** Column j has a missing or infinite value: say where. */
function nonFiniteColumn(column: Float64Array, j: number, rows: Int32Array | null): void {
  for (let i = 0; i < column.length; i++) {
    if (!Number.isFinite(column[i]!)) {
      const row = rows ? rows[i]! : i;
      throw new SolverInputError(
        `Column ${j + 1} has a missing or infinite value at row ${row + 1}.`,
      );
    }
  }
}

/**
 * Centre and scale one non-constant column whose plain sums overflowed or underflowed (its
 * values are all finite): statistics from the values divided by their largest magnitude.
 * Standardized, such a column fits like any other; without standardization the squares of its
 * centred values must stay representable, or the column is refused (the analysis refuses it
 * first, by name: run.ts refuseUnrepresentable).
 */
function standardizeExtremeColumn(
  column: Float64Array,
  j: number,
  standardize: boolean,
  intercept: boolean,
): { center: number; scale: number; sd: number; squareMean: number } {
  const n = column.length;
  const columnMean = mean(column);
  const sd = populationSd(column, columnMean);
  const center = intercept ? columnMean : 0;
  const scale = standardize ? sd : 1;
  let squares = 0;
  for (let i = 0; i < n; i++) {
    // (v − c)/s as v/s − c/s: v − c alone may overflow.
    const v = standardize ? column[i]! / scale - center / scale : column[i]! - center;
    column[i] = v;
    squares += v * v;
  }
  if (!Number.isFinite(squares)) {
    throw new SolverInputError(
      `Column ${j + 1} has values too large to fit without standardization (their squares overflow double precision); standardize the features or rescale it (for example, divide it by 1e100).`,
    );
  }
  if (squares < TINY) {
    throw new SolverInputError(
      `Column ${j + 1} has values too small to fit without standardization (their squares underflow double precision); standardize the features or rescale it (for example, multiply it by 1e100).`,
    );
  }
  return { center, scale, sd, squareMean: squares / n };
}

/**
 * Standardize the rows `rows` of (x, y) (every row when null: a cross-validation fold passes its
 * training rows, so that it needs no copy of them). The solver's row i is the data's rows[i].
 */
export function standardizeProblem(
  design: DesignMatrix,
  yAll: Float64Array,
  standardize: boolean,
  intercept: boolean,
  rows: Int32Array | null = null,
  weights: Float64Array | null = null,
): StandardizedProblem {
  if (weights) return standardizeWeighted(design, yAll, standardize, intercept, rows, weights);
  const { p, values } = design;
  const n = rows ? rows.length : design.n;
  const y = rows ? Float64Array.from(rows, (i) => yAll[i]!) : yAll;
  const workspace = acquireWorkspace(n * p + n);
  const x = workspace.data.subarray(0, n * p);
  const xSquareMean = new Float64Array(p);
  const usable = new Uint8Array(p);
  const xCenter = new Float64Array(p);
  const xScale = new Float64Array(p).fill(1);
  const xSd = new Float64Array(p);

  // Each column is read from memory once, into x̃'s place; the passes over it then find it in
  // cache. The arithmetic is that of mean(), populationSd() and (v − c)/s, so the bits match.
  const copyColumn = (j: number, column: Float64Array) => {
    const source = j * design.n;
    if (rows) for (let i = 0; i < n; i++) column[i] = values[source + rows[i]!]!;
    else column.set(values.subarray(source, source + n));
  };
  for (let j = 0; j < p; j++) {
    const offset = j * n;
    const column = x.subarray(offset, offset + n);
    copyColumn(j, column);
    const first = column[0]!;
    let sum = 0;
    let constant = true;
    for (let i = 0; i < n; i++) {
      const v = column[i]!;
      sum += v;
      if (v !== first) constant = false;
    }
    if (!Number.isFinite(sum)) nonFiniteColumn(column, j, rows);
    if (constant) {
      column.fill(0);
      continue;
    }
    usable[j] = 1;
    const columnMean = sum / n;
    const center = intercept ? columnMean : 0;
    let deviations = 0;
    for (let i = 0; i < n; i++) {
      const v = column[i]!;
      const d = v - columnMean;
      deviations += d * d;
      column[i] = v - center;
    }
    const sd = Math.sqrt(deviations / n);
    const scale = standardize ? sd : 1;
    let squares = 0;
    if (Number.isFinite(sum) && Number.isFinite(deviations)) {
      for (let i = 0; i < n; i++) {
        const v = column[i]! / scale;
        column[i] = v;
        squares += v * v;
      }
    }
    const representable = Number.isFinite(deviations) && deviations >= TINY;
    if (Number.isFinite(sum) && representable && Number.isFinite(squares) && squares >= TINY) {
      xSd[j] = sd;
      xCenter[j] = center;
      xScale[j] = scale;
      xSquareMean[j] = squares / n;
      continue;
    }
    copyColumn(j, column);
    const large = standardizeExtremeColumn(column, j, standardize, intercept);
    xSd[j] = large.sd;
    xCenter[j] = large.center;
    xScale[j] = large.scale;
    xSquareMean[j] = large.squareMean;
  }

  const yMean = mean(y);
  // Without an intercept glmnet scales y by its root mean square, not its sd (checked
  // against R: test/fixtures/glmnet/synthetic-enet-0.5-no-intercept.json).
  const yScale = intercept ? populationSd(y, yMean) : populationSd(y, 0);
  if (!(yScale > 0)) {
    throw new SolverInputError(
      'The target is constant, so there is nothing to model. Choose a target column whose values vary.',
      'constant-target',
    );
  }
  const yCenter = intercept ? yMean : 0;
  const yStd = new Float64Array(n);
  let ySquares = 0;
  let nulldev = 0;
  for (let i = 0; i < n; i++) {
    const centred = y[i]! - yCenter;
    nulldev += centred * centred;
    const v = centred / yScale;
    yStd[i] = v;
    ySquares += v * v;
  }
  if (!Number.isFinite(nulldev) || !Number.isFinite(ySquares)) {
    throw new SolverInputError(
      'The target has values so large that their squared deviations overflow double precision; rescale it (for example, divide it by 1e100).',
    );
  }
  if (nulldev < TINY) {
    throw new SolverInputError(
      'The target has values so small that their squared deviations underflow double precision; rescale it (for example, multiply it by 1e100).',
    );
  }

  return {
    n,
    p,
    x,
    workspace,
    y: yStd,
    xSquareMean,
    ySquareMean: ySquares / n,
    usable,
    xCenter,
    xScale,
    xSd,
    yCenter,
    yScale,
    ySd: populationSd(y, yMean),
    nulldev,
  };
}

/**
 * Observation weights, glmnet's way: w is normalized to sum to 1 and every mean and sd above
 * becomes a weighted one (c_j = Σ w_i·x_ij, s_j = √(Σ w_i·(x_ij − c_j)²), likewise c_y, s_y).
 * Row i of x̃ and ỹ is then multiplied by v_i = √(n·w_i), so that the solver's unweighted
 * (1/n)·x̃_jᵀr is the weighted Σ w_i·x_ij·r_i: naive and covariance updates, strong rules and KKT
 * checks need no change, and a zero weight is a row that contributes nothing (glmnet's
 * `standard1` scales rows by √w the same way, its inner products having no 1/n).
 *
 * A column constant on the rows of positive weight cannot be fitted (its weighted sd is 0).
 * `nulldev` is Σ w_i·(y_i − c_y)² with the weights as given (not normalized), as glmnet reports it.
 * The plain sums here are not guarded against overflow as the unweighted path's are: weighted
 * fits of values near 1e300 are refused by the finite-sum checks instead.
 */
function standardizeWeighted(
  design: DesignMatrix,
  yAll: Float64Array,
  standardize: boolean,
  intercept: boolean,
  rows: Int32Array | null,
  weightsAll: Float64Array,
): StandardizedProblem {
  const { p, values } = design;
  const n = rows ? rows.length : design.n;
  const y = rows ? Float64Array.from(rows, (i) => yAll[i]!) : yAll;
  const raw = rows ? Float64Array.from(rows, (i) => weightsAll[i]!) : weightsAll;
  let weightSum = 0;
  for (let i = 0; i < n; i++) weightSum += raw[i]!;
  if (!(weightSum > 0)) {
    throw new SolverInputError(
      'The observation weights of the rows fitted sum to 0, so there is nothing to fit; give some rows a positive weight.',
    );
  }
  const w = Float64Array.from(raw, (value) => value / weightSum);
  const v = Float64Array.from(w, (value) => Math.sqrt(n * value));
  const workspace = acquireWorkspace(n * p + n);
  const x = workspace.data.subarray(0, n * p);
  const xSquareMean = new Float64Array(p);
  const usable = new Uint8Array(p);
  const xCenter = new Float64Array(p);
  const xScale = new Float64Array(p).fill(1);
  const xSd = new Float64Array(p);
  let firstWeighted = 0;
  while (!(w[firstWeighted]! > 0)) firstWeighted++;

  for (let j = 0; j < p; j++) {
    const offset = j * n;
    const column = x.subarray(offset, offset + n);
    const source = j * design.n;
    if (rows) for (let i = 0; i < n; i++) column[i] = values[source + rows[i]!]!;
    else column.set(values.subarray(source, source + n));
    const first = column[firstWeighted]!;
    let sum = 0;
    let plain = 0;
    let constant = true;
    for (let i = 0; i < n; i++) {
      const value = column[i]!;
      plain += value;
      sum += w[i]! * value;
      if (w[i]! > 0 && value !== first) constant = false;
    }
    if (!Number.isFinite(plain)) nonFiniteColumn(column, j, rows);
    if (constant) {
      column.fill(0);
      continue;
    }
    const columnMean = sum;
    let deviations = 0;
    for (let i = 0; i < n; i++) {
      const d = column[i]! - columnMean;
      deviations += w[i]! * d * d;
    }
    const sd = Math.sqrt(deviations);
    const center = intercept ? columnMean : 0;
    const scale = standardize ? sd : 1;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      const value = (v[i]! * (column[i]! - center)) / scale;
      column[i] = value;
      squares += value * value;
    }
    if (!(Number.isFinite(deviations) && Number.isFinite(squares) && sd > 0)) {
      throw new SolverInputError(
        `Column ${j + 1} has values too large to fit with observation weights (their squares overflow double precision); rescale it (for example, divide it by 1e100).`,
      );
    }
    usable[j] = 1;
    xSd[j] = sd;
    xCenter[j] = center;
    xScale[j] = scale;
    xSquareMean[j] = squares / n;
  }

  let yMean = 0;
  for (let i = 0; i < n; i++) yMean += w[i]! * y[i]!;
  const yCenter = intercept ? yMean : 0;
  let spread = 0;
  let squaresAbout = 0;
  for (let i = 0; i < n; i++) {
    const d = y[i]! - yMean;
    spread += w[i]! * d * d;
    const c = y[i]! - yCenter;
    squaresAbout += w[i]! * c * c;
  }
  // Without an intercept glmnet scales y by its weighted root mean square, as unweighted.
  const yScale = Math.sqrt(squaresAbout);
  if (!(yScale > 0) || !Number.isFinite(yScale)) {
    throw new SolverInputError(
      Number.isFinite(yScale)
        ? 'The target is constant on the rows of positive weight, so there is nothing to model. Choose a target column whose values vary.'
        : 'The target has values so large that their squared deviations overflow double precision; rescale it (for example, divide it by 1e100).',
    );
  }
  const yStd = new Float64Array(n);
  let ySquares = 0;
  for (let i = 0; i < n; i++) {
    const value = (v[i]! * (y[i]! - yCenter)) / yScale;
    yStd[i] = value;
    ySquares += value * value;
  }
  return {
    n,
    p,
    x,
    workspace,
    y: yStd,
    xSquareMean,
    ySquareMean: ySquares / n,
    usable,
    xCenter,
    xScale,
    xSd,
    yCenter,
    yScale,
    ySd: Math.sqrt(spread),
    nulldev: squaresAbout * weightSum,
  };
}
