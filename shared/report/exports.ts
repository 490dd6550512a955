/** Tabular exports of a result (the coefficients along the whole path) and the CSV writer they share. */
import Papa from 'papaparse';
import type { AnalysisResult } from '../analysis/result';
import { parseNumber } from '../data/csv';

/** What a spreadsheet runs as a formula when a cell starts with it (OWASP's CSV-injection list). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A text cell a spreadsheet would run as a formula (=2+3, @A1, +cmd, -x, a tab or CR first)
 * gets a leading ' so it is shown as text. A number (-1.5, +2e3) stays as it is: it is not a
 * formula and the file must still read back as numbers.
 */
export function defuseFormula(cell: string): string {
  return FORMULA_START.test(cell) && parseNumber(cell) === undefined ? `'${cell}` : cell;
}

/**
 * CSV for spreadsheets and for Shrinkage itself: every text cell (the header too) defused, Papa's
 * quoting for commas, quotes and line breaks, LF line ends and a final newline.
 */
export function spreadsheetCsv(
  fields: readonly string[],
  rows: readonly (readonly (string | number | undefined)[])[],
): string {
  const cell = (value: string | number | undefined) =>
    typeof value === 'string' ? defuseFormula(value) : value;
  const csv = Papa.unparse(
    { fields: fields.map(defuseFormula), data: rows.map((row) => row.map(cell)) },
    { newline: '\n' },
  );
  return `${csv}\n`;
}

export function coefficientsCsv(result: AnalysisResult): string {
  const fields = ['lambda', 'nonzero', 'dev_ratio', '(intercept)', ...result.columns];
  const data = result.path.lambda.map((lambda, k) => [
    lambda,
    result.path.df[k],
    result.path.devRatio[k],
    result.path.a0[k],
    ...result.path.beta[k]!,
  ]);
  return spreadsheetCsv(fields, data);
}
