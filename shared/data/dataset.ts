/**
 * The in-memory dataset: one typed array per column, so a 10-million-cell file stays near its
 * columnar size and can be handed to worker threads without copying.
 *
 * Shapes: every column has `rowCount` entries. Numeric columns hold NaN for a missing cell;
 * categorical columns hold an index into `levels` (sorted), or MISSING_CODE.
 */

import type { Warning } from '../warning';
import type { NumberFormat } from './numberFormat';
import type { Remedy } from './readOptions';
export const MISSING_CODE = -1;

/** Why a column cannot be used as it stands; raised as an error only if the user uses it. */
export interface ColumnProblem {
  message: string;
  row?: number | undefined;
  value?: string | undefined;
  fix: string;
  /** The one-click fix (new missing markers), when there is one. */
  remedy?: Remedy | undefined;
}

export interface NumericColumn {
  kind: 'numeric';
  name: string;
  values: Float64Array;
  missing: number;
  problem?: ColumnProblem | undefined;
}

export interface CategoricalColumn {
  kind: 'categorical';
  name: string;
  /** Distinct values in sorted order (glmnet/R model.matrix order for one-hot columns). */
  levels: string[];
  codes: Int32Array;
  missing: number;
  /** Two levels such as true/false or yes/no; still coded as categories. */
  boolean: boolean;
  problem?: undefined;
}

/** A column no model can use as it stands (e.g. an identifier with thousands of distinct values). */
export interface UnusableColumn {
  kind: 'unusable';
  name: string;
  missing: number;
  problem: ColumnProblem;
}

export type Column = NumericColumn | CategoricalColumn | UnusableColumn;

export interface Dataset {
  /** File name as the user knows it (no directories), for messages and reports. */
  fileName: string;
  rowCount: number;
  columns: Column[];
  warnings: Warning[];
  /** The field delimiter that was detected. */
  delimiter: string;
  /** Rows dropped because their field count did not match the header (when allowed). */
  droppedRows: number;
  /** The cell values read as missing (absent: the default markers). */
  missingMarkers?: readonly string[] | undefined;
  /** Columns whose type the user chose (absent: none; readOptions.ts columnTypes). */
  columnTypes?: Readonly<Record<string, 'numeric' | 'categorical'>> | undefined;
  /** The file's format (absent: CSV or other delimited text). */
  format?: 'csv' | 'parquet' | undefined;
  /** How its numbers were written (absent: plain decimals with a point). */
  numberFormat?: NumberFormat | undefined;
}

/**
 * Each columns array's columns by name (the first of a name, as a search from the start finds
 * it): built once per array, so that looking up every feature of a 20 000-column file is
 * linear, not quadratic. Keyed by the array: a dataset given new columns gets a new index
 * (datasets are never changed in place; a changed length rebuilds it all the same).
 */
const columnsByName = new WeakMap<
  readonly Column[],
  { length: number; byName: Map<string, Column> }
>();

export function findColumn(dataset: Dataset, name: string): Column | undefined {
  const { columns } = dataset;
  let index = columnsByName.get(columns);
  if (!index || index.length !== columns.length) {
    const byName = new Map<string, Column>();
    for (const column of columns) if (!byName.has(column.name)) byName.set(column.name, column);
    index = { length: columns.length, byName };
    columnsByName.set(columns, index);
  }
  return index.byName.get(name);
}

export function isMissing(column: Column, row: number): boolean {
  if (column.kind === 'numeric') return Number.isNaN(column.values[row]!);
  if (column.kind === 'categorical') return column.codes[row] === MISSING_CODE;
  return false;
}

/** The cell as text, for messages and row filters. */
export function cellText(column: Column, row: number): string {
  if (isMissing(column, row) || column.kind === 'unusable') return '';
  return column.kind === 'numeric'
    ? String(column.values[row])
    : column.levels[column.codes[row]!]!;
}
