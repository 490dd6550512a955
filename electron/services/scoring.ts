/**
 * Score a CSV file with a fitted model: the file as it was read, with one more column of
 * predictions. Heavy on big files (parse, then re-read the raw text), so the CLI runs it on a
 * worker thread (AnalysisPool.scoreFile).
 */
import { readFile } from 'node:fs/promises';
import type { FittedModel } from '../../shared/analysis/model';
import { scoredCsv } from '../../shared/analysis/scoredCsv';
import { decodeBytes } from '../../shared/data/encoding';
import type { Warning } from '../../shared/warning';
import { type LoadOptions, loadDatasetFile } from './datasets';

export interface ScoredFile {
  csv: string;
  /** Rows with a prediction, of all rows. */
  scored: number;
  rows: number;
  /** The file's warnings, then the scoring's. */
  warnings: Warning[];
}

export async function scoreFile(
  model: FittedModel,
  path: string,
  options: LoadOptions = {},
  /** Two-class models: the probability above which a row is predicted the positive class. */
  threshold?: number,
): Promise<ScoredFile> {
  const loaded = await loadDatasetFile(path, options);
  // Re-read the raw text so the output repeats the input's cells exactly.
  const { text } = decodeBytes(new Uint8Array(await readFile(path)), loaded.dataset.fileName);
  const scored = scoredCsv(text, loaded.dataset, model, threshold);
  return {
    csv: scored.csv,
    scored: scored.scored,
    rows: scored.rows,
    warnings: [...loaded.dataset.warnings, ...scored.warnings],
  };
}
