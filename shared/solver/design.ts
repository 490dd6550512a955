/**
 * Generic helpers on a column-major design matrix (n×p, column j at values[j·n .. (j+1)·n)):
 * picking rows and predicting a0 + x·β. Nothing here knows about folds, families or imputation.
 *
 * Shapes: `rows` lists data-row indices; predictions are λ-major, L × rows.length (index l·m + r).
 */
import type { DesignMatrix } from './types';

/** The rows `rows` of `design`, in that order, as a new column-major matrix. */
export function selectRows(design: DesignMatrix, rows: Int32Array): DesignMatrix {
  const { n, p, values } = design;
  const m = rows.length;
  const out = new Float64Array(m * p);
  for (let j = 0; j < p; j++) {
    const from = j * n;
    const to = j * m;
    for (let r = 0; r < m; r++) out[to + r] = values[from + rows[r]!]!;
  }
  return { n: m, p, values: out };
}

/** The entries `rows` of a per-row vector (a target, weights, an offset). */
export function selectValues(values: Float64Array, rows: Int32Array): Float64Array {
  return Float64Array.from(rows, (i) => values[i]!);
}

/** 0, 1, …, n − 1. */
export function allRows(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i);
}

/** Linear predictions a0 + x·β for the given rows at each λ of a path: λ-major, L × rows. */
export function predictRows(
  design: DesignMatrix,
  rows: Int32Array,
  a0: readonly number[],
  beta: readonly (readonly number[])[],
): Float64Array {
  const { n, p, values } = design;
  const m = rows.length;
  const out = new Float64Array(a0.length * m);
  for (let l = 0; l < a0.length; l++) {
    const base = l * m;
    out.fill(a0[l]!, base, base + m);
    const coefficients = beta[l]!;
    for (let j = 0; j < p; j++) {
      const b = coefficients[j]!;
      if (b === 0) continue;
      const column = j * n;
      for (let r = 0; r < m; r++) out[base + r]! += b * values[column + rows[r]!]!;
    }
  }
  return out;
}
