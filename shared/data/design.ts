/**
 * Dataset + choice of target, features and rows → the solver's design matrix.
 *
 *   numeric feature      → one column
 *   categorical feature  → full one-hot: one 0/1 column per level present, levels sorted,
 *                          named `feature=level`
 *
 * Rows incomplete on the target or any used feature are dropped and counted. Shapes: the
 * design is n×p column-major; y and rowIndex have length n.
 */
import type { DesignMatrix } from '../solver/types';
import { parseNumber } from './csv';
import { type Column, cellText, type Dataset, findColumn, isMissing } from './dataset';
import { DataError } from './errors';

export interface RowFilter {
  column: string;
  value: string;
}

export interface DesignRequest {
  target: string;
  /** Feature columns; default every column but the target, the excluded and the filter columns. */
  features?: readonly string[] | undefined;
  exclude?: readonly string[] | undefined;
  /** Keep only rows matching every filter. */
  rows?: readonly RowFilter[] | undefined;
}

export interface PreparedDesign {
  design: DesignMatrix;
  y: Float64Array;
  target: string;
  /** Source features in order. */
  features: string[];
  /** Design columns (after one-hot coding) in order. */
  columnNames: string[];
  /** For each design column, the index of its feature in `features`. */
  columnFeature: number[];
  /** 0-based dataset row of each design row. */
  rowIndex: Int32Array;
  rowsRead: number;
  /** Rows removed by the row filters. */
  rowsFiltered: number;
  /** Rows dropped because the target or a feature was missing. */
  rowsDropped: number;
  warnings: string[];
}

export function requireColumn(dataset: Dataset, name: string, role: string): Column {
  const column = findColumn(dataset, name);
  if (!column) {
    const available = dataset.columns.map((c) => c.name).join(', ');
    throw new DataError(
      `There is no ${role} column named '${name}'.`,
      { file: dataset.fileName },
      `Available columns: ${available}.`,
    );
  }
  return column;
}

export function rowMatches(column: Column, row: number, value: string): boolean {
  if (column.kind === 'categorical') return cellText(column, row) === value;
  const wanted = parseNumber(value.trim());
  return wanted !== undefined && column.values[row] === wanted;
}

export function matchingRows(dataset: Dataset, filters: readonly RowFilter[]): Uint8Array {
  const keep = new Uint8Array(dataset.rowCount).fill(1);
  for (const filter of filters) {
    const column = requireColumn(dataset, filter.column, 'row-filter');
    let matched = 0;
    for (let i = 0; i < dataset.rowCount; i++) {
      if (keep[i] && !rowMatches(column, i, filter.value)) keep[i] = 0;
      if (rowMatches(column, i, filter.value)) matched++;
    }
    if (matched === 0) {
      const examples =
        column.kind === 'categorical'
          ? ` Its values include: ${column.levels.slice(0, 10).join(', ')}.`
          : '';
      throw new DataError(
        `No row has ${filter.column} = '${filter.value}'.`,
        { file: dataset.fileName, column: filter.column },
        `Check the value's spelling and case.${examples}`,
      );
    }
  }
  return keep;
}

export function chooseFeatures(dataset: Dataset, request: DesignRequest): string[] {
  const excluded = new Set([
    request.target,
    ...(request.exclude ?? []),
    ...(request.rows ?? []).map((filter) => filter.column),
  ]);
  for (const name of request.exclude ?? []) requireColumn(dataset, name, 'excluded');
  const features = request.features
    ? [...request.features]
    : dataset.columns.map((c) => c.name).filter((name) => !excluded.has(name));
  for (const name of features) requireColumn(dataset, name, 'feature');
  if (features.includes(request.target)) {
    throw new DataError(
      `'${request.target}' is both the target and a feature.`,
      { file: dataset.fileName, column: request.target },
      'Remove it from the features.',
    );
  }
  if (features.length === 0) {
    throw new DataError(
      'No feature columns are left to model the target with.',
      { file: dataset.fileName },
      'Choose at least one feature.',
    );
  }
  return features;
}

export function prepareDesign(dataset: Dataset, request: DesignRequest): PreparedDesign {
  const file = dataset.fileName;
  const target = requireColumn(dataset, request.target, 'target');
  if (target.kind !== 'numeric') {
    throw new DataError(
      `The target must be numeric, but it holds text such as '${target.levels[0]}'.`,
      { file, column: target.name },
      'Choose a numeric target column, or fix the non-numeric cells.',
    );
  }
  const features = chooseFeatures(dataset, request);
  const featureColumns = features.map((name) => findColumn(dataset, name)!);
  const keep = matchingRows(dataset, request.rows ?? []);
  let rowsFiltered = 0;
  let rowsDropped = 0;
  const rows: number[] = [];
  for (let i = 0; i < dataset.rowCount; i++) {
    if (!keep[i]) {
      rowsFiltered++;
      continue;
    }
    if (isMissing(target, i) || featureColumns.some((column) => isMissing(column, i))) {
      rowsDropped++;
      continue;
    }
    rows.push(i);
  }
  const n = rows.length;
  if (n < 2) {
    throw new DataError(
      `Only ${n} complete row(s) remain after filtering and dropping rows with missing values; at least 2 are needed.`,
      { file },
      'Choose fewer features, or fill in the missing values.',
    );
  }

  const columnNames: string[] = [];
  const columnFeature: number[] = [];
  const columnData: Float64Array[] = [];
  featureColumns.forEach((column, f) => {
    if (column.kind === 'numeric') {
      columnNames.push(column.name);
      columnFeature.push(f);
      columnData.push(Float64Array.from(rows, (i) => column.values[i]!));
      return;
    }
    const present = new Set(rows.map((i) => column.codes[i]!));
    column.levels.forEach((level, code) => {
      if (!present.has(code)) return;
      columnNames.push(`${column.name}=${level}`);
      columnFeature.push(f);
      columnData.push(Float64Array.from(rows, (i) => (column.codes[i] === code ? 1 : 0)));
    });
  });

  const p = columnData.length;
  const values = new Float64Array(n * p);
  columnData.forEach((data, j) => {
    values.set(data, j * n);
  });
  const warnings: string[] = [];
  if (rowsDropped > 0) {
    warnings.push(
      `${rowsDropped} row(s) with a missing target or feature value were dropped (${n} of ${dataset.rowCount} rows used).`,
    );
  }
  return {
    design: { n, p, values },
    y: Float64Array.from(rows, (i) => target.values[i]!),
    target: target.name,
    features,
    columnNames,
    columnFeature,
    rowIndex: Int32Array.from(rows),
    rowsRead: dataset.rowCount,
    rowsFiltered,
    rowsDropped,
    warnings,
  };
}
