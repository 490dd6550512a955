/**
 * The scored table (scoredCsv.ts scoredTable) as a Parquet file: the columns the scored CSV has,
 * typed. An input column the dataset read as numbers is a DOUBLE column of the values it read
 * (missing: null); any other input column is text as it was read (its missing markers: null);
 * the probability and the prediction of a number are DOUBLE, a predicted class is text.
 * Parquet holds no formulas, so no cell needs defusing.
 */
import type { ColumnSource } from 'hyparquet-writer';
import type { Dataset } from '../data/dataset';
import { DEFAULT_MISSING_MARKERS } from '../data/readOptions';
import type { ScoredTable } from './scoredCsv';

/** Async: the writer is loaded at the first Parquet output (parquet.ts says why). */
export async function scoredParquet(table: ScoredTable, dataset: Dataset): Promise<Uint8Array> {
  const { parquetWriteBuffer } = await import('hyparquet-writer');
  const missing = new Set(dataset.missingMarkers ?? DEFAULT_MISSING_MARKERS);
  const text = (j: number) =>
    table.rows.map((row) => {
      const cell = row[j] ?? null;
      return cell === null || missing.has(cell.trim()) ? null : cell;
    });
  const columns = table.header.map((name, j): ColumnSource => {
    if (j < table.inputColumns) {
      const column = dataset.columns[j];
      if (column?.kind === 'numeric' && !column.problem) {
        const data = Array.from(column.values, (v) => (Number.isNaN(v) ? null : v));
        return { name, data, type: 'DOUBLE', nullable: true };
      }
      return { name, data: text(j), type: 'STRING', nullable: true };
    }
    const isLabel = table.classLabel && j === table.header.length - 1;
    if (isLabel) return { name, data: text(j), type: 'STRING', nullable: true };
    const data = table.rows.map((row) => (row[j] == null ? null : Number(row[j])));
    return { name, data, type: 'DOUBLE', nullable: true };
  });
  return new Uint8Array(parquetWriteBuffer({ columnData: columns }));
}
