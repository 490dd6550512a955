/**
 * The scored file: the input's cells exactly as read, plus one prediction column (empty where a
 * row could not be scored). Used by `cli predict` and by scoring from the app.
 */
import Papa from 'papaparse';
import type { Dataset } from '../data/dataset';
import { type FittedModel, scoreDataset } from './model';

export function scoredCsv(text: string, dataset: Dataset, model: FittedModel) {
  const scores = scoreDataset(model, dataset);
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const [header, ...rows] = Papa.parse<string[]>(body, {
    delimiter: dataset.delimiter,
    skipEmptyLines: 'greedy',
  }).data;
  let column = `predicted_${model.target}`;
  while (header!.includes(column)) column = `${column}_`;
  const csv = Papa.unparse(
    {
      fields: [...header!, column],
      data: rows.map((row, i) => [
        ...row,
        Number.isNaN(scores.predictions[i]!) ? '' : String(scores.predictions[i]),
      ]),
    },
    { newline: '\n' },
  );
  return {
    csv: `${csv}\n`,
    rows: rows.length,
    scored: rows.length - scores.unscored,
    warnings: scores.warnings,
  };
}
