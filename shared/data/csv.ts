/**
 * CSV text → Dataset. papaparse splits records (quotes, embedded delimiters and newlines);
 * this module decides column types and builds typed columns.
 *
 * Type rule shown to users: a column is numeric when every non-missing cell is a plain
 * decimal number (e.g. 12, -3.5, 1e-4); otherwise it is categorical. Missing-value markers
 * are MISSING_MARKERS.
 */
import Papa from 'papaparse';
import {
  type CategoricalColumn,
  type Column,
  type Dataset,
  MISSING_CODE,
  type NumericColumn,
} from './dataset';
import { DataError } from './errors';

export const MISSING_MARKERS: readonly string[] = [
  '',
  'NA',
  'N/A',
  'NaN',
  'null',
  'NULL',
  '?',
  '.',
];

const DECIMAL_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export interface ReadOptions {
  fileName: string;
  missingMarkers?: readonly string[];
}

export function parseNumber(text: string): number | undefined {
  return DECIMAL_NUMBER.test(text) ? Number(text) : undefined;
}

function uniqueHeader(raw: string[], warnings: string[]): string[] {
  const seen = new Set<string>();
  return raw.map((cell, j) => {
    const base = cell.trim() === '' ? `column_${j + 1}` : cell.trim();
    let name = base;
    for (let k = 2; seen.has(name); k++) name = `${base}_${k}`;
    if (name !== cell) {
      warnings.push(
        cell.trim() === ''
          ? `Column ${j + 1} has no name; it is called '${name}'.`
          : name !== cell.trim()
            ? `Column name '${cell.trim()}' appears more than once; column ${j + 1} is called '${name}'.`
            : `Column name '${cell}' had surrounding spaces; it is called '${name}'.`,
      );
    }
    seen.add(name);
    return name;
  });
}

function buildColumn(name: string, cells: string[], missing: ReadonlySet<string>): Column {
  const n = cells.length;
  const values = new Float64Array(n);
  let missingCount = 0;
  let numeric = true;
  for (let i = 0; i < n; i++) {
    const text = cells[i]!;
    if (missing.has(text)) {
      values[i] = Number.NaN;
      missingCount++;
      continue;
    }
    const value = parseNumber(text);
    if (value === undefined || !Number.isFinite(value)) {
      numeric = false;
      break;
    }
    values[i] = value;
  }
  if (numeric)
    return { kind: 'numeric', name, values, missing: missingCount } satisfies NumericColumn;

  const levels = [...new Set(cells.filter((text) => !missing.has(text)))].sort();
  const index = new Map(levels.map((level, k) => [level, k]));
  const codes = new Int32Array(n);
  missingCount = 0;
  for (let i = 0; i < n; i++) {
    const text = cells[i]!;
    if (missing.has(text)) {
      codes[i] = MISSING_CODE;
      missingCount++;
    } else {
      codes[i] = index.get(text)!;
    }
  }
  return {
    kind: 'categorical',
    name,
    levels,
    codes,
    missing: missingCount,
  } satisfies CategoricalColumn;
}

export function readCsvText(text: string, options: ReadOptions): Dataset {
  const { fileName } = options;
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const parsed = Papa.parse<string[]>(body, { skipEmptyLines: 'greedy' });
  const records = parsed.data;
  if (records.length === 0) {
    throw new DataError(
      'The file is empty.',
      { file: fileName },
      'Choose a CSV file with a header row and data rows.',
    );
  }
  const warnings: string[] = [];
  const header = uniqueHeader(records[0]!, warnings);
  const width = header.length;
  const rows = records.slice(1);
  if (rows.length === 0) {
    throw new DataError(
      'The file has a header but no data rows.',
      { file: fileName },
      'Add data rows below the header.',
    );
  }
  rows.forEach((record, i) => {
    if (record.length !== width) {
      throw new DataError(
        `This row has ${record.length} field(s) but the header has ${width}.`,
        { file: fileName, row: i + 2 },
        'Check for a missing or extra delimiter, or an unclosed quote, on that line.',
      );
    }
  });
  const missing = new Set(options.missingMarkers ?? MISSING_MARKERS);
  const columns = header.map((name, j) =>
    buildColumn(
      name,
      rows.map((record) => record[j]!.trim()),
      missing,
    ),
  );
  return { fileName, rowCount: rows.length, columns, warnings };
}
