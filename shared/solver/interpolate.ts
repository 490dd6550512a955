/**
 * Coefficients at any λ from a fitted path, as R's predict.glmnet(s = …) gives them: linear
 * interpolation in λ between the two path points that bracket it, clamped to the path's
 * ends (the largest λ's coefficients above it, the smallest λ's below it). Exact for the
 * lasso between knots, since its path is piecewise linear in λ.
 *
 * Shapes: pathLambda decreasing, length L; beta is L × p; the result is one row per `at`.
 */
export interface PathCoefficients {
  a0: number[];
  beta: number[][];
}

export function coefficientsAt(
  pathLambda: readonly number[],
  a0: readonly number[],
  beta: readonly (readonly number[])[],
  at: readonly number[],
): PathCoefficients {
  const L = pathLambda.length;
  const out: PathCoefficients = { a0: [], beta: [] };
  for (const s of at) {
    // left/right: the path points with λ_left ≥ s ≥ λ_right; weight on left.
    let left = 0;
    let right = 0;
    let weight = 1;
    if (L > 1 && s <= pathLambda[0]!) {
      if (s <= pathLambda[L - 1]!) {
        left = right = L - 1;
      } else {
        right = 1;
        while (pathLambda[right]! > s) right++;
        left = right - 1;
        const span = pathLambda[left]! - pathLambda[right]!;
        weight = span > 0 ? (s - pathLambda[right]!) / span : 1;
        if (s === pathLambda[right]!) {
          left = right;
          weight = 1;
        }
      }
    }
    const mix = (a: number, b: number) => (weight === 1 ? a : weight * a + (1 - weight) * b);
    out.a0.push(mix(a0[left]!, a0[right]!));
    const rowLeft = beta[left]!;
    const rowRight = beta[right]!;
    out.beta.push(rowLeft.map((b, j) => mix(b, rowRight[j]!)));
  }
  return out;
}
