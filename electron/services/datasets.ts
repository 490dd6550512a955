/**
 * Opening datasets from disk: stream the file (1 MiB at a time) through a decoder into
 * papaparse and the column builders, so memory stays near the final columnar size; hash
 * the bytes on the way for the report's fingerprint; report progress; stop on cancel.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { type FileHandle, open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { Transform } from 'node:stream';
import Papa from 'papaparse';
import { ByteCsvReader, NotFastCsv } from '../../shared/data/byteCsv';
import { NumberTextsNeeded } from '../../shared/data/columnBuilder';
import {
  CsvTableBuilder,
  checkQuotes,
  detectDelimiter,
  HeaderWidthCheck,
  LINE_OPTIONS,
  type ReadOptions,
  readCsvBytes,
} from '../../shared/data/csv';
import type { Dataset } from '../../shared/data/dataset';
import {
  invalidUtf8Error,
  refuseNonCsvText,
  sniffEncoding,
  Utf8Position,
} from '../../shared/data/encoding';
import { DataError } from '../../shared/data/errors';
import {
  type AsyncBuffer,
  bytesBuffer,
  isParquet,
  parquetFileBuffer,
  readParquet,
} from '../../shared/data/parquet';
import type { DatasetSummary } from '../../shared/data/summary';
import { SolverCancelledError } from '../../shared/solver/errors';
import { describeNonFile, type FileVersion, refuseChanged } from './files';
import {
  type FileThread,
  OFF_THREAD_HASH_BYTES,
  READER_SHARE,
  startFileThread,
  TAIL_MIN_BYTES,
} from './fileThread';
import { TailJunction, untilAborted } from './tailJunction';

export interface LoadedDataset {
  dataset: Dataset;
  path: string;
  sha256: string;
  byteLength: number;
  readSeconds: number;
  /** Rows of a large CSV file's end that its own thread read (fileThread.ts); 0 or absent when this thread read them all. */
  rowsReadAside?: number | undefined;
  /** Which reader read it: the fast byte reader (plain ASCII CSV) or papaparse (anything else). */
  reader?: 'bytes' | 'papaparse' | undefined;
  /**
   * The dataset's summary, when the reader made it: the worker does (analysisWorker), since
   * summarizing a large dataset would otherwise hold the main thread's event loop.
   */
  summary?: DatasetSummary;
}

export interface LoadOptions extends Omit<ReadOptions, 'fileName' | 'expectedRows' | 'byteLength'> {
  onProgress?: ((bytesRead: number, totalBytes: number) => void) | undefined;
  signal?: AbortSignal | undefined;
}

const HEAD_BYTES = 65536;
/** The fast reader's piece of the file: large enough that reading and parsing overlap well. */
const FAST_CHUNK = 1 << 20;

const READ_PROBLEMS: Record<string, string> = {
  ENOENT: 'There is no such file. Check the path and spelling.',
  EISDIR: 'This is a folder, not a file. Choose a CSV file inside it.',
  EACCES: 'You do not have permission to read it. Check the file permissions.',
  EPERM: 'You do not have permission to read it. Check the file permissions.',
};

function readProblem(path: string, error: unknown): DataError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  return new DataError(
    'Cannot read the file.',
    { file: path },
    READ_PROBLEMS[code] ?? `The system said: ${(error as Error).message}.`,
  );
}

