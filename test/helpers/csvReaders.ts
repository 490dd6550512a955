/** The two CSV readers side by side, for tests that hold the byte reader to papaparse's reading. */
import { ByteCsvReader } from '../../shared/data/byteCsv';
import { NumberTextsNeeded } from '../../shared/data/columnBuilder';
import { CsvTableBuilder, detectDelimiter, readCsvText } from '../../shared/data/csv';
import type { Dataset } from '../../shared/data/dataset';

/** How many readings readFast took again because a column needed its numbers' texts (NumberTextsNeeded). */
export const rereadings = { count: 0 };

/**
 * Read `text` with the byte reader, fed in pieces cut at `cuts`, as loadDatasetFile does: numbers'
 * texts deferred, read again keeping them when a column needs them; NotFastCsv or a DataError as
 * they are thrown.
 */
export function readFast(text: string, cuts: number[]): Dataset | Error {
  const deferred = readFastOnce(text, cuts, true);
  if (!(deferred instanceof NumberTextsNeeded)) return deferred;
  rereadings.count++;
  return readFastOnce(text, cuts, false);
}

function readFastOnce(text: string, cuts: number[], deferNumberTexts: boolean): Dataset | Error {
  const bytes = new TextEncoder().encode(text);
  const delimiter = detectDelimiter(text);
  const builder = new CsvTableBuilder(
    { fileName: 'f.csv', byteLength: bytes.length },
    delimiter,
    deferNumberTexts,
  );
  const reader = new ByteCsvReader(builder, delimiter);
  try {
    let from = 0;
    for (const cut of [...cuts].sort((a, b) => a - b)) {
      reader.feed(bytes.subarray(from, Math.max(from, cut)));
      from = Math.max(from, cut);
    }
    reader.feed(bytes.subarray(from));
    reader.end();
    return builder.finish();
  } catch (error) {
    return error as Error;
  }
}

/** Read `text` with papaparse (the ordinary reader), or the error it throws. */
export function readOrdinary(text: string): Dataset | Error {
  try {
    return readCsvText(text, { fileName: 'f.csv' });
  } catch (error) {
    return error as Error;
  }
}

/** A dataset (or an error) as plain values, -0 kept apart from 0 and typed arrays as arrays. */
export function plain(result: Dataset | Error): unknown {
  if (result instanceof Error) return { error: result.message, ...result };
  return {
    ...result,
    columns: result.columns.map((column) =>
      column.kind === 'numeric'
        ? { ...column, values: Array.from(column.values, (v) => (Object.is(v, -0) ? '-0' : v)) }
        : column.kind === 'categorical'
          ? { ...column, codes: Array.from(column.codes) }
          : column,
    ),
  };
}
