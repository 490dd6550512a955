/**
 * A dataset at a glance, for the UI and reports: per column its type, missing count and
 * range or level counts, and the first rows as text. Plain data, small whatever the file.
 */
import { mean } from '../solver/standardize';
import type { Warning } from '../warning';
import { type Column, cellText, type Dataset } from './dataset';
import { DEFAULT_MISSING_MARKERS, type Remedy } from './readOptions';

export interface ColumnSummary {
  name: string;
  kind: 'numeric' | 'categorical' | 'boolean' | 'unusable';
  missing: number;
  min?: number | undefined;
  mean?: number | undefined;
  max?: number | undefined;
  /** Numeric columns: every value a whole number (a count, a 0/1 code). */
  integer?: boolean | undefined;
  /** Numeric columns with at most two distinct values: those values, ascending. */
  twoValues?: number[] | undefined;
  /** Most frequent levels first (at most 20), for categorical columns. */
  levels?: { level: string; count: number }[] | undefined;
  levelCount?: number | undefined;
  /** Why the column cannot be used, if it cannot. */
  problem?: string | undefined;
  /** The one-click fix of that problem, when there is one (new missing markers). */
  remedy?: Remedy | undefined;
}

export interface DatasetSummary {
  fileName: string;
  rowCount: number;
  columnCount: number;
  delimiter: string;
  columns: ColumnSummary[];
  /** The first rows of the first PREVIEW_COLUMNS columns, as text (datasetPreview pages all). */
  preview: string[][];
  warnings: Warning[];
  /** The type rules, in words, to show next to the summary. */
  typeRules: string;
}

/** The type rules, naming the missing markers the file was read with. */
export function typeRules(markers: readonly string[] = DEFAULT_MISSING_MARKERS): string {
  const named = markers.filter((m) => m !== '');
  const missing =
    markers.length === 0
      ? 'No cell is read as missing, not even an empty one.'
      : `${markers.includes('') ? (named.length > 0 ? `Empty cells and ${named.join(', ')} are` : 'Empty cells are') : `${named.join(', ')} ${named.length === 1 ? 'is' : 'are'}`} missing.`;
  return `A column is numeric when every non-missing cell is a decimal number (12, -3.5, 1e-4; 0,5 in files read with the decimal comma: chosen, or a semicolon-separated file whose numbers use it); otherwise it is categorical (one 0/1 column per level in a model, or one 0/1 column for a column of two levels). ${missing}`;
}

export const TYPE_RULES = typeRules();

function summarizeColumn(column: Column, rowCount: number): ColumnSummary {
  // One object literal per case, with every key it will have: objects extended afterwards
  // (spread, Object.assign) keep their extra keys in a second allocation, which a file with
  // 100 000 columns feels. Keys stay in the order name, missing, problem, kind, ….
  const { name, missing } = column;
  const problem = column.problem?.message;
  if (column.kind === 'numeric') {
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    let sum = 0;
    let count = 0;
    let integer = true;
    // The third distinct value, once seen, makes the column more than two-valued.
    let third = false;
    for (const v of column.values) {
      if (!Number.isFinite(v)) continue;
      if (!third && count > 0 && v !== min && v !== max && min !== max) third = true;
      min = Math.min(min, v);
      max = Math.max(max, v);
      sum += v;
      count++;
      if (integer && !Number.isInteger(v)) integer = false;
    }
    const remedy = column.problem?.remedy;
    if (count === 0) return { name, missing, problem, remedy, kind: 'numeric' };
    // A sum that overflows (cells near 1e308) is taken again without overflow.
    const average = Number.isFinite(sum)
      ? sum / count
      : mean(column.values.filter((v) => Number.isFinite(v)));
    const twoValues = third ? undefined : min === max ? [min] : [min, max];
    return {
      name,
      missing,
      problem,
      remedy,
      kind: 'numeric',
      min,
      max,
      mean: average,
      integer,
      twoValues,
    };
  }
  if (column.kind === 'categorical') {
    const counts = new Array<number>(column.levels.length).fill(0);
    for (let i = 0; i < rowCount; i++) if (column.codes[i]! >= 0) counts[column.codes[i]!]!++;
    const levels = column.levels
      .map((level, k) => ({ level, count: counts[k]! }))
      .sort((a, b) => b.count - a.count || a.level.localeCompare(b.level))
      .slice(0, 20);
    return {
      name,
      missing,
      problem,
      kind: column.boolean ? 'boolean' : 'categorical',
      levels,
      levelCount: column.levels.length,
    };
  }
  return { name, missing, problem, kind: 'unusable' };
}

/** Most cells a preview holds: a file with a million columns previews one row, not twenty. */
export const PREVIEW_CELLS = 200_000;

/** How many of the wanted rows a preview of this dataset may hold. */
export function previewRowLimit(dataset: Dataset, wanted: number): number {
  const width = Math.max(1, dataset.columns.length);
  return Math.min(wanted, Math.max(1, Math.floor(PREVIEW_CELLS / width)));
}

/**
 * The summary's preview shows this many columns: what the overview displays. Every column's
 * cells would be 200 000 strings for a 20 000-column file, parsed by the renderer on load for
 * a table that shows 30 of them.
 */
export const PREVIEW_COLUMNS = 30;

export function summarizeDataset(dataset: Dataset, previewRows = 20): DatasetSummary {
  // At most previewRows × PREVIEW_COLUMNS cells, however wide the file.
  const rows = Math.min(previewRows, dataset.rowCount);
  const previewed = dataset.columns.slice(0, PREVIEW_COLUMNS);
  return {
    fileName: dataset.fileName,
    rowCount: dataset.rowCount,
    columnCount: dataset.columns.length,
    delimiter: dataset.delimiter,
    columns: dataset.columns.map((column) => summarizeColumn(column, dataset.rowCount)),
    preview: Array.from({ length: rows }, (_, i) => previewed.map((column) => cellText(column, i))),
    warnings: dataset.warnings,
    typeRules: dataset.missingMarkers ? typeRules(dataset.missingMarkers) : TYPE_RULES,
  };
}