async function readHead(
  path: string,
): Promise<{ head: Uint8Array; size: number; version: FileVersion }> {
  try {
    const info = await stat(path, { bigint: true });
    const kind = describeNonFile(info);
    if (kind) {
      throw new DataError(
        `Cannot read the file: this is ${kind}, not a file.`,
        { file: path },
        kind === 'a folder' ? 'Choose a CSV file inside it.' : 'Choose a CSV file.',
      );
    }
    const size = Number(info.size);
    const handle = await open(path, 'r');
    try {
      const head = new Uint8Array(Math.min(size, HEAD_BYTES));
      await handle.read(head, 0, head.length, 0);
      return { head, size, version: info };
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw error instanceof DataError ? error : readProblem(path, error);
  }
}

export async function loadDatasetFile(
  path: string,
  options: LoadOptions = {},
): Promise<LoadedDataset> {
  const started = performance.now();
  const fileName = basename(path);
  const { head, size, version } = await readHead(path);
  if (isParquet(head, fileName)) {
    const loaded = await loadParquetFile(path, fileName, options, started);
    await refuseChanged(path, version);
    return loaded;
  }
  // A large file is hashed on a thread of its own while this one parses (fileThread.ts), once,
  // whichever reader reads it; that thread reads the end of a larger one too.
  const offThread =
    size >= OFF_THREAD_HASH_BYTES
      ? startFileThread(path, size >= TAIL_MIN_BYTES ? Math.floor(size * READER_SHARE) : undefined)
      : undefined;
  try {
    const loaded = await loadCsvFile({ path, fileName, head, size, started, offThread }, options);
    await refuseChanged(path, version);
    return loaded;
  } catch (error) {
    offThread?.stop();
    throw error;
  }
}

/** What loadDatasetFile knows of a CSV file before reading it. */
interface CsvFile {
  path: string;
  fileName: string;
  /** Its first bytes (readHead) and its size. */
  head: Uint8Array;
  size: number;
  started: number;
  /** Its own thread, for a large file (its SHA-256, and the end of a larger one); else each reader hashes what it reads. */
  offThread: FileThread | undefined;
}

async function loadCsvFile(file: CsvFile, options: LoadOptions): Promise<LoadedDataset> {
  const { path, fileName, head, size, started, offThread } = file;
  const sniffed = sniffEncoding(head, fileName);
  const headText = new TextDecoder(sniffed.encoding).decode(head.subarray(sniffed.bomLength));
  refuseNonCsvText(headText, fileName);
  const delimiter = detectDelimiter(headText, options.delimiter);
  const headRows = Math.max(1, headText.split('\n').length - 1);
  const expectedRows = Math.ceil((size / Math.max(1, head.length)) * headRows * 1.05) + 16;

  const readOptions = { ...options, fileName, expectedRows, byteLength: size };
  // Progress never goes back: a file the fast reader hands back is read again from its start,
  // and the bar waits until the second reading has caught up.
  let reported = 0;
  const onProgress = options.onProgress;
  const progress = onProgress
    ? (read: number, total: number) => {
        reported = Math.max(reported, read);
        onProgress(reported, total);
      }
    : undefined;
  const fast =
    sniffed.encoding === 'utf-8'
      ? await readFast(file, sniffed.bomLength, readOptions, delimiter, {
          ...options,
          onProgress: progress,
        })
      : undefined;
  // A file not read fast has no use for the thread's reading of its end: it hashes on alone.
  offThread?.tail?.decline();
  if (fast) {
    return {
      ...fast,
      reader: 'bytes',
      path,
      byteLength: size,
      readSeconds: (performance.now() - started) / 1000,
    };
  }
  const builder = new CsvTableBuilder(readOptions, delimiter);
  const hash = offThread ? undefined : createHash('sha256');
  const decoder = new TextDecoder(sniffed.encoding, { fatal: sniffed.encoding === 'utf-8' });
  const position = new Utf8Position(sniffed.bomLength);
  // A header too wide to use is refused here, before papaparse sees its text: until the
  // header has ended its text is held back (papaparse would re-parse a header spanning many
  // chunks once per chunk), then passed on whole.
  const width = new HeaderWidthCheck(delimiter, fileName);
  let held: string[] | undefined = [];
  const pass = (decoded: string, headerEnded: boolean): string => {
    if (!held) return decoded;
    if (!headerEnded) {
      // A header already too wide is only counted on (to name its width), never kept.
      if (width.tooWide) held = [];
      else held.push(decoded);
      return '';
    }
    const whole = held.length > 0 ? held.join('') + decoded : decoded;
    held = undefined;
    return whole;
  };
  let bytesRead = 0;
  let skip = sniffed.bomLength;
  const source = createReadStream(path, { highWaterMark: 1 << 20 });
  const text = new Transform({
    readableObjectMode: false,
    transform(chunk: Buffer, _encoding, done) {
      hash?.update(chunk);
      bytesRead += chunk.length;
      progress?.(bytesRead, size);
      const bytes = skip > 0 ? chunk.subarray(skip) : chunk;
      skip = 0;
      try {
        const decoded = decoder.decode(bytes, { stream: true });
        position.accept(bytes);
        const out = pass(decoded, width.feed(decoded));
        if (out === '') done();
        else done(null, out);
      } catch (error) {
        done(
          error instanceof DataError
            ? error
            : invalidUtf8Error(fileName, position.badOffset(bytes)),
        );
      }
    },
    flush(done) {
      try {
        const decoded = decoder.decode();
        if (!width.feed(decoded)) width.end();
        const out = pass(decoded, true);
        if (out === '') done();
        else done(null, out);
      } catch (error) {
        done(
          error instanceof DataError
            ? error
            : invalidUtf8Error(fileName, position.badOffset(new Uint8Array(0))),
        );
      }
    },
  });
  source.on('error', (error) => text.destroy(readProblem(path, error)));

  const dataset = await new Promise<Dataset>((resolve, reject) => {
    let failure: Error | undefined;
    let parser: Papa.Parser | undefined;
    const stop = (error: Error) => {
      failure ??= error;
      parser?.abort();
      source.destroy();
      reject(failure);
    };
    const onAbort = () => stop(new SolverCancelledError('Loading the file was cancelled.'));
    if (options.signal?.aborted) return onAbort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    text.on('error', (error) => stop(error));
    Papa.parse<string[]>(source.pipe(text), {
      delimiter,
      ...LINE_OPTIONS,
      chunk: (results: Papa.ParseResult<string[]>, chunkParser: Papa.Parser) => {
        parser = chunkParser;
        if (failure) return;
        try {
          builder.checkHeader(results.data);
          checkQuotes(results, builder, fileName);
          builder.addRecords(results.data);
        } catch (error) {
          stop(error as Error);
        }
      },
      complete: () => {
        options.signal?.removeEventListener('abort', onAbort);
        if (failure) return;
        try {
          resolve(builder.finish());
        } catch (error) {
          reject(error);
        }
      },
    });
  });
  if (sniffed.warning) dataset.warnings.unshift(sniffed.warning);
  return {
    dataset,
    path,
    sha256: offThread ? await untilAborted(offThread.result, options.signal) : hash!.digest('hex'),
    byteLength: size,
    readSeconds: (performance.now() - started) / 1000,
    reader: 'papaparse',
  };
}

/** The bytes' SHA-256, streamed from disk (a Parquet file is read by ranges, not in one pass). */
async function fileSha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }))
    hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** A Parquet file from disk: read row group by row group (shared/data/parquet.ts). */
