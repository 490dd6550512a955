/**
 * CSV → Dataset. papaparse splits records (quotes, embedded delimiters and newlines, CRLF);
 * CsvTableBuilder checks their shape and feeds ColumnBuilders. The same builder serves the
 * in-memory readers here and the streaming file reader in electron/services.
 */

import Papa from 'papaparse';
import { MAX_COLUMNS } from '../analysis/schema';
import { plural } from '../plural';
import { type Warning, warning } from '../warning';
import { type BuilderScratch, ColumnBuilder } from './columnBuilder';
import { BuilderArena, ColumnStore } from './columnStore';
import type { Column, Dataset } from './dataset';
import { decodeBytes, refuseNonCsvText } from './encoding';
import { DataError } from './errors';
import { MAX_NAME_LENGTH, uniqueName } from './names';
import {
  type DecimalMark,
  guessDecimalMark,
  type NumberFormat,
  numberFormatFor,
} from './numberFormat';
import {
  type ColumnType,
  DEFAULT_MISSING_MARKERS,
  DELIMITER_NAMES,
  DELIMITERS,
  type Delimiter,
} from './readOptions';

export { parseNumber } from './columnBuilder';

export { DELIMITERS } from './readOptions';
/** The default missing markers (readOptions.ts). */
export const MISSING_MARKERS = DEFAULT_MISSING_MARKERS;

const delimiterName = (delimiter: string) =>
  DELIMITER_NAMES[delimiter as Delimiter] ?? `'${delimiter}'`;

