/**
 * The reader's side of the file thread's reading of a large CSV file's end (fileThread.ts):
 * when to ask the thread, where the junction is in the pieces the reader reads, and whether
 * the rows the thread wrote are the rows the reader would have read (then taken as they are).
 */
import type { ByteCsvReader } from '../../shared/data/byteCsv';
import type { CsvTableBuilder } from '../../shared/data/csv';
import { SolverCancelledError } from '../../shared/solver/errors';
import { type FileTail, TAIL_MAX_WIDTH, type TailRows } from './fileThread';

const LF = 0x0a;

export class TailJunction {
  private arrays: Float64Array[] | undefined;
  private answer: Promise<TailRows | undefined> | undefined;

  constructor(
    private readonly tail: FileTail,
    private readonly builder: CsvTableBuilder,
    private readonly reader: ByteCsvReader,
    private readonly delimiter: string,
  ) {
    // Before the columns start: their number arrays are then shared memory.
    builder.shareNumberArrays();
  }

  /**
   * Where the reader's part ends in a piece of the file read from `pieceStart` (bytes before
   * `skip` are not the CSV's): just past the first line feed at or past tail.from, or 0 when
   * that is not in this piece.
   */
  cut(piece: Uint8Array, pieceStart: number, skip: number): number {
    if (pieceStart + piece.length <= this.tail.from) return 0;
    return piece.indexOf(LF, Math.max(skip, this.tail.from - pieceStart)) + 1;
  }

  /** After each piece fed: asks the thread once the columns have started and the line ending is known, or declines when it cannot help. */
  fed(): void {
    const { tail, builder, reader } = this;
    const crlf = reader.crlf;
    if (tail.decided || builder.rowWidth === 0 || crlf === undefined) return;
    const arrays = builder.writtenRowArrays();
    if (!arrays || arrays.length > TAIL_MAX_WIDTH) {
      tail.decline();
      return;
    }
    this.arrays = arrays;
    this.answer = tail.read({
      width: arrays.length,
      delimiter: this.delimiter.charCodeAt(0),
      crlf,
      arrays,
    });
  }

  /**
   * At the junction (the file offset just past its line feed, everything before it fed): the
   * thread's rows taken into the builder when they are what the reader would have read, and
   * the offset to read on from; undefined when the reader reads on from the junction itself.
   */
  async take(junction: number, signal: AbortSignal | undefined): Promise<number | undefined> {
    // Still undecided (the columns never started: a single column), the thread must not wait on.
    this.tail.decline();
    const rows = this.answer && (await untilAborted(this.answer, signal));
    const arrays = this.arrays;
    if (
      !rows ||
      !arrays ||
      rows.junction !== junction ||
      !this.reader.atRecordStart ||
      !this.builder.takesWrittenRows(arrays, rows.lines, rows.rows)
    )
      return undefined;
    this.builder.addWrittenRows(rows.rows);
    this.taken = rows.rows;
    return rows.stop;
  }

  /** Rows taken from the thread. */
  taken = 0;

  /** The reader stopped early: the thread must not wait on it. */
  decline(): void {
    this.tail.decline();
  }
}

/** The promise's outcome, or cancellation when the signal fires first. */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  const cancelled = () => new SolverCancelledError('Loading the file was cancelled.');
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(cancelled());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(cancelled());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}
