/**
 * The relaxed lasso's refits (glmnet's relax.glmnet): for every λ of a penalized path, the
 * fit without penalty on that λ's active set (its nonzero coefficients), which relaxedBlend.ts
 * mixes with the penalized fit by γ. As glmnet:
 *  - λ with the same active set share one refit (glmnet groups them the same way);
 *  - an empty active set keeps the penalized (intercept-only) fit;
 *  - an active set of more than maxp = m − 3 columns (m the rows fitted) is not refitted:
 *    glmnet drops that λ from the relaxed fit and its blend uses the last refitted λ instead
 *    (blend.relaxed's extend), which is what `refit` holds there; `refitted` says which.
 * The gaussian refit is weighted least squares with the intercept (and offset), solved by QR
 * (ml-matrix) on the √w-scaled centred columns; an active set whose columns are collinear (QR
 * rank-deficient) is refitted as glmnet does it, by its own solver at λ = 0, which picks one of
 * the many solutions. Binomial and Poisson refit by the IRLS solver at λ = 0 (glmnet's refit is
 * glmnet(λ = 0) on the active columns).
 */
import { Matrix, QrDecomposition } from 'ml-matrix';
import { SolverCancelledError } from './errors';
import { fitPathOnRows } from './path';
import type { DesignMatrix, PathOptions } from './types';

export interface RelaxedRefit {
  /** Per λ of the path: the refit's intercept (the last refitted λ's where `refitted` is false). */
  a0: number[];
  /** Per λ: the refit's coefficients (zero off the active set). */
  beta: number[][];
  /** Per λ: false where the active set exceeded maxp and glmnet leaves λ out. */
  refitted: boolean[];
}

/** QR pivots below this fraction of the largest are taken as rank deficiency. */
const RANK_TOLERANCE = 1e-10;

export function relaxPath(
  design: DesignMatrix,
  y: Float64Array,
  rows: Int32Array | null,
  options: Partial<PathOptions>,
  path: { a0: readonly number[]; beta: readonly (readonly number[])[] },
  /** Polled before each refit; true stops with a SolverCancelledError. */
  shouldStop?: () => boolean,
): RelaxedRefit {
  const m = rows ? rows.length : design.n;
  const maxp = m - 3;
  const cache = new Map<string, { a0: number; beta: number[] }>();
  const out: RelaxedRefit = { a0: [], beta: [], refitted: [] };
  let lastRefitted = -1;
  path.beta.forEach((coefficients, l) => {
    const active: number[] = [];
    coefficients.forEach((b, j) => {
      if (b !== 0) active.push(j);
    });
    if (active.length > maxp) {
      out.a0.push(Number.NaN);
      out.beta.push([]);
      out.refitted.push(false);
      return;
    }
    lastRefitted = l;
    out.refitted.push(true);
    if (active.length === 0) {
      out.a0.push(path.a0[l]!);
      out.beta.push([...coefficients]);
      return;
    }
    const key = active.join(',');
    let fit = cache.get(key);
    if (!fit) {
      if (shouldStop?.()) throw new SolverCancelledError();
      fit = refit(design, y, rows, options, active);
      cache.set(key, fit);
    }
    out.a0.push(fit.a0);
    out.beta.push([...fit.beta]);
  });
  // blend.relaxed(extend = TRUE): λ left out take the last refitted λ's fit. With none
  // refitted at all (every active set beyond maxp) there is nothing to relax towards, and the
  // penalized fit stands in (every blend is then the penalized fit).
  out.refitted.forEach((done, l) => {
    if (done) return;
    const from = lastRefitted >= 0 ? lastRefitted : l;
    out.a0[l] = lastRefitted >= 0 ? out.a0[from]! : path.a0[l]!;
    out.beta[l] = [...(lastRefitted >= 0 ? out.beta[from]! : path.beta[l]!)];
  });
  return out;
}

function refit(
  design: DesignMatrix,
  y: Float64Array,
  rows: Int32Array | null,
  options: Partial<PathOptions>,
  active: readonly number[],
): { a0: number; beta: number[] } {
  const gaussian = (options.family ?? 'gaussian') === 'gaussian';
  const fit = gaussian ? leastSquares(design, y, rows, options, active) : null;
  return fit ?? unpenalizedFit(design, y, rows, options, active);
}

/** Weighted least squares on the active columns; null when they are collinear. */
function leastSquares(
  design: DesignMatrix,
  y: Float64Array,
  rows: Int32Array | null,
  { weights, offset, intercept = true }: Partial<PathOptions>,
  active: readonly number[],
): { a0: number; beta: number[] } | null {
  const { n, p, values } = design;
  const m = rows ? rows.length : n;
  const row = (r: number) => (rows ? rows[r]! : r);
  const k = active.length;
  let total = 0;
  let zMean = 0;
  const xMean = new Float64Array(k);
  for (let r = 0; r < m; r++) {
    const i = row(r);
    const w = weights ? weights[i]! : 1;
    total += w;
    zMean += w * (y[i]! - (offset ? offset[i]! : 0));
    active.forEach((j, c) => {
      xMean[c]! += w * values[j * n + i]!;
    });
  }
  if (intercept) {
    zMean /= total;
    for (let c = 0; c < k; c++) xMean[c]! /= total;
  } else {
    zMean = 0;
    xMean.fill(0);
  }
  const a = new Matrix(m, k);
  const b = new Matrix(m, 1);
  for (let r = 0; r < m; r++) {
    const i = row(r);
    const root = Math.sqrt(weights ? weights[i]! : 1);
    b.set(r, 0, root * (y[i]! - (offset ? offset[i]! : 0) - zMean));
    active.forEach((j, c) => {
      a.set(r, c, root * (values[j * n + i]! - xMean[c]!));
    });
  }
  const qr = new QrDecomposition(a);
  const r = qr.upperTriangularMatrix;
  let largest = 0;
  for (let c = 0; c < k; c++) largest = Math.max(largest, Math.abs(r.get(c, c)));
  for (let c = 0; c < k; c++) if (!(Math.abs(r.get(c, c)) > RANK_TOLERANCE * largest)) return null;
  const solution = qr.solve(b);
  const beta = new Array<number>(p).fill(0);
  let a0 = zMean;
  active.forEach((j, c) => {
    beta[j] = solution.get(c, 0);
    a0 -= xMean[c]! * beta[j]!;
  });
  return { a0: intercept ? a0 : 0, beta };
}

/** The family's own solver at λ = 0 on the active columns (glmnet's refit). */
function unpenalizedFit(
  design: DesignMatrix,
  y: Float64Array,
  rows: Int32Array | null,
  options: Partial<PathOptions>,
  active: readonly number[],
): { a0: number; beta: number[] } {
  const { n, p, values } = design;
  const sub = new Float64Array(n * active.length);
  active.forEach((j, c) => {
    sub.set(values.subarray(j * n, (j + 1) * n), c * n);
  });
  const fit = fitPathOnRows({ n, p: active.length, values: sub }, y, rows, {
    ...options,
    lambda: [0],
    penaltyFactor: undefined,
  });
  const last = fit.lambda.length - 1;
  const beta = new Array<number>(p).fill(0);
  active.forEach((j, c) => {
    beta[j] = fit.beta[last]![c]!;
  });
  return { a0: fit.a0[last]!, beta };
}
