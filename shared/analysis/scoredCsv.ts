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

export function scoredCsv(text: string, dataset: Dataset, model: FittedModel) {
  const scores = scoreDataset(model, dataset);
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
  if (rows.length !== dataset.rowCount) {
    // The dataset came from other bytes than `text` (the file changed between the two reads):
    // never pair rows with the wrong predictions.
    throw new DataError(
      `The file has ${rows.length} data rows now but had ${dataset.rowCount} when it was read; it changed while it was being scored.`,
      { file: dataset.fileName },
      'Score it again once nothing is writing to it.',
    );
  }
  let column = `predicted_${model.target}`;
  while (header!.includes(column)) column = `${column}_`;
  let scored = 0;
  const data = rows.map((row, i) => {
    const prediction = scores.predictions[i]!;
    if (Number.isNaN(prediction)) return [...row, ''];
    scored++;
    return [...row, String(prediction)];
  });
  const warnings: Warning[] = [...scores.warnings];
  if (blankLines > 0)
    warnings.push(
      warning(
        'blank-lines',
        `The file has ${plural(blankLines, 'blank line')} (nothing on them, not even a delimiter); they are not rows, so the scored file has no line for them and its lines after them are not at the same positions as the input's. Join predictions to the input by an identifier column, or remove the blank lines first.`,
      ),
    );
  return {
    csv: spreadsheetCsv([...header!, column], data),
    rows: rows.length,
    scored,
    warnings,
  };
}
