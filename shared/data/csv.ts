/**
 * CSV → Dataset. papaparse splits records (quotes, embedded delimiters and newlines, CRLF);
 * CsvTableBuilder checks their shape and feeds ColumnBuilders. The same builder serves the
 * in-memory readers here and the streaming file reader in electron/services.
 */
import Papa from 'papaparse';
import { ColumnBuilder } from './columnBuilder';
import type { Dataset } from './dataset';
import { decodeBytes, refuseNonCsvText } from './encoding';
import { DataError } from './errors';

export { parseNumber } from './columnBuilder';

export const MISSING_MARKERS: readonly string[] = [
  '',
  'NA',
  'N/A',
  'NaN',
  'null',
  'NULL',
  '?',
  '.',
];
export const DELIMITERS = [',', ';', '\t', '|'] as const;
const DELIMITER_NAMES: Record<string, string> = {
  ',': 'comma',
  ';': 'semicolon',
  '\t': 'tab',
  '|': 'pipe',
};

export interface ReadOptions {
  fileName: string;
  missingMarkers?: readonly string[] | undefined;
  /** Drop rows whose field count differs from the header's (reporting how many) instead of refusing the file. */
  dropMalformedRows?: boolean | undefined;
  /** A hint for preallocation (rows expected); purely for speed. */
  expectedRows?: number | undefined;
}

/** Guess the delimiter from the start of the text: the candidate giving the most consistent multi-field rows. */
export function detectDelimiter(head: string): string {
  const sample =
    head.length > 65536 ? head.slice(0, head.lastIndexOf('\n', 65536) + 1 || 65536) : head;
  const guess = Papa.parse<string[]>(sample, {
    delimitersToGuess: [...DELIMITERS],
    preview: 50,
    skipEmptyLines: 'greedy',
  });
  return guess.meta.delimiter || ',';
}

function makeUnique(raw: string[], warnings: string[]): string[] {
  const seen = new Set<string>();
  return raw.map((cell, j) => {
    const trimmed = cell.trim();
    const base = trimmed === '' ? `column_${j + 1}` : trimmed;
    let name = base;
    for (let k = 2; seen.has(name); k++) name = `${base}_${k}`;
    seen.add(name);
    if (trimmed === '') warnings.push(`Column ${j + 1} has no name; it is called '${name}'.`);
    else if (name !== base)
      warnings.push(
        `The column name '${base}' appears more than once; column ${j + 1} is called '${name}'.`,
      );
    return name;
  });
}

/**
 * How many of a record's fields hold data: spreadsheets often end rows with empty fields beyond
 * the header's width, which carry none. Every reader of a file's rows (the dataset, the scored
 * output) cuts records with this, so they agree on what a row is.
 */
export function dataFieldCount(record: readonly string[], width: number): number {
  let fields = record.length;
  while (fields > width && record[fields - 1]!.trim() === '') fields--;
  return fields;
}

export class CsvTableBuilder {
  private header: string[] | undefined;
  private columns: ColumnBuilder[] = [];
  private rows = 0;
  /** 1-based row number of the next record (the header is row 1). */
  private nextRow = 1;
  private dropped = 0;
  private firstDropped = 0;
  private trailingEmpty = 0;
  private readonly warnings: string[] = [];
  private readonly missing: ReadonlySet<string>;

  constructor(
    private readonly options: ReadOptions,
    private readonly delimiter: string,
  ) {
    this.missing = new Set(options.missingMarkers ?? MISSING_MARKERS);
  }

  /** The row number the next record will get (header = row 1). */
  get nextRowNumber(): number {
    return this.nextRow;
  }

  addRecords(records: readonly string[][]): void {
    for (const record of records) {
      const row = this.nextRow++;
      if (!this.header) {
        this.header = makeUnique(record, this.warnings);
        const expected = this.options.expectedRows ?? 1024;
        this.columns = this.header.map((name) => new ColumnBuilder(name, this.missing, expected));
        continue;
      }
      this.addRecord(record, row);
    }
  }

