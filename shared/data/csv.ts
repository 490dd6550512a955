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
import { MAX_NAME_LENGTH, uniqueName } from './names';
import { type DecimalMark, type NumberFormat, numberFormatFor } from './numberFormat';

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
  /** The decimal mark; when not given, a comma only in ;-separated files (numberFormat.ts). */
  decimal?: DecimalMark | undefined;
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

/**
 * Header cells → distinct column names. A name written in the header keeps it (its first
 * occurrence); repeats and empty cells get a new name that collides with no name in the file
 * and with no other new name, so `a,a,a_2` gives `a, a_3, a_2`, never a second `a_2`.
 */
function makeUnique(raw: string[], warnings: string[], fileName: string): string[] {
  const trimmed = raw.map((cell) => cell.trim());
  const long = trimmed.findIndex((name) => name.length > MAX_NAME_LENGTH);
  if (long >= 0) {
    throw new DataError(
      `Column ${long + 1}'s name ('${trimmed[long]!.slice(0, 40)}…') is ${trimmed[long]!.length} characters long; a name can have at most ${MAX_NAME_LENGTH}.`,
      { file: fileName, row: 1 },
      'Shorten that header cell, or check that the file has a header row.',
    );
  }
  const taken = new Set<string>();
  const keeps = trimmed.map((name) => {
    if (name === '' || taken.has(name)) return false;
    taken.add(name);
    return true;
  });
  return trimmed.map((cell, j) => {
    if (keeps[j]) return cell;
    const base = cell === '' ? `column_${j + 1}` : cell;
    const name = uniqueName(base, taken);
    taken.add(name);
    if (cell === '') warnings.push(`Column ${j + 1} has no name; it is called '${name}'.`);
    else
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
  private readonly numberFormat: NumberFormat;

  constructor(
    private readonly options: ReadOptions,
    private readonly delimiter: string,
  ) {
    this.missing = new Set(options.missingMarkers ?? MISSING_MARKERS);
    this.numberFormat = numberFormatFor(options.decimal, delimiter);
  }

  /** The row number the next record will get (header = row 1). */
  get nextRowNumber(): number {
    return this.nextRow;
  }

  addRecords(records: readonly string[][]): void {
    for (const record of records) {
      const row = this.nextRow++;
      if (!this.header) {
        this.header = makeUnique(record, this.warnings, this.options.fileName);
        const expected = this.options.expectedRows ?? 1024;
        this.columns = this.header.map(
          (name) => new ColumnBuilder(name, this.missing, expected, this.numberFormat),
        );
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
    const columns = this.columns.map((column) => column.finish());
    for (const column of this.columns) this.warnings.push(...column.numberNotes());
    return {
      fileName: this.options.fileName,
      rowCount: this.rows,
      columns,
      warnings: this.warnings,
      delimiter,
      droppedRows: this.dropped,
      numberFormat: this.numberFormat,
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
