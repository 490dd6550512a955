/**
 * CSV → Dataset. papaparse splits records (quotes, embedded delimiters and newlines, CRLF);
 * CsvTableBuilder checks their shape and feeds ColumnBuilders. The same builder serves the
 * in-memory readers here and the streaming file reader in electron/services.
 */
import Papa from 'papaparse';
import { type Warning, warning } from '../warning';
import { ColumnBuilder } from './columnBuilder';
import type { Column, Dataset } from './dataset';
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
  /** The input's size (bytes, or characters of text): bounds the rows worth preallocating. */
  byteLength?: number | undefined;
}

/**
 * Rows to reserve in each column: the hint, but never more rows than the input left after the
 * header can hold (each row takes at least one byte per column). Without this a very wide file
 * (10⁶ columns) reserves hint × columns cells it cannot have: gigabytes for megabytes.
 */
export function preallocatedRows(
  hint: number,
  byteLength: number | undefined,
  header: readonly string[],
): number {
  if (byteLength === undefined || header.length === 0) return hint;
  let headerBytes = 0;
  for (const cell of header) headerBytes += cell.length + 1;
  const fit = Math.ceil(Math.max(0, byteLength - headerBytes) / header.length);
  return Math.max(1, Math.min(hint, fit));
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
function makeUnique(raw: string[], warnings: Warning[], fileName: string): string[] {
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
    if (cell === '')
      warnings.push(
        warning('renamed-column', `Column ${j + 1} has no name; it is called '${name}'.`, [name]),
      );
    else
      warnings.push(
        warning(
          'renamed-column',
          `The column name '${base}' appears more than once; column ${j + 1} is called '${name}'.`,
          [name],
        ),
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

/** Rows kept as records before column builders are made (see CsvTableBuilder.startBuilders). */
const BUFFERED_ROWS = 32;

export class CsvTableBuilder {
  private header: string[] | undefined;
  private columns: ColumnBuilder[] = [];
  /** Records kept until BUFFERED_ROWS have arrived (see startBuilders). */
  private pending: { record: readonly string[]; row: number }[] = [];
  private rows = 0;
  /** 1-based row number of the next record (the header is row 1). */
  private nextRow = 1;
  private dropped = 0;
  private firstDropped = 0;
  private trailingEmpty = 0;
  private readonly warnings: Warning[] = [];
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
        continue;
      }
      this.addRecord(record, row);
    }
  }

  /**
   * From the first buffered row on, one builder per column, fed as records stream in. A
   * builder costs far more than a cell (~1 KB against ~30 bytes), so a file with a million
   * columns and a few rows must never have them all at once: until BUFFERED_ROWS rows have
   * arrived, records are kept as they are, and a file that ends by then is built one column
   * at a time (finishColumns).
   */
  private startBuilders(): void {
    const header = this.header!;
    const expected = preallocatedRows(
      this.options.expectedRows ?? 1024,
      this.options.byteLength,
      header,
    );
    this.columns = header.map(
      (name) => new ColumnBuilder(name, this.missing, expected, this.numberFormat),
    );
    for (const { record, row } of this.pending) this.addCells(record, row);
    this.pending = [];
  }

  private addCells(record: readonly string[], row: number): void {
    for (let j = 0; j < this.columns.length; j++) this.columns[j]!.add(record[j]!, row);
  }

  private addRecord(record: readonly string[], row: number): void {
    const width = this.header!.length;
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
    this.rows++;
    if (this.columns.length > 0) {
      this.addCells(record, row);
      return;
    }
    this.pending.push({ record, row });
    if (this.pending.length >= BUFFERED_ROWS) this.startBuilders();
  }

  private finishColumn(builder: ColumnBuilder): Column {
    const column = builder.finish();
    this.warnings.push(...builder.numberNotes());
    return column;
  }

  /** Each builder is dropped once its column is made, so a wide file never holds both in full. */
  private finishColumns(): Column[] {
    if (this.columns.length === 0) {
      // Few rows: one builder at a time, over the buffered records.
      const header = this.header!;
      const rows = this.pending;
      this.pending = [];
      return header.map((name, j) => {
        const builder = new ColumnBuilder(name, this.missing, rows.length, this.numberFormat);
        for (const { record, row } of rows) builder.add(record[j]!, row);
        return this.finishColumn(builder);
      });
    }
    const builders = this.columns;
    this.columns = [];
    const columns: Column[] = new Array(builders.length);
    for (let j = 0; j < builders.length; j++) {
      columns[j] = this.finishColumn(builders[j]!);
      builders[j] = undefined as unknown as ColumnBuilder;
    }
    return columns;
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
        warning(
          'malformed-rows',
          `${this.dropped} row(s) with the wrong number of fields were dropped (first: row ${this.firstDropped}).`,
        ),
      );
    }
    if (this.trailingEmpty > 0) {
      this.warnings.push(
        warning(
          'trailing-fields',
          `${this.trailingEmpty} row(s) ended with extra empty fields; they were ignored.`,
        ),
      );
    }
    const columns = this.finishColumns();
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
  const builder = new CsvTableBuilder({ byteLength: body.length, ...options }, delimiter);
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
