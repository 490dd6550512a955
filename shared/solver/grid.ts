/**
 * The λ grid, glmnet's way.
 *
 *   λ_max = max_j |x̃_jᵀr|/(n·vp_j·max(α, 0.001))   over usable penalized columns, r the residual
 *                                                  after fitting the unpenalized columns
 *   (r is the family's score at that fit: gaussian, the residual; family.ts lambdaMaxScore)
 *   λ_k   = λ_max·ratio^(k/(nlambda−1)),  k = 0 … nlambda−1
 *
 * Everything here is on the standardized scale (multiply by s_y for the original scale).
 */

/** glmnet's floor on α when measuring λ_max, so ridge gets a finite grid. */
export const ALPHA_FLOOR_FOR_LAMBDA_MAX = 1e-3;

export function defaultLambdaMinRatio(n: number, p: number): number {
  return n < p ? 1e-2 : 1e-4;
}

export function lambdaMaxFrom(
  magnitude: (j: number) => number,
  penaltyFactor: Float64Array,
  usable: Uint8Array,
  alpha: number,
): number {
  let largest = 0;
  for (let j = 0; j < penaltyFactor.length; j++) {
    const pf = penaltyFactor[j]!;
    if (!usable[j] || pf <= 0) continue;
    largest = Math.max(largest, Math.abs(magnitude(j)) / pf);
  }
  return largest / Math.max(alpha, ALPHA_FLOOR_FOR_LAMBDA_MAX);
}

/** nlambda log-spaced values from lambdaMax down to lambdaMax·ratio, by glmnet's multiplicative recurrence. */
export function logSpacedGrid(lambdaMax: number, ratio: number, nlambda: number): Float64Array {
  const grid = new Float64Array(nlambda);
  if (nlambda === 0) return grid;
  grid[0] = lambdaMax;
  const step = nlambda > 1 ? ratio ** (1 / (nlambda - 1)) : 1;
  for (let k = 1; k < nlambda; k++) grid[k] = grid[k - 1]! * step;
  return grid;
}

/** glmnet's penalty factors: negative values clipped to 0, then rescaled to sum to p. */
export function rescalePenaltyFactors(
  penaltyFactor: readonly number[] | undefined,
  p: number,
): Float64Array {
  const pf = new Float64Array(p).fill(1);
  if (!penaltyFactor) return pf;
  let sum = 0;
  for (let j = 0; j < p; j++) {
    // An infinite factor excludes the column (pathWarnings.ts) and counts as 1 here, as in
    // glmnet ("ow can change lambda sequence").
    pf[j] = penaltyFactor[j] === Infinity ? 1 : Math.max(0, penaltyFactor[j]!);
    sum += pf[j]!;
  }
  for (let j = 0; j < p; j++) pf[j] = (pf[j]! * p) / sum;
  return pf;
}
