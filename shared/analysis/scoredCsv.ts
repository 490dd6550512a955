/**
 * The scored file: the input's rows as the dataset read them, plus one prediction column (empty
 * where a row could not be scored). Used by `cli predict` and by scoring from the app.
 *
 * The rows are cut exactly as the dataset reader cut them (dataFieldCount: trailing empty
 * fields dropped; blank lines and rows the reader dropped left out; a row of empty fields
 * kept, unscored), so row i of the output is the dataset's row i and carries its prediction.
 * Blank lines are counted and named in a warning, as they shift positions against the input.
 * Text cells a spreadsheet would run as formulas are defused.
 */

import Papa from 'papaparse';
import { dataFieldCount, isBlankLine } from '../data/csv';
import type { Dataset } from '../data/dataset';
import { DataError } from '../data/errors';
import { plural } from '../plural';
import { spreadsheetCsv } from '../report/exports';
import { type Warning, warning } from '../warning';
import { type FittedModel, scoreDataset } from './model';

/** A probability above it predicts the positive class (glmnet's type = "class" uses 0.5). */
export const DEFAULT_THRESHOLD = 0.5;

/** The threshold must leave both classes possible: 0 < t < 1. */
export function checkThreshold(threshold: number): void {
  if (threshold > 0 && threshold < 1) return;
  throw new DataError(
    `The classification threshold must be a number strictly between 0 and 1; got ${threshold}.`,
    {},
    'Use a probability such as 0.5 (the default): rows above it are predicted the modelled class.',
  );
}

/** The scored file before it is written: header and cells (null: missing), CSV or Parquet. */
export interface ScoredTable {
  header: string[];
  rows: (string | null)[][];
  /** How many of the header's columns are the input's (the rest are the predictions). */
  inputColumns: number;
  /** Two-class models: the last column is a class label (text), not a number. */
  classLabel: boolean;
  /** Rows with a prediction. */
  scored: number;
  warnings: Warning[];
}

/**
 * The columns added: the prediction on the response scale (`predicted_<target>`); for a
 * two-class model the probability of its positive class (`probability_<target>`) and the class
 * predicted at the threshold (`predicted_<target>`: positive when p > threshold).
 * `rows` are the input's rows as the dataset read them (row i is the dataset's row i).
 */
export function scoredTable(
  header: readonly string[],
  rows: readonly (readonly (string | null)[])[],
  dataset: Dataset,
  model: FittedModel,
  threshold = DEFAULT_THRESHOLD,
): ScoredTable {
  checkThreshold(threshold);
  if (rows.length !== dataset.rowCount) {
    // The dataset came from other bytes than these rows (the file changed between the two
    // reads): never pair rows with the wrong predictions.
    throw new DataError(
      `The file has ${rows.length} data rows now but had ${dataset.rowCount} when it was read; it changed while it was being scored.`,
      { file: dataset.fileName },
      'Score it again once nothing is writing to it.',
    );
  }
  const scores = scoreDataset(model, dataset);
  const taken = new Set(header);
  const fresh = (wanted: string) => {
    let name = wanted;
    while (taken.has(name)) name = `${name}_`;
    taken.add(name);
    return name;
  };
  const { classes } = model;
  const added = classes
    ? [fresh(`probability_${model.target}`), fresh(`predicted_${model.target}`)]
    : [fresh(`predicted_${model.target}`)];
  let scored = 0;
  const data = rows.map((row, i) => {
    const prediction = scores.predictions[i]!;
    if (Number.isNaN(prediction)) return [...row, ...added.map(() => null)];
    scored++;
    if (!classes) return [...row, String(prediction)];
    const predicted = prediction > threshold ? classes.positive : classes.negative;
    return [...row, String(prediction), predicted];
  });
  return {
    header: [...header, ...added],
    rows: data,
    inputColumns: header.length,
    classLabel: classes !== undefined && classes !== null,
    scored,
    warnings: [...scores.warnings],
  };
}

/** The scored CSV of a CSV file's text (see scoredTable). */
export function scoredCsv(
  text: string,
  dataset: Dataset,
  model: FittedModel,
  threshold = DEFAULT_THRESHOLD,
) {
  checkThreshold(threshold);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  // Empty lines too (not LINE_OPTIONS), so that they are counted; the one after a final line
  // break is no line.
  const all = Papa.parse<string[]>(body, { delimiter: dataset.delimiter }).data;
  const [header, ...records] = all.filter((record) => !isBlankLine(record));
  const blankLines = all.length - 1 - records.length - (/[\r\n]$/.test(body) ? 1 : 0);
  const width = header!.length;
  const rows = records
    .filter((record) => dataFieldCount(record, width) === width)
    .map((record) => record.slice(0, width));
  const table = scoredTable(header!, rows, dataset, model, threshold);
  if (blankLines > 0)
    table.warnings.push(
      warning(
        'blank-lines',
        `The file has ${plural(blankLines, 'blank line')} (nothing on them, not even a delimiter); they are not rows, so the scored file has no line for them and its lines after them are not at the same positions as the input's. Join predictions to the input by an identifier column, or remove the blank lines first.`,
      ),
    );
  return { ...tableCsv(table), table };
}

/** A scored table as CSV text (formula-like cells defused). */
export function tableCsv(table: ScoredTable) {
  return {
    csv: spreadsheetCsv(
      table.header,
      table.rows.map((row) => row.map((cell) => cell ?? '')),
    ),
    rows: table.rows.length,
    scored: table.scored,
    warnings: table.warnings,
  };
}
