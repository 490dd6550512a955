/**
 * Score a file (CSV or Parquet) with a fitted model: the file as it was read, with one more
 * column of predictions, written as CSV or as Parquet. Heavy on big files (parse, then re-read
 * the raw cells), so the CLI runs it on a worker thread (AnalysisPool.scoreFile).
 */
import { readFile } from 'node:fs/promises';
import type { FittedModel } from '../../shared/analysis/model';
import {
  type ScoredTable,
  scoredCsv,
  scoredTable,
  tableCsv,
} from '../../shared/analysis/scoredCsv';
import { scoredParquet } from '../../shared/analysis/scoredParquet';
import type { Dataset } from '../../shared/data/dataset';
import { decodeBytes } from '../../shared/data/encoding';
import { type AsyncBuffer, parquetFileBuffer, parquetTextRows } from '../../shared/data/parquet';
import type { Warning } from '../../shared/warning';
import { type LoadOptions, loadDatasetFile } from './datasets';

export type ScoredFormat = 'csv' | 'parquet';

export interface ScoredFile {
  /** CSV text, or the bytes of a Parquet file. */
  content: string | Uint8Array;
  /** Rows with a prediction, of all rows. */
  scored: number;
  rows: number;
  /** The file's warnings, then the scoring's. */
  warnings: Warning[];
}

/** The scored table of a file already read: its cells re-read so the output repeats them exactly. */
export async function scoreRead(
  dataset: Dataset,
  model: FittedModel,
  source: { text: () => Promise<string>; parquet: () => Promise<AsyncBuffer> },
  threshold?: number,
): Promise<{ table: ScoredTable; csv?: string }> {
  if (dataset.format === 'parquet') {
    const { header, rows } = await parquetTextRows(await source.parquet(), dataset.fileName);
    return { table: scoredTable(header, rows, dataset, model, threshold) };
  }
  const { table, csv } = scoredCsv(await source.text(), dataset, model, threshold);
  return { table, csv };
}

export async function scoreFile(
  model: FittedModel,
  path: string,
  options: LoadOptions = {},
  /** Two-class models: the probability above which a row is predicted the positive class. */
  threshold?: number,
  format: ScoredFormat = 'csv',
): Promise<ScoredFile> {
  // Read as the fitted file was: the feature types the user chose then, unless chosen now.
  const columnTypes = options.columnTypes ?? model.data.columnTypes;
  const loaded = await loadDatasetFile(path, { ...options, columnTypes });
  const { dataset } = loaded;
  const { table, csv } = await scoreRead(
    dataset,
    model,
    {
      text: async () => decodeBytes(new Uint8Array(await readFile(path)), dataset.fileName).text,
      parquet: () => parquetFileBuffer(path),
    },
    threshold,
  );
  return {
    content:
      format === 'parquet' ? await scoredParquet(table, dataset) : (csv ?? tableCsv(table).csv),
    scored: table.scored,
    rows: table.rows.length,
    warnings: [...dataset.warnings, ...table.warnings],
  };
}
