/**
 * Dataset + choice of target, features and rows → the solver's design matrix.
 *
 *   numeric feature      → one column
 *   categorical feature  → full one-hot: one 0/1 column per level present, levels sorted,
 *                          named `feature=level` (made unique, `feature=level_2`, if that is
 *                          already a column's name)
 *   two levels, `single` → one 0/1 column, 1 for the second level in sorted order (the one a
 *                          two-class target codes 1), named after it; its record says which
 *                          level is coded 0 (`reference`). R's model.matrix with treatment
 *                          contrasts builds the same column. The default here is glmnet's
 *                          makeX (`one-hot`); the analysis passes the setting explicitly.
 *   all-missing feature  → one column of zeros (left out of the fit, coefficient 0)
 *
 * Observation weights and an offset (optional numeric columns) are read like the target:
 * neither is a feature, and rows missing either are dropped, with or without imputation.
 *
 * Missing values: by default rows incomplete on the target or a used feature are dropped and
 * counted. With imputation, only rows missing the target (weight, offset) are dropped; missing feature cells
 * stay NaN here (every one-hot column of a categorical cell) and are filled later from
 * training rows only (impute.ts). Shapes: design n×p column-major; y and rowIndex length n.
 *
 * Each design column is described by a DesignColumn record (its feature, and its level when
 * one-hot coded). Names are for display only: nothing downstream re-derives a column's meaning
 * from its name, since a feature may itself be called `g=z`.
 */
import { plural } from '../plural';
import type { DesignMatrix } from '../solver/types';
import { type Warning, warning } from '../warning';
import {
  type Column,
  cellText,
  type Dataset,
  findColumn,
  isMissing,
  type NumericColumn,
} from './dataset';
import { DataError } from './errors';
import type { FeatureGroup } from './impute';
import { uniqueName } from './names';
import { type NumberFormat, parseNumber, readNumber } from './numberFormat';

/**
 * What one design column is: a numeric feature as is, or one level of a categorical feature
 * (1 where the row has it). `reference`, only on the single column of a two-level feature
 * coded as one dummy: the other level, coded 0 (absent for one-hot columns).
 */
export type DesignColumn =
  | { name: string; feature: string; kind: 'numeric' }
  | { name: string; feature: string; kind: 'level'; level: string; reference?: string };

/** How a two-level text feature is coded: one 0/1 column (`single`) or one per level (`one-hot`). */
export const TWO_LEVEL_CODINGS = ['single', 'one-hot'] as const;
export type TwoLevelCoding = (typeof TWO_LEVEL_CODINGS)[number];

export interface RowFilter {
  column: string;
  value: string;
}

export type MissingPolicy = 'drop' | 'impute';

/**
 * What the target must hold, set by the response family (its descriptor's `targetKind`):
 *   numeric  any finite numbers (linear regression)
 *   binary   exactly two distinct values, text or numbers, coded 0/1 (logistic regression)
 *   count    whole numbers ≥ 0 (Poisson regression)
 */
export type TargetKind = 'numeric' | 'binary' | 'count';

/** A binary target's two values as text: y = 0 for `negative`, 1 for `positive`. */
export interface TargetClasses {
  negative: string;
  positive: string;
}

/** Categorical features with more levels than this need the user's explicit permission. */
export const DEFAULT_MAX_LEVELS = 50;

export interface DesignRequest {
  target: string;
  /** Feature columns; default every column but the target and the excluded ones. */
  features?: readonly string[] | undefined;
  exclude?: readonly string[] | undefined;
  /** Keep only rows matching every filter. */
  rows?: readonly RowFilter[] | undefined;
  missing?: MissingPolicy | undefined;
  maxLevels?: number | undefined;
  /** A text feature with two levels among the rows used: one 0/1 column or two; default one-hot. */
  twoLevelCoding?: TwoLevelCoding | undefined;
  /** A numeric column of observation weights (finite, ≥ 0, positive sum). */
  weights?: string | undefined;
  /** A numeric column added to the linear predictor. */
  offset?: string | undefined;
  /** Default numeric. */
  targetKind?: TargetKind | undefined;
  /** binary: the value coded 1 (as text); default the second of the two in sorted order. */
  positiveClass?: string | null | undefined;
}