  private addRecord(record: readonly string[], row: number): void {
    const width = this.columns.length;
    const fields = dataFieldCount(record, width);
    if (fields < record.length) this.trailingEmpty++;
    if (fields !== width) {
      if (this.options.dropMalformedRows) {
        if (this.dropped++ === 0) this.firstDropped = row;
        return;
      }
      const delimiterHint =
        this.rows === 0
          ? ` The file was read as ${DELIMITER_NAMES[this.delimiter] ?? `'${this.delimiter}'`}-separated; check that the header and the rows use the same delimiter.`
          : '';
      throw new DataError(
        `This row has ${fields} field(s) but the header has ${width}.`,
        { file: this.options.fileName, row },
        `Check that row for a missing or extra delimiter or an unclosed quote, or choose to drop such rows.${delimiterHint}`,
      );
    }
    for (let j = 0; j < width; j++) this.columns[j]!.add(record[j]!, row);
    this.rows++;
  }

  finish(): Dataset {
    const delimiter = this.delimiter;
    const file = { file: this.options.fileName };
    if (!this.header)
      throw new DataError(
        'The file is empty.',
        file,
        'Choose a CSV file with a header row and data rows.',
      );
    if (this.rows === 0) {
      throw new DataError(
        this.dropped > 0
          ? `Every data row (${this.dropped}) has a different number of fields from the header.`
          : 'The file has a header row but no data rows.',
        file,
        this.dropped > 0
          ? `Check the delimiter: it was read as ${DELIMITER_NAMES[delimiter] ?? `'${delimiter}'`}.`
          : 'Add data rows below the header.',
      );
    }
    if (this.dropped > 0) {
      this.warnings.push(
        `${this.dropped} row(s) with the wrong number of fields were dropped (first: row ${this.firstDropped}).`,
      );
    }
    if (this.trailingEmpty > 0) {
      this.warnings.push(
        `${this.trailingEmpty} row(s) ended with extra empty fields; they were ignored.`,
      );
    }
    return {
      fileName: this.options.fileName,
      rowCount: this.rows,
      columns: this.columns.map((column) => column.finish()),
      warnings: this.warnings,
      delimiter,
      droppedRows: this.dropped,
    };
  }
}

/**
 * papaparse's only fatal problem: a quote that never closes. It swallows the rest of the file,
 * so the culprit is the last record of the chunk that reports it.
 */
export function checkQuotes(
  results: Papa.ParseResult<string[]>,
  builder: CsvTableBuilder,
  fileName: string,
): void {
  if (!results.errors.some((error) => error.type === 'Quotes')) return;
  throw new DataError(
    'A quoted field is never closed, so the rest of the file would be read as one value.',
    { file: fileName, row: builder.nextRowNumber + results.data.length - 1 },
    'Close the quote, or double any quote character inside a quoted field ("").',
  );
}

/** Parse decoded CSV text (synchronously, in chunks). */
export function readCsvText(text: string, options: ReadOptions): Dataset {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') {
    throw new DataError(
      'The file is empty.',
      { file: options.fileName },
      'Choose a CSV file with a header row and data rows.',
    );
  }
  refuseNonCsvText(body, options.fileName);
  const delimiter = detectDelimiter(body);
  const builder = new CsvTableBuilder(options, delimiter);
  let failure: DataError | undefined;
  Papa.parse<string[]>(body, {
    delimiter,
    skipEmptyLines: 'greedy',
    chunkSize: 1 << 20,
    complete: () => undefined,
    chunk: (results: Papa.ParseResult<string[]>, parser: Papa.Parser) => {
      try {
        checkQuotes(results, builder, options.fileName);
        builder.addRecords(results.data);
      } catch (error) {
        failure = error as DataError;
        parser.abort();
      }
    },
  });
  if (failure) throw failure;
  return builder.finish();
}

/** Decode bytes (any encoding sniffEncoding accepts) and parse them. */
export function readCsvBytes(bytes: Uint8Array, options: ReadOptions): Dataset {
  const { text, warning } = decodeBytes(bytes, options.fileName);
  const dataset = readCsvText(text, options);
  if (warning) dataset.warnings.unshift(warning);
  return dataset;
}
