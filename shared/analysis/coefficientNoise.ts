/**
 * Rounding noise is not a selected feature (issue 16, item 6). A coordinate-descent fit can leave
 * a coefficient at 1e-15 instead of 0 (a dummy collinear with others, say); listed as selected
 * it misleads. What people read (the app's tables and counts, the report) shows a coefficient as
 * 0 when its standardized magnitude |β_j · sd(x_j)| is below COEFFICIENT_TOLERANCE times the
 * largest standardized magnitude at the same λ. Relative, so the units of x and y do not matter;
 * the saved result and the JSON exports keep the solver's exact numbers.
 */

/** Relative to the largest standardized coefficient at the same λ; far above rounding (~1e-16), far below any real effect. */
export const COEFFICIENT_TOLERANCE = 1e-10;

/** One λ's coefficients as shown: noise (see above) set to 0, the rest untouched. */
export function shownCoefficients(row: readonly number[], xSd: readonly number[]): number[] {
  let largest = 0;
  for (let j = 0; j < row.length; j++)
    largest = Math.max(largest, Math.abs(row[j]! * (xSd[j] ?? 1)));
  const floor = largest * COEFFICIENT_TOLERANCE;
  return row.map((b, j) => (Math.abs(b * (xSd[j] ?? 1)) <= floor ? 0 : b));
}

/** How many features a λ's shown coefficients select. */
export function shownCount(row: readonly number[], xSd: readonly number[]): number {
  return shownCoefficients(row, xSd).filter((b) => b !== 0).length;
}

/** Per column, the first λ index whose shown coefficient is nonzero (beta.length when never). */
export function shownEntryIndices(
  beta: readonly (readonly number[])[],
  xSd: readonly number[],
): number[] {
  const p = beta[0]?.length ?? 0;
  const entry = new Array<number>(p).fill(beta.length);
  let left = p;
  // shownCoefficients' rule, without a copy of each row: 100 λ × 20 000 columns is 2 M values.
  for (let k = 0; k < beta.length && left > 0; k++) {
    const row = beta[k]!;
    let largest = 0;
    for (let j = 0; j < p; j++) largest = Math.max(largest, Math.abs(row[j]! * (xSd[j] ?? 1)));
    const floor = largest * COEFFICIENT_TOLERANCE;
    for (let j = 0; j < p; j++)
      if (entry[j] === beta.length && Math.abs(row[j]! * (xSd[j] ?? 1)) > floor) {
        entry[j] = k;
        left--;
      }
  }
  return entry;
}
