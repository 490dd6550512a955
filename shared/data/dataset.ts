/**
 * The in-memory dataset: one typed array per column, so a 10-million-cell file stays near its
 * columnar size and can be handed to worker threads without copying.
 *
 * Shapes: every column has `rowCount` entries. Numeric columns hold NaN for a missing cell;
 * categorical columns hold an index into `levels` (sorted), or MISSING_CODE.
 */
export const MISSING_CODE = -1;

export interface NumericColumn {
  kind: 'numeric';
  name: string;
  values: Float64Array;
  missing: number;
}

export interface CategoricalColumn {
  kind: 'categorical';
  name: string;
  /** Distinct values in sorted order (glmnet/R model.matrix order for one-hot columns). */
  levels: string[];
  codes: Int32Array;
  missing: number;
}

export type Column = NumericColumn | CategoricalColumn;

export interface Dataset {
  /** File name as the user knows it (no directories), for messages and reports. */
  fileName: string;
  rowCount: number;
  columns: Column[];
  warnings: string[];
}

export function findColumn(dataset: Dataset, name: string): Column | undefined {
  return dataset.columns.find((column) => column.name === name);
}

export function isMissing(column: Column, row: number): boolean {
  return column.kind === 'numeric'
    ? Number.isNaN(column.values[row]!)
    : column.codes[row] === MISSING_CODE;
}

/** The cell as text, for messages and row filters. */
export function cellText(column: Column, row: number): string {
  if (isMissing(column, row)) return '';
  return column.kind === 'numeric'
    ? String(column.values[row])
    : column.levels[column.codes[row]!]!;
}