async function loadParquetFile(
  path: string,
  fileName: string,
  options: LoadOptions,
  started: number,
): Promise<LoadedDataset> {
  let file: AsyncBuffer;
  try {
    file = await parquetFileBuffer(path);
  } catch (error) {
    throw readProblem(path, error);
  }
  const dataset = await readParquet(file, { ...options, fileName });
  return {
    dataset,
    path,
    sha256: await fileSha256(path),
    byteLength: file.byteLength,
    readSeconds: (performance.now() - started) / 1000,
  };
}

/** Bytes in memory, CSV or Parquet (told apart by their first bytes and the name). */
export async function loadAnyDatasetBytes(
  bytes: Uint8Array,
  fileName: string,
  options: LoadOptions = {},
): Promise<LoadedDataset> {
  if (!isParquet(bytes.subarray(0, 4), fileName)) return loadDatasetBytes(bytes, fileName, options);
  const started = performance.now();
  const dataset = await readParquet(bytesBuffer(bytes), { ...options, fileName });
  return {
    dataset,
    path: fileName,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    byteLength: bytes.byteLength,
    readSeconds: (performance.now() - started) / 1000,
  };
}

/**
 * The fast reader (shared/data/byteCsv.ts) over the file's bytes, streamed; undefined when the
 * file needs the ordinary reader (anything past plain ASCII CSV), which then reads it from its
 * start. Errors the builder raises are the ordinary reader's own, so they are thrown as they are.
 */
