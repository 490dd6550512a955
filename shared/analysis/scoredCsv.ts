/**
 * The scored file: the input's rows as the dataset read them, plus one prediction column (empty
 * where a row could not be scored). Used by `cli predict` and by scoring from the app.
 *
 * The rows are cut exactly as the dataset reader cut them (dataFieldCount: trailing empty
 * fields dropped; rows the reader dropped left out), so row i of the output is the dataset's
 * row i and carries its prediction. Text cells a spreadsheet would run as formulas are defused.
 */
import Papa from 'papaparse';
import { dataFieldCount } from '../data/csv';
import type { Dataset } from '../data/dataset';
import { DataError } from '../data/errors';
import { spreadsheetCsv } from '../report/exports';
import { type FittedModel, scoreDataset } from './model';

export function scoredCsv(text: string, dataset: Dataset, model: FittedModel) {
  const scores = scoreDataset(model, dataset);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const [header, ...records] = Papa.parse<string[]>(body, {
    delimiter: dataset.delimiter,
    skipEmptyLines: 'greedy',
  }).data;
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
  return {
    csv: spreadsheetCsv([...header!, column], data),
    rows: rows.length,
    scored,
    warnings: scores.warnings,
  };
}