/** The reading options (readOptions.ts, their one definition) and what the reader itself needs. */
export interface ReadOptions {
  fileName: string;
  missingMarkers?: readonly string[] | undefined;
  /** Drop rows whose field count differs from the header's (reporting how many) instead of refusing the file. */
  dropMalformedRows?: boolean | undefined;
  /** The decimal mark; when not given, guessed once for the file (numberFormat.ts guessDecimalMark). */
  decimal?: DecimalMark | undefined;
  /** The field delimiter; when not given, detected (detectDelimiter). */
  delimiter?: Delimiter | undefined;
  /** Columns whose type the user chose (readOptions.ts columnTypes). */
  columnTypes?: Readonly<Record<string, ColumnType>> | undefined;
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
export function detectDelimiter(head: string, chosen?: Delimiter | undefined): string {
  if (chosen) return chosen;
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
export function makeUnique(raw: string[], warnings: Warning[], fileName: string): string[] {
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
 * What a row is, for every reader of a file's rows (the dataset, the streaming reader, the
 * scored output): papaparse skips only empty lines, and isBlankLine the lines holding nothing
 * but spaces. A line of delimiters only (`,,,`, as spreadsheets write an empty row) is a row,
 * every cell missing, so a scored file keeps it in its place.
 */
export const LINE_OPTIONS = { skipEmptyLines: true } as const;

/** A line with no delimiter and nothing but spaces: no row at all. */
export function isBlankLine(record: readonly string[]): boolean {
  return record.length === 1 && record[0]!.trim() === '';
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

/**
 * A header wider than any analysis can use (settings name at most MAX_COLUMNS columns) is
 * refused as it stands, before a single column is built: reading such a file would cost memory
 * for columns nothing could select.
 */
export function refuseTooManyColumns(width: number, fileName: string): void {
  if (width <= MAX_COLUMNS) return;
  throw new DataError(
    `The header has ${width} columns; Shrinkage reads files of at most ${MAX_COLUMNS} columns.`,
    { file: fileName, row: 1 },
    `Keep only the columns you need in a new file first, for example \`cut -d, -f1-1000 ${fileName} > smaller.csv\` (columns 1 to 1000 of a comma-separated file without quoted commas) or csvkit's \`csvcut -c 1-1000 ${fileName} > smaller.csv\`.`,
  );
}

/**
 * Counts the header's fields as its text arrives (quotes as papaparse reads them: a quote opens
 * a field only at its start, "" inside is a quote) and refuses a header wider than MAX_COLUMNS
 * as soon as it has ended, so a file with a million columns is turned away after its first
 * line, before papaparse builds a single record of it. Counting allocates nothing.
 */
export class HeaderWidthCheck {
  private fields = 1;
  private atFieldStart = true;
  private inQuotes = false;
  private quotePending = false;
  private done = false;

  constructor(
    private readonly delimiter: string,
    private readonly fileName: string,
  ) {}

  /** Already more fields than MAX_COLUMNS: the header will be refused when it ends. */
  get tooWide(): boolean {
    return this.fields > MAX_COLUMNS;
  }

  /** Feed the next piece of text; true once the header row has ended (and was not refused). */
  feed(text: string): boolean {
    if (this.done) return true;
    const delimiter = this.delimiter;
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (this.inQuotes) {
        if (!this.quotePending) {
          if (c === '"') this.quotePending = true;
          continue;
        }
        this.quotePending = false;
        if (c === '"') continue; // "" inside quotes
        this.inQuotes = false; // that quote closed the field; c is read below
      }
      if (c === delimiter) {
        this.fields++;
        this.atFieldStart = true;
      } else if (c === '\n' || c === '\r') {
        return this.end();
      } else {
        if (c === '"' && this.atFieldStart) this.inQuotes = true;
        this.atFieldStart = false;
      }
    }
    return false;
  }

  /** The header has ended (a line break, or the end of the input). */
  end(): boolean {
    this.done = true;
    refuseTooManyColumns(this.fields, this.fileName);
    return true;
  }
}

/** A chosen type for a column the file does not have is a mistake to name, never ignored. */
export function checkColumnTypes(
  header: readonly string[],
  columnTypes: Readonly<Record<string, ColumnType>> | undefined,
  fileName: string,
): void {
  if (!columnTypes) return;
  const names = new Set(header);
  const unknown = Object.keys(columnTypes).find((name) => !names.has(name));
  if (unknown === undefined) return;
  throw new DataError(
    `A type was chosen for the column '${unknown}', but the file has no column of that name.`,
    { file: fileName },
    `Check the name's spelling and case (--column-type NAME=numeric|categorical); the file's columns are ${header
      .slice(0, 20)
      .map((name) => `'${name}'`)
      .join(', ')}${header.length > 20 ? ', …' : ''}.`,
  );
}

/** A record split by the byte reader: its cells as text, or fed to a column without text (byteCsv.ts). */
export interface SplitRecord {
  /** Cell j holds nothing but spaces (or nothing). */
  isBlank(j: number): boolean;
  /** The first `fields` cells as strings, as papaparse would give them. */
  strings(fields: number): string[];
  /** Feed cell j to its column, as column.add(text, row) would read it. */
  addTo(j: number, column: ColumnBuilder, row: number): void;
}

/** Several split records of one width (byteCsv.ts's RowBlock, KernelRows). */
export interface SplitRows {
  /**
   * Feed cell j of each record to its column, in order, as column.add(text, row) would read
   * it (`firstRow`: the first record's row).
   */
  addColumn(j: number, column: ColumnBuilder, firstRow: number): void;
}

/** Rows kept as records before column builders are made (see CsvTableBuilder.startBuilders). */
const BUFFERED_ROWS = 32;
/**
 * Fewer rows when they already hold this many cells (at least MIN_BUFFERED_ROWS of them), on
 * files up to EARLY_BUILDERS_WIDTH columns (their builders take a few tens of MB at most): a
 * buffered cell is read as a string, at several times a byte-read cell's cost, and 32 rows of
 * a 20 000-column file are 640 000 of them. Four such rows tell the decimal mark and the row
 * length as well.
 */
const BUFFERED_CELLS = 65_536;
const MIN_BUFFERED_ROWS = 2;
const EARLY_BUILDERS_WIDTH = 32_768;

/** A column's arrays when another thread may write its numbers: the numbers in shared memory, kept as the column's own when nearly full (BuilderScratch). */
function sharedScratch(rows: number): BuilderScratch {
  return {
    numbers: new Float64Array(new SharedArrayBuffer(8 * rows)),
    codes: new Uint16Array(rows),
    keep: true,
  };
}

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
  /** Rows with the wrong number of fields, when they are not dropped: the file is refused at the end, naming the first and the count. */
  private malformed = 0;
  private firstMalformed:
    | { row: number; fields: number; first: boolean; record: readonly string[] }
    | undefined;
  private trailingEmpty = 0;
  private readonly warnings: Warning[] = [];
  private readonly missing: ReadonlySet<string>;
  /** Decided once for the file, from the buffered rows when not chosen (guessDecimalMark). */
  private numberFormat: NumberFormat;
  /** The finished columns' arrays: views of shared blocks (columnStore.ts). */
  private readonly store = new ColumnStore();
  /** Whether large columns' number arrays are shared memory (shareNumberArrays). */
  private writableNumbers = false;

  constructor(
    private readonly options: ReadOptions,
    private readonly delimiter: string,
    /** The byte reader's: builders keep no number's text until their column's first text cell (ColumnBuilder). */
    private readonly deferNumberTexts = false,
  ) {
    this.missing = new Set(options.missingMarkers ?? MISSING_MARKERS);
    this.numberFormat = numberFormatFor(options.decimal, delimiter);
  }

  /** The row number the next record will get (header = row 1). */
  get nextRowNumber(): number {
    return this.nextRow;
  }

  /**
   * Refuses a header too wide to use. Call it on each parsed chunk before anything else looks
   * at the chunk (checkQuotes included), so such a file is refused on its header alone.
   */
  checkHeader(records: readonly string[][]): void {
    if (!this.header && records.length > 0)
      refuseTooManyColumns(records[0]!.length, this.options.fileName);
  }

  addRecords(records: readonly string[][]): void {
    this.checkHeader(records);
    for (const record of records) {
      if (isBlankLine(record)) continue;
      const row = this.nextRow++;
      if (!this.header) {
        this.header = makeUnique(record, this.warnings, this.options.fileName);
        continue;
      }
      this.addRecord(record, row);
    }
  }

  /**
   * A record the byte reader (byteCsv.ts) has split into `fields` cells without making strings
   * of them. Only a record as wide as the header, once the columns are being built, goes to
   * them cell by cell; every other one (blank lines, the header, the first buffered rows, rows
   * of the wrong width) is made into strings and read exactly as addRecords reads it.
   */
  addSplitRecord(fields: number, record: SplitRecord): void {
    if (fields === 1 && record.isBlank(0)) return;
    const width = this.columns.length;
    if (width === 0 || fields !== width) {
      this.addRecords([record.strings(fields)]);
      return;
    }
    const row = this.nextRow++;
    this.rows++;
    for (let j = 0; j < width; j++) record.addTo(j, this.columns[j]!, row);
  }

  /**
   * From now on the columns' number arrays are shared memory (when they are arrays of their
   * own), so that another thread can write rows of plain numbers into them (writtenRowArrays).
   * Call it before the columns start.
   */
  shareNumberArrays(): void {
    this.writableNumbers = true;
  }

  /** The columns' number arrays, when they are shared memory and the columns have started; else undefined. */
  writtenRowArrays(): Float64Array[] | undefined {
    if (this.columns.length === 0) return undefined;
    const arrays = this.columns.map((column) => column.numberArray);
    return arrays.every((array) => array.buffer instanceof SharedArrayBuffer) ? arrays : undefined;
  }

  /**
   * Whether `count` rows of plain numbers another thread wrote into `arrays` (writtenRowArrays),
   * from the row after the records read so far, are rows addSplitRows would have taken as they
   * are. The thread counted `lines` line feeds before them; the records read so far must be as
   * many (the header's included: no blank line, no line feed inside quotes), all rows of the
   * header's width, and every column must still fill its array, with room, and need nothing of
   * a plain number but its value (ColumnBuilder.takesWrittenNumbers). None (the end's first
   * block was not all plain numbers) is nothing to take: taking none would still tell each
   * column that numbers were stored (a column with none yet would start filling its array and
   * stop keeping its numbers' texts), work the reader then does, or undoes, for nothing.
   */
  takesWrittenRows(arrays: readonly Float64Array[], lines: number, count: number): boolean {
    const width = this.columns.length;
    if (count === 0 || width === 0 || arrays.length !== width) return false;
    if (this.nextRow - 1 !== lines || this.rows !== lines - 1) return false;
    return this.columns.every(
      (column, j) =>
        column.rowCount === this.rows &&
        column.rowCount + count <= arrays[j]!.length &&
        column.takesWrittenNumbers(arrays[j]!),
    );
  }

  /** The rows takesWrittenRows accepted, as addSplitRows would have added them. */
  addWrittenRows(count: number): void {
    this.nextRow += count;
    this.rows += count;
    for (const column of this.columns) column.addWrittenNumbers(count);
  }

  /** Whether `fields` cells make a record addSplitRows can take: the header's width, columns started. */
  takesRows(fields: number): boolean {
    return fields > 1 && fields === this.columns.length;
  }

  /** The width of the records addSplitRows takes, or 0 while it takes none. */
  get rowWidth(): number {
    return this.columns.length > 1 ? this.columns.length : 0;
  }

  /**
   * `count` records as wide as the header (takesRows), column by column: each column's
   * builder takes its `count` cells in a row, so that on a file with thousands of columns its
   * state is fetched from memory once per block instead of once per cell. Each column still
   * sees its cells in row order, so the result is addSplitRecord's, record by record.
   */
  addSplitRows(count: number, rows: SplitRows): void {
    const first = this.nextRow;
    this.nextRow += count;
    this.rows += count;
    const width = this.columns.length;
    for (let j = 0; j < width; j++) rows.addColumn(j, this.columns[j]!, first);
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
    const expected = preallocatedRows(this.rowEstimate(), this.options.byteLength, header);
    this.decideNumberFormat();
    const arena = new BuilderArena();
    const shared = arena.fits(expected);
    // Shared memory only for columns large enough to have arrays of their own.
    const writable = this.writableNumbers && !shared;
    this.columns = header.map(
      (name) =>
        new ColumnBuilder(
          name,
          this.missing,
          expected,
          this.numberFormat,
          this.store,
          shared ? arena.scratch(expected) : writable ? sharedScratch(expected) : undefined,
          this.options.columnTypes?.[name],
          this.deferNumberTexts,
        ),
    );
    for (const { record, row } of this.pending) this.addCells(record, row);
    this.pending = [];
  }

  private decideNumberFormat(): void {
    this.numberFormat = guessDecimalMark(
      this.numberFormat,
      this.pending.map(({ record }) => record),
    );
  }

  /**
   * Rows to expect: the input's size over the buffered rows' average length, a truer guess than
   * the caller's hint when the reader's first 64 KB held less than a row of a wide file (a row
   * estimate too low makes every column grow, leaving its first arrays as garbage).
   */
  private rowEstimate(): number {
    const hint = this.options.expectedRows ?? 1024;
    const bytes = this.options.byteLength;
    if (bytes === undefined || this.pending.length === 0) return hint;
    let chars = 0;
    for (const { record } of this.pending) for (const cell of record) chars += cell.length + 1;
    return Math.ceil((bytes / Math.max(1, chars / this.pending.length)) * 1.05) + 16;
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
      // Read on, to say how many rows are malformed (and offer to drop that many).
      if (this.malformed++ === 0)
        this.firstMalformed = { row, fields, first: this.rows === 0, record };
      return;
    }
    this.rows++;
    if (this.columns.length > 0) {
      this.addCells(record, row);
      return;
    }
    this.pending.push({ record, row });
    const buffered = this.pending.length;
    if (
      buffered >= BUFFERED_ROWS ||
      (buffered >= MIN_BUFFERED_ROWS &&
        width <= EARLY_BUILDERS_WIDTH &&
        buffered * width >= BUFFERED_CELLS)
    )
      this.startBuilders();
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
      this.decideNumberFormat();
      this.pending = [];
      // One builder at a time, so they can all fill the same arrays.
      const scratch = {
        numbers: new Float64Array(rows.length),
        codes: new Uint16Array(rows.length),
      };
      return header.map((name, j) => {
        const builder = new ColumnBuilder(
          name,
          this.missing,
          rows.length,
          this.numberFormat,
          this.store,
          scratch,
          this.options.columnTypes?.[name],
        );
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

  /** Refuses a file with rows of the wrong width (not dropped): the first named, all counted. */
  private refuseMalformed(): void {
    const first = this.firstMalformed;
    if (!first) return;
    const width = this.header!.length;
    const others = this.malformed - 1;
    const more =
      others > 0
        ? ` ${plural(others, 'other row')} ${others === 1 ? 'has' : 'have'} the wrong number of fields too.`
        : '';
    const delimiterHint = first.first
      ? ` The file was read as ${delimiterName(this.delimiter)}-separated; check that the header and the rows use the same delimiter (Reading options ▸ Delimiter, or --delimiter).`
      : '';
    // Every row malformed: dropping them would leave nothing; the delimiter is the suspect.
    const every = this.rows === 0;
    const other = every ? this.otherDelimiter(first.record) : undefined;
    throw new DataError(
      `This row has ${plural(first.fields, 'field')} but the header has ${width}.${more}`,
      { file: this.options.fileName, row: first.row },
      every
        ? `Check the delimiter: the file was read as ${delimiterName(this.delimiter)}-separated; check that the header and the rows use the same delimiter (Reading options ▸ Delimiter, or --delimiter).`
        : `Check ${others > 0 ? 'those rows' : 'that row'} for a missing or extra delimiter or an unclosed quote, or drop ${others > 0 ? 'them' : 'it'} (Reading options ▸ Drop malformed rows, or --drop-malformed-rows).${delimiterHint}`,
      every
        ? other && { code: 'set-delimiter', delimiter: other }
        : { code: 'drop-malformed-rows', rows: this.malformed },
    );
  }

  /** Another delimiter that splits the header and a malformed row into as many fields, if any. */
  private otherDelimiter(record: readonly string[]): Delimiter | undefined {
    const header = this.header!.join(this.delimiter);
    const row = record.join(this.delimiter);
    return DELIMITERS.find((d) => {
      if (d === this.delimiter) return false;
      const width = header.split(d).length;
      return width > 1 && row.split(d).length === width;
    });
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
    this.refuseMalformed();
    if (this.rows === 0) {
      throw new DataError(
        this.dropped > 0
          ? `Every data row (${this.dropped}) has a different number of fields from the header.`
          : 'The file has a header row but no data rows.',
        file,
        this.dropped > 0
          ? `Check the delimiter: it was read as ${delimiterName(delimiter)} (Reading options ▸ Delimiter, or --delimiter).`
          : 'Add data rows below the header.',
      );
    }
    if (this.dropped > 0) {
      this.warnings.push(
        warning(
          'malformed-rows',
          `${plural(this.dropped, 'row')} with the wrong number of fields ${this.dropped === 1 ? 'was' : 'were'} dropped (first: row ${this.firstDropped}).`,
        ),
      );
    }
    if (this.trailingEmpty > 0) {
      this.warnings.push(
        warning(
          'trailing-fields',
          `${plural(this.trailingEmpty, 'row')} ended with extra empty fields; they were ignored.`,
        ),
      );
    }
    checkColumnTypes(this.header, this.options.columnTypes, this.options.fileName);
    const columns = this.finishColumns();
    return {
      fileName: this.options.fileName,
      rowCount: this.rows,
      columns,
      warnings: this.warnings,
      delimiter,
      droppedRows: this.dropped,
      missingMarkers: [...this.missing],
      numberFormat: this.numberFormat,
      ...(this.options.columnTypes && { columnTypes: { ...this.options.columnTypes } }),
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
  const delimiter = detectDelimiter(body, options.delimiter);
  const width = new HeaderWidthCheck(delimiter, options.fileName);
  if (!width.feed(body)) width.end();
  const builder = new CsvTableBuilder({ byteLength: body.length, ...options }, delimiter);
  let failure: DataError | undefined;
  Papa.parse<string[]>(body, {
    delimiter,
    ...LINE_OPTIONS,
    chunkSize: 1 << 20,
    complete: () => undefined,
    chunk: (results: Papa.ParseResult<string[]>, parser: Papa.Parser) => {
      try {
        builder.checkHeader(results.data);
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