export interface PreparedDesign {
  /** May hold NaN for missing feature cells when missing = 'impute'. */
  design: DesignMatrix;
  y: Float64Array;
  target: string;
  /** A binary target's values (y = 0, y = 1); undefined for other targets. */
  classes?: TargetClasses | undefined;
  /** One per design row, when the request names a weight / offset column. */
  weights?: Float64Array | undefined;
  offset?: Float64Array | undefined;
  /** Source features in order. */
  features: string[];
  /** Design columns (after one-hot coding) in order, with distinct names. */
  columns: DesignColumn[];
  /** One group per feature: its design columns, for imputation. */
  groups: FeatureGroup[];
  /** 0-based dataset row of each design row. */
  rowIndex: Int32Array;
  rowsRead: number;
  /** Rows removed by the row filters. */
  rowsFiltered: number;
  /** Rows dropped because the target, weight, offset or (without imputation) a feature was missing. */
  rowsDropped: number;
  /** Feature cells left missing for imputation. */
  cellsToImpute: number;
  warnings: Warning[];
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

/** A column flagged while reading (stray text, infinity, identifier) cannot be used. */
function requireUsable(dataset: Dataset, column: Column, role: string): void {
  if (!column.problem) return;
  throw new DataError(
    `The ${role} cannot be used: ${column.problem.message}`,
    { file: dataset.fileName, column: column.name },
    column.problem.fix,
    column.problem.remedy,
  );
}

/** A numeric filter value may be written as the file writes numbers (0,5) or plainly (0.5). */
export function rowMatches(
  column: Column,
  row: number,
  value: string,
  format?: NumberFormat | undefined,
): boolean {
  if (column.kind === 'numeric') {
    const text = value.trim();
    const wanted = (format && readNumber(text, format)) ?? parseNumber(text);
    return wanted !== undefined && column.values[row] === wanted;
  }
  return cellText(column, row) === value;
}

export function matchingRows(dataset: Dataset, filters: readonly RowFilter[]): Uint8Array {
  const keep = new Uint8Array(dataset.rowCount).fill(1);
  for (const filter of filters) {
    const column = requireColumn(dataset, filter.column, 'row-filter');
    let matched = 0;
    for (let i = 0; i < dataset.rowCount; i++) {
      const hit = rowMatches(column, i, filter.value, dataset.numberFormat);
      if (hit) matched++;
      else keep[i] = 0;
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

/** The columns that play a part other than feature: the target, the weights and the offset. */
/** A level's dummy over the given rows: 1 where the code is the level's, 0 elsewhere, NaN if missing. */
function levelIndicator(codes: Int32Array, rows: Int32Array, code: number): Float64Array {
  const out = new Float64Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const c = codes[rows[r]!]!;
    out[r] = c < 0 ? Number.NaN : c === code ? 1 : 0;
  }
  return out;
}

function roleColumns(request: DesignRequest): { name: string; role: string }[] {
  return [
    { name: request.target, role: 'target' },
    ...(request.weights ? [{ name: request.weights, role: 'observation weights' }] : []),
    ...(request.offset ? [{ name: request.offset, role: 'offset' }] : []),
  ];
}

export function chooseFeatures(dataset: Dataset, request: DesignRequest): string[] {
  const roles = roleColumns(request);
  const excluded = new Set([
    ...roles.map((r) => r.name),
    ...(request.exclude ?? []),
    ...(request.rows ?? []).map((filter) => filter.column),
  ]);
  for (const name of request.exclude ?? []) requireColumn(dataset, name, 'excluded');
  const features = request.features
    ? [...request.features]
    : dataset.columns.map((c) => c.name).filter((name) => !excluded.has(name));
  for (const name of features) requireColumn(dataset, name, 'feature');
  for (const { name, role } of roles) {
    if (!features.includes(name)) continue;
    throw new DataError(
      `'${name}' is both the ${role} and a feature.`,
      { file: dataset.fileName, column: name },
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

/**
 * The weight or offset column: numeric, usable, not the target. Values are checked (finite,
 * weights ≥ 0 with a positive sum) on the rows used, by checkWeights.
 */
function roleColumn(dataset: Dataset, name: string, role: string, target: string): Column {
  const file = dataset.fileName;
  const column = requireColumn(dataset, name, role);
  if (column.name === target) {
    throw new DataError(
      `'${name}' is both the target and the ${role} column.`,
      { file, column: name },
      `Choose another column for the ${role}.`,
    );
  }
  if (column.kind !== 'numeric') {
    const example = column.kind === 'categorical' ? ` such as '${column.levels[0]}'` : '';
    throw new DataError(
      `The ${role} column must be numeric, but it holds text${example}.`,
      { file, column: column.name },
      `Choose a numeric ${role} column, or correct its non-numeric cells.`,
    );
  }
  requireUsable(dataset, column, `${role} column`);
  return column;
}

/** Observation weights must be finite and ≥ 0 with a positive sum (glmnet's requirement). */
function checkWeights(dataset: Dataset, column: Column & { kind: 'numeric' }, rows: number[]) {
  const where = (row: number) => ({ file: dataset.fileName, row: row + 2, column: column.name });
  let sum = 0;
  for (const i of rows) {
    const w = column.values[i]!;
    if (!Number.isFinite(w) || w < 0) {
      throw new DataError(
        `Observation weights must be finite numbers ≥ 0; this row has ${w}.`,
        where(i),
        'Correct the weight (0 leaves the row out of the fit), or choose another weight column.',
      );
    }
    sum += w;
  }
  if (!(sum > 0)) {
    throw new DataError(
      'The observation weights of the rows used are all 0, so no row counts in the fit.',
      { file: dataset.fileName, column: column.name },
      'Give at least one row a positive weight, or choose another weight column.',
    );
  }
  if (!Number.isFinite(sum)) {
    throw new DataError(
      'The observation weights are so large that their sum overflows double precision.',
      { file: dataset.fileName, column: column.name },
      'Rescale the weights, for example divide them by 1e100 (only their ratios matter).',
    );
  }
}

function checkTarget(dataset: Dataset, target: Column, rows: number[]): void {
  const file = dataset.fileName;
  if (target.kind !== 'numeric') {
    const example = target.kind === 'categorical' ? ` such as '${target.levels[0]}'` : '';
    throw new DataError(
      `The target must be numeric, but it holds text${example}.`,
      { file, column: target.name },
      'Choose a numeric target column, or correct its non-numeric cells.',
    );
  }
  requireUsable(dataset, target, 'target');
  if (rows.length > 0 && rows.every((i) => target.values[i] === target.values[rows[0]!])) {
    throw new DataError(
      `The target is constant (every row used has the value ${target.values[rows[0]!]}), so there is nothing to model.`,
      { file, column: target.name },
      'Choose a target whose values vary.',
    );
  }
}

/** Poisson: every count used is a whole number ≥ 0 (glmnet's fishnet needs y ≥ 0). */
function checkCounts(dataset: Dataset, target: Column & { kind: 'numeric' }, rows: number[]) {
  for (const i of rows) {
    const y = target.values[i]!;
    const where = { file: dataset.fileName, row: i + 2, column: target.name };
    if (y < 0) {
      throw new DataError(
        `Poisson regression models counts, which cannot be negative; this row has ${y}.`,
        where,
        'Correct the count, leave the row out with a row filter, or choose linear regression for a target that can be negative.',
      );
    }
    if (!Number.isInteger(y)) {
      throw new DataError(
        `Poisson regression models counts, which are whole numbers; this row has ${y}.`,
        where,
        'Correct the count, or choose linear regression for a continuous target (a rate is a count with log exposure as the offset).',
      );
    }
  }
}

/**
 * A binary target's 0/1 coding: exactly two distinct values among the rows used, text or
 * numbers; y = 1 for the positive class, by default the second value in sorted order (numbers
 * numerically, as R's factor does, text in code-unit order): "Yes" of No/Yes, 1 of 0/1.
 */
function binaryTarget(
  dataset: Dataset,
  target: Column,
  rows: number[],
  positiveClass: string | null | undefined,
): { y: Float64Array; classes: TargetClasses } {
  const file = dataset.fileName;
  requireUsable(dataset, target, 'target');
  if (target.kind !== 'numeric' && target.kind !== 'categorical') {
    throw new DataError('The target cannot be used.', { file, column: target.name });
  }
  const values = [...new Set(rows.map((i) => cellText(target, i)))];
  if (target.kind === 'numeric') values.sort((a, b) => Number(a) - Number(b));
  else values.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const listed = values
    .slice(0, 10)
    .map((v) => `'${v}'`)
    .join(', ');
  if (values.length < 2) {
    throw new DataError(
      `The target has a single value (${listed}) in the rows used, so there is nothing to classify.`,
      { file, column: target.name },
      'Choose a target with two classes, or rows in which both occur.',
    );
  }
  if (values.length > 2) {
    throw new DataError(
      `Logistic regression needs a target with exactly two values, but this one has ${values.length} (${listed}${values.length > 10 ? ', …' : ''}); multinomial regression (three or more classes) is not supported yet.`,
      { file, column: target.name },
      'Choose a two-class target, keep only the rows of two classes with a row filter, or choose linear or Poisson regression.',
    );
  }
  const matches = (value: string, given: string) =>
    value === given ||
    (target.kind === 'numeric' &&
      Number(value) ===
        ((dataset.numberFormat && readNumber(given.trim(), dataset.numberFormat)) ??
          parseNumber(given.trim())));
  let positive = values[1]!;
  if (positiveClass !== null && positiveClass !== undefined) {
    const found = values.find((value) => matches(value, positiveClass));
    if (found === undefined) {
      throw new DataError(
        `The positive class '${positiveClass}' is not a value of the target, whose values are ${listed}.`,
        { file, column: target.name },
        `Choose ${values.map((v) => `'${v}'`).join(' or ')} as the class to model.`,
      );
    }
    positive = found;
  }
  const negative = values[0] === positive ? values[1]! : values[0]!;
  return {
    y: Float64Array.from(rows, (i) => (cellText(target, i) === positive ? 1 : 0)),
    classes: { negative, positive },
  };
}

export function prepareDesign(dataset: Dataset, request: DesignRequest): PreparedDesign {
  const file = dataset.fileName;
  const impute = request.missing === 'impute';
  const maxLevels = request.maxLevels ?? DEFAULT_MAX_LEVELS;
  if (dataset.columns.length === 1) {
    throw new DataError(
      `The file was read as a single column ('${dataset.columns[0]!.name}'), so there is nothing to model the target with.`,
      { file: dataset.fileName },
      'Separate values with commas, semicolons, tabs or pipes (spaces are not supported).',
    );
  }
  const target = requireColumn(dataset, request.target, 'target');
  const weights = request.weights
    ? roleColumn(dataset, request.weights, 'observation weights', target.name)
    : undefined;
  const offset = request.offset
    ? roleColumn(dataset, request.offset, 'offset', target.name)
    : undefined;
  const features = chooseFeatures(dataset, request);
  const featureColumns = features.map((name) => findColumn(dataset, name)!);
  for (const column of featureColumns) requireUsable(dataset, column, `feature '${column.name}'`);
  const warnings: Warning[] = [];

  const allMissing = new Set(featureColumns.filter((c) => c.missing === dataset.rowCount));
  if (allMissing.size > 0) {
    warnings.push(
      warning(
        'empty-feature',
        `${allMissing.size === 1 ? 'Feature' : 'Features'} ${[...allMissing].map((c) => `'${c.name}'`).join(', ')} ${allMissing.size === 1 ? 'has' : 'have'} no values at all; they are left out of the fit (coefficient 0).`,
        [...allMissing].map((c) => c.name),
      ),
    );
  }
  const keep = matchingRows(dataset, request.rows ?? []);
  // Without imputation, a row missing any (not wholly missing) feature is dropped: marked here
  // column by column, only for the columns that have a missing cell at all (a per-row scan of
  // every feature costs n·p closure calls on a wide file).
  const missingFeature = new Uint8Array(dataset.rowCount);
  if (!impute) {
    for (const column of featureColumns) {
      if (column.missing === 0 || allMissing.has(column)) continue;
      for (let i = 0; i < dataset.rowCount; i++) if (isMissing(column, i)) missingFeature[i] = 1;
    }
  }
  let rowsFiltered = 0;
  let rowsDropped = 0;
  const rows: number[] = [];
  for (let i = 0; i < dataset.rowCount; i++) {
    if (!keep[i]) {
      rowsFiltered++;
      continue;
    }
    const incomplete =
      isMissing(target, i) ||
      (weights !== undefined && isMissing(weights, i)) ||
      (offset !== undefined && isMissing(offset, i)) ||
      missingFeature[i] === 1;
    if (incomplete) {
      rowsDropped++;
      continue;
    }
    rows.push(i);
  }
  const n = rows.length;
  const valuesOf = (column: Column | undefined) =>
    column?.kind === 'numeric' ? Float64Array.from(rows, (i) => column.values[i]!) : undefined;
  if (n < 2) {
    throw new DataError(
      `Only ${plural(n, 'complete row')} ${n === 1 ? 'remains' : 'remain'} after filtering and dropping rows with missing values; at least 2 are needed.`,
      { file },
      impute
        ? 'Fill in the target where it is missing.'
        : 'Choose fewer features, impute missing values, or fill them in.',
    );
  }
  const targetKind = request.targetKind ?? 'numeric';
  const binary =
    targetKind === 'binary'
      ? binaryTarget(dataset, target, rows, request.positiveClass)
      : undefined;
  if (!binary) checkTarget(dataset, target, rows);
  if (targetKind === 'count' && target.kind === 'numeric') checkCounts(dataset, target, rows);
  if (weights?.kind === 'numeric') checkWeights(dataset, weights, rows);

  const rowIndex = Int32Array.from(rows);
  // Every row, in order (no filter, nothing dropped): a numeric column is copied as it is.
  const allRows = n === dataset.rowCount;
  const columns: DesignColumn[] = [];
  // A level's 0/1 column, or a numeric column copied straight into the design at the end (so
  // that the design is the only copy made).
  const columnData: (Float64Array | NumericColumn)[] = [];
  const groups: FeatureGroup[] = [];
  // Every column of the file keeps its own name; a generated `feature=level` that equals one
  // (or another generated name) is renamed, so no two design columns share a name.
  const taken = new Set(dataset.columns.map((c) => c.name));
  let cellsToImpute = 0;
  const addColumn = (f: number, column: DesignColumn, data: Float64Array | NumericColumn) => {
    groups[f]!.columns.push(columnData.length);
    columns.push(column);
    columnData.push(data);
  };
  featureColumns.forEach((column, f) => {
    groups.push({ columns: [], categorical: column.kind === 'categorical' });
    const numeric: DesignColumn = { name: column.name, feature: column.name, kind: 'numeric' };
    if (allMissing.has(column)) {
      addColumn(f, numeric, new Float64Array(n));
      return;
    }
    if (column.missing > 0) {
      if (allRows) cellsToImpute += column.missing;
      else for (const i of rowIndex) if (isMissing(column, i)) cellsToImpute++;
    }
    if (column.kind === 'numeric') {
      addColumn(f, numeric, column);
      return;
    }
    if (column.kind !== 'categorical') return;
    const present = [
      ...new Set(rows.map((i) => column.codes[i]!).filter((code) => code >= 0)),
    ].sort((a, b) => a - b);
    if (present.length > maxLevels) {
      throw new DataError(
        `Feature '${column.name}' is categorical with ${present.length} levels, more than ${maxLevels}; it would add ${present.length} columns.`,
        { file, column: column.name },
        `Leave it out of the features, or allow it explicitly by raising the level limit to ${present.length} (Reading options ▸ Level limit, or --max-levels ${present.length}).`,
        { code: 'raise-level-limit', maxLevels: present.length, column: column.name },
      );
    }
    // Two levels as one dummy: the first (sorted) level is the reference, coded 0.
    const single = present.length === 2 && request.twoLevelCoding === 'single';
    const reference = single ? column.levels[present[0]!]! : undefined;
    if (single) groups[f]!.reference = true;
    for (const code of single ? present.slice(1) : present) {
      const level = column.levels[code]!;
      const wanted = `${column.name}=${level}`;
      const name = uniqueName(wanted, taken);
      taken.add(name);
      if (name !== wanted)
        warnings.push(
          warning(
            'renamed-level-column',
            `The design column for level '${level}' of '${column.name}' is called '${name}', because '${wanted}' already names another column.`,
            [name],
          ),
        );
      addColumn(
        f,
        reference === undefined
          ? { name, feature: column.name, kind: 'level', level }
          : { name, feature: column.name, kind: 'level', level, reference },
        levelIndicator(column.codes, rowIndex, code),
      );
    }
  });

  const p = columnData.length;
  const values = new Float64Array(n * p);
  columnData.forEach((data, j) => {
    if (data instanceof Float64Array) values.set(data, j * n);
    else if (allRows) values.set(data.values, j * n);
    else {
      const source = data.values;
      const at = j * n;
      for (let r = 0; r < n; r++) values[at + r] = source[rowIndex[r]!]!;
    }
  });
  if (rowsDropped > 0) {
    // Weights and offsets are never imputed: say that rows missing them were dropped.
    const roles = [
      'target',
      ...(weights ? ['weight'] : []),
      ...(offset ? ['offset'] : []),
      ...(impute ? [] : ['feature']),
    ];
    const what =
      roles.length > 1 ? `${roles.slice(0, -1).join(', ')} or ${roles.at(-1)}` : 'target';
    warnings.push(
      warning(
        'rows-dropped',
        `${plural(rowsDropped, 'row')} with a missing ${what} value ${rowsDropped === 1 ? 'was' : 'were'} dropped (${n} of ${plural(dataset.rowCount, 'row')} used).`,
      ),
    );
  }
  if (impute && cellsToImpute > 0) {
    warnings.push(
      warning(
        'imputed',
        `${plural(cellsToImpute, 'missing feature value')} ${cellsToImpute === 1 ? 'is' : 'are'} imputed (mean, or most frequent level) from the training rows.`,
      ),
    );
  }
  return {
    design: { n, p, values },
    y: binary?.y ?? Float64Array.from(rows, (i) => (target as { values: Float64Array }).values[i]!),
    target: target.name,
    classes: binary?.classes,
    weights: valuesOf(weights),
    offset: valuesOf(offset),
    features,
    columns,
    groups,
    rowIndex,
    rowsRead: dataset.rowCount,
    rowsFiltered,
    rowsDropped,
    cellsToImpute: impute ? cellsToImpute : 0,
    warnings,
  };
}
