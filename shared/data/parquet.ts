/**
 * Parquet → Dataset, under the CSV reader's rules. Each cell becomes the text a CSV would hold
 * (a double as its shortest round-trip text, a boolean as true/false, a date as 2024-01-31) and
 * is fed to the same ColumnBuilders, so types, levels, problems, warnings and the design are
 * exactly those of the equivalent CSV file: one set of rules, not two. A null (or a NaN in a
 * floating-point column) is missing whatever the missing markers are.
 *
 * Row groups are read one at a time, so memory stays near the final columnar size plus one
 * row group; between row groups the reader reports progress and honours cancellation.
 */
import type { AsyncBuffer, FileMetaData } from 'hyparquet';
import { SolverCancelledError } from '../solver/errors';
import type { Warning } from '../warning';
import { ColumnBuilder } from './columnBuilder';
import { ColumnStore } from './columnStore';
import { checkColumnTypes, makeUnique, refuseTooManyColumns } from './csv';
import type { Dataset } from './dataset';
import { DataError } from './errors';
import type { NumberFormat } from './numberFormat';
import { type ColumnType, DEFAULT_MISSING_MARKERS } from './readOptions';

export type { AsyncBuffer } from 'hyparquet';

/**
 * hyparquet and its codecs, loaded at the first Parquet file rather than with the module: most
 * runs read CSV, and loading them cost every thread that starts (the CLI's, each worker's)
 * about 45 ms.
 */
let library:
  | Promise<typeof import('hyparquet') & typeof import('hyparquet-compressors')>
  | undefined;
export function parquetLibrary() {
  library ??= Promise.all([import('hyparquet'), import('hyparquet-compressors')]).then(
    ([reader, codecs]) => ({ ...reader, ...codecs }),
  );
  return library;
}

/** A Parquet file on disk as the reader's AsyncBuffer (Node only). */
export async function parquetFileBuffer(path: string): Promise<AsyncBuffer> {
  return (await parquetLibrary()).asyncBufferFromFile(path);
}

/** Every Parquet file starts and ends with these four bytes. */
const MAGIC = [0x50, 0x41, 0x52, 0x31];

/** The file's name says Parquet. */
export function hasParquetName(fileName: string): boolean {
  return /\.(parquet|parq|pq)$/i.test(fileName);
}

/** The file's first bytes say Parquet (PAR1), whatever its name. */
export function hasParquetMagic(head: Uint8Array): boolean {
  return head.length >= 4 && MAGIC.every((byte, i) => head[i] === byte);
}

/**
 * A file to read as Parquet: its bytes say so. A file named .parquet whose bytes do not (a CSV
 * renamed, a truncated download) is refused here with what it is not, rather than read as text.
 */
export function isParquet(head: Uint8Array, fileName: string): boolean {
  if (hasParquetMagic(head)) return true;
  if (!hasParquetName(fileName)) return false;
  throw new DataError(
    head.length === 0
      ? 'The file is empty.'
      : 'This file is named .parquet but is not a Parquet file (it does not start with PAR1).',
    { file: fileName },
    head.length === 0
      ? 'Choose a Parquet file with columns and rows.'
      : 'If it is a CSV file, rename it to .csv; otherwise write it again as Parquet (for example with pandas: df.to_parquet(...)).',
  );
}

/** Numbers in a Parquet file are binary; their text always uses the decimal point. */
const POINT: NumberFormat = { decimal: '.', chosen: true };

/** One cell as a CSV would hold it; null for missing. */
export function cellAsText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return Number.isNaN(value) ? null : String(value);
    case 'bigint':
      return String(value);
    case 'boolean':
      return value ? 'true' : 'false';
  }
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    const iso = value.toISOString();
    // A date (no time of day) is written as a CSV writes a date: 2024-01-31.
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (value instanceof Uint8Array) return new TextDecoder().decode(value);
  return JSON.stringify(value, (_key, v) => (typeof v === 'bigint' ? String(v) : v));
}

/** A reader's failure as the file's DataError (ours, and a cancellation, pass through). */
function unreadable(fileName: string, error: unknown): Error {
  if (error instanceof DataError || error instanceof SolverCancelledError) return error;
  return new DataError(
    `Cannot read this Parquet file: ${(error as Error).message}.`,
    { file: fileName },
    'The file may be truncated or damaged; write it again (for example with pandas: df.to_parquet(...)).',
  );
}

export interface ParquetReadOptions {
  fileName: string;
  missingMarkers?: readonly string[] | undefined;
  columnTypes?: Readonly<Record<string, ColumnType>> | undefined;
  onProgress?: ((bytesRead: number, totalBytes: number) => void) | undefined;
  signal?: AbortSignal | undefined;
}