async function readFast(
  file: CsvFile,
  bomLength: number,
  readOptions: ReadOptions,
  delimiter: string,
  { onProgress, signal }: LoadOptions,
  deferNumberTexts = true,
): Promise<{ dataset: Dataset; sha256: string; rowsReadAside: number } | undefined> {
  const { path, size, offThread } = file;
  const builder = new CsvTableBuilder(readOptions, delimiter, deferNumberTexts);
  const reader = new ByteCsvReader(builder, delimiter);
  const hash = offThread ? undefined : createHash('sha256');
  // The file's end read on its own thread (fileThread.ts), once: not on a second reading.
  const tail = offThread?.tail;
  let junction =
    tail && !tail.decided ? new TailJunction(tail, builder, reader, delimiter) : undefined;
  let rowsReadAside = 0;
  let handle: FileHandle | undefined;
  let reading: Promise<{ bytesRead: number }> | undefined;
  try {
    handle = await open(path, 'r');
    // Two buffers: the next piece is read from disk while this one is parsed (the reader
    // copies what it keeps, so a buffer can be refilled once fed).
    const buffers = [new Uint8Array(FAST_CHUNK), new Uint8Array(FAST_CHUNK)];
    let which = 0;
    let position = 0;
    reading = handle.read(buffers[0]!, 0, FAST_CHUNK, position);
    let skip = bomLength;
    for (;;) {
      const { bytesRead: count } = await reading;
      if (signal?.aborted) throw new SolverCancelledError('Loading the file was cancelled.');
      if (count === 0) break;
      const chunk = buffers[which]!.subarray(0, count);
      const chunkStart = position;
      position += count;
      which = 1 - which;
      reading = handle.read(buffers[which]!, 0, FAST_CHUNK, position);
      hash?.update(chunk);
      onProgress?.(position, size);
      // The thread's part starts at the junction: this thread reads to there, then takes
      // what the thread read (or reads on itself).
      const cut = junction ? junction.cut(chunk, chunkStart, skip) : 0;
      reader.feed(chunk.subarray(skip, cut > 0 ? cut : count));
      skip = 0;
      junction?.fed();
      if (junction && cut > 0) {
        const resumeAt = await junction.take(chunkStart + cut, signal);
        rowsReadAside = junction.taken;
        junction = undefined;
        if (resumeAt === undefined) {
          // On from the junction, as if the thread had read nothing.
          reader.feed(chunk.subarray(cut));
        } else {
          // On from where the thread stopped: the piece being read is not that.
          await reading.catch(() => undefined);
          position = resumeAt;
          reading = handle.read(buffers[which]!, 0, FAST_CHUNK, position);
          onProgress?.(position, size);
        }
      }
    }
    reader.end();
    const dataset = builder.finish();
    return {
      dataset,
      sha256: offThread ? await untilAborted(offThread.result, signal) : hash!.digest('hex'),
      rowsReadAside,
    };
  } catch (error) {
    if (error instanceof NotFastCsv) return undefined;
    // A column of numbers first and mostly text after: its numbers' texts are levels, which
    // the first reading did not keep (ColumnBuilder's deferNumberTexts). Rare; read it again.
    if (error instanceof NumberTextsNeeded && deferNumberTexts) {
      await handle?.close();
      handle = undefined;
      return readFast(file, bomLength, readOptions, delimiter, { onProgress, signal }, false);
    }
    // The file system's errors (a file gone or unreadable mid-way) in words; any other as it is.
    if ((error as NodeJS.ErrnoException).code !== undefined && !(error instanceof DataError))
      throw readProblem(path, error);
    throw error;
  } finally {
    // Whatever stopped this reading, the thread must not wait on it.
    junction?.decline();
    // A read still under way when the reader stopped (handed back, cancelled): its outcome is
    // nobody's, and a failure of it must not become an unhandled rejection.
    reading?.catch(() => undefined);
    await handle?.close();
  }
}

/** Bytes already in memory (a drag-and-dropped file, a test): the same rules, no streaming. */
export function loadDatasetBytes(
  bytes: Uint8Array,
  fileName: string,
  options: LoadOptions = {},
): LoadedDataset {
  const started = performance.now();
  const dataset = readCsvBytes(bytes, { ...options, fileName });
  return {
    dataset,
    path: fileName,
    sha256: createHash('sha256').update(bytes).digest('hex'),
    byteLength: bytes.byteLength,
    readSeconds: (performance.now() - started) / 1000,
  };
}
