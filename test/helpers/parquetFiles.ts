/**
 * Parquet files for tests, written with hyparquet-writer (the library the app writes with):
 * from columns, or as the counterpart of a CSV file, each column typed as pandas would type it
 * (DOUBLE when every non-missing cell is a number, STRING otherwise; missing cells null).
 */
import { type ColumnSource, parquetWriteBuffer } from 'hyparquet-writer';
import Papa from 'papaparse';
import { MISSING_MARKERS } from '../../shared/data/csv';

export function parquetBytes(columns: ColumnSource[], rowGroupSize?: number): Uint8Array {
  return new Uint8Array(
    parquetWriteBuffer({ columnData: columns, ...(rowGroupSize && { rowGroupSize }) }),
  );
}

const missing = new Set(MISSING_MARKERS);

/** A CSV file's Parquet counterpart: the same header, the same cells, typed columns. */
export function csvToParquet(text: string, rowGroupSize?: number): Uint8Array {
  const [header, ...rows] = Papa.parse<string[]>(text.trim(), { skipEmptyLines: true }).data;
  const columns = header!.map((name, j): ColumnSource => {
    const cells = rows.map((row) => row[j]!.trim());
    const present = cells.filter((cell) => !missing.has(cell));
    const numeric =
      present.length > 0 &&
      present.every(
        (cell) => cell !== '' && (!Number.isNaN(Number(cell)) || /^[+-]?inf/i.test(cell)),
      );
    if (numeric) {
      const data = cells.map((cell) =>
        missing.has(cell)
          ? null
          : /^[+-]?inf/i.test(cell)
            ? Number.parseFloat(cell.replace(/inf(inity)?/i, 'Infinity'))
            : Number(cell),
      );
      return { name, data, type: 'DOUBLE', nullable: true };
    }
    return {
      name,
      data: cells.map((cell) => (missing.has(cell) ? null : cell)),
      type: 'STRING',
      nullable: true,
    };
  });
  return parquetBytes(columns, rowGroupSize);
}