/** The column names the file declares (its schema's top-level fields), in order. */
async function fileLayout(file: AsyncBuffer, fileName: string) {
  let metadata: FileMetaData;
  try {
    metadata = await (await parquetLibrary()).parquetMetadataAsync(file);
  } catch (error) {
    throw unreadable(fileName, error);
  }
  const { parquetSchema } = await parquetLibrary();
  const names = parquetSchema(metadata).children.map((child) => child.element.name);
  return { metadata, names };
}

/**
 * Each row group's rows, as arrays of cells in the schema's column order. `visit` is called
 * once per row group, in order.
 */
async function eachRowGroup(
  file: AsyncBuffer,
  metadata: FileMetaData,
  options: ParquetReadOptions,
  visit: (rows: unknown[][]) => void,
): Promise<void> {
  const { parquetRead, compressors } = await parquetLibrary();
  let rowStart = 0;
  let bytes = 0;
  for (const group of metadata.row_groups) {
    if (options.signal?.aborted) throw new SolverCancelledError('Loading the file was cancelled.');
    const rowEnd = rowStart + Number(group.num_rows);
    let rows: unknown[][] = [];
    try {
      await parquetRead({
        file,
        metadata,
        compressors,
        rowStart,
        rowEnd,
        onComplete: (read: unknown[][]) => {
          rows = read;
        },
      });
    } catch (error) {
      throw unreadable(options.fileName, error);
    }
    visit(rows);
    rowStart = rowEnd;
    bytes += Number(group.total_compressed_size ?? 0);
    options.onProgress?.(Math.min(bytes, file.byteLength), file.byteLength);
  }
}

/** Read a Parquet file (any AsyncBuffer: bytes in memory or a file on disk) into a Dataset. */
export async function readParquet(
  file: AsyncBuffer,
  options: ParquetReadOptions,
): Promise<Dataset> {
  const { fileName } = options;
  if (file.byteLength === 0)
    throw new DataError(
      'The file is empty.',
      { file: fileName },
      'Choose a Parquet file with columns and rows.',
    );
  const { metadata, names } = await fileLayout(file, fileName);
  if (names.length === 0)
    throw new DataError(
      'The file has no columns.',
      { file: fileName },
      'Choose a Parquet file with columns and rows.',
    );
  refuseTooManyColumns(names.length, fileName);
  const warnings: Warning[] = [];
  const header = makeUnique(names, warnings, fileName);
  const rowCount = Number(metadata.num_rows);
  if (rowCount === 0)
    throw new DataError(
      'The file has columns but no rows.',
      { file: fileName },
      'Choose a Parquet file with data rows.',
    );
  const missing = new Set(options.missingMarkers ?? DEFAULT_MISSING_MARKERS);
  const store = new ColumnStore();
  checkColumnTypes(header, options.columnTypes, fileName);
  const builders = header.map(
    (name) =>
      new ColumnBuilder(
        name,
        missing,
        rowCount,
        POINT,
        store,
        undefined,
        options.columnTypes?.[name],
      ),
  );
  // Data rows counted from 1 (a Parquet file has no header row to count).
  let row = 1;
  await eachRowGroup(file, metadata, options, (rows) => {
    for (const record of rows) {
      for (let j = 0; j < builders.length; j++) {
        const text = cellAsText(record[j]);
        if (text === null) builders[j]!.addMissing();
        else builders[j]!.add(text, row);
      }
      row++;
    }
  });
  const columns = builders.map((builder) => {
    const column = builder.finish();
    warnings.push(...builder.numberNotes());
    return column;
  });
  return {
    fileName,
    rowCount,
    columns,
    warnings,
    delimiter: ',',
    droppedRows: 0,
    missingMarkers: [...missing],
    numberFormat: POINT,
    format: 'parquet',
    ...(options.columnTypes && { columnTypes: { ...options.columnTypes } }),
  };
}

/** The file's header and cells as text (null: missing), for writing a scored copy of it. */
export async function parquetTextRows(
  file: AsyncBuffer,
  fileName: string,
): Promise<{ header: string[]; rows: (string | null)[][] }> {
  const { metadata, names } = await fileLayout(file, fileName);
  const out: (string | null)[][] = [];
  await eachRowGroup(file, metadata, { fileName }, (rows) => {
    for (const record of rows) out.push(names.map((_, j) => cellAsText(record[j])));
  });
  return { header: makeUnique(names, [], fileName), rows: out };
}

/** Bytes in memory as the reader's AsyncBuffer. */
export function bytesBuffer(bytes: Uint8Array): AsyncBuffer {
  const buffer = bytes.buffer.slice(
    bytes.byteOffset,
    bytes.byteOffset + bytes.byteLength,
  ) as ArrayBuffer;
  return { byteLength: buffer.byteLength, slice: (start, end) => buffer.slice(start, end) };
}
