/**
 * What the main thread and the worker threads hand each other: problems and datasets in
 * shared memory (read by every thread without copies), the messages of an analysis that runs
 * on a worker while its CV folds run on the pool, and errors that keep their kind across the
 * thread boundary.
 */
import type { FoldTask, SubsampleTask } from '../../shared/analysis/executor';
import type { AnalysisProgress } from '../../shared/analysis/run';
import { BLOCK_BYTES } from '../../shared/data/columnStore';
import type { Dataset } from '../../shared/data/dataset';
import { DataError } from '../../shared/data/errors';
import type { Remedy } from '../../shared/data/readOptions';
import type { FoldFit } from '../../shared/solver/cv';
import { SolverCancelledError, SolverInputError } from '../../shared/solver/errors';
import type { SubsampleFit } from '../../shared/solver/stability';
import type { DesignMatrix, PathOptions, PathResult } from '../../shared/solver/types';

export interface SharedProblem {
  n: number;
  p: number;
  values: SharedArrayBuffer;
  y: SharedArrayBuffer;
  foldid?: SharedArrayBuffer | undefined;
}

const shared = new WeakMap<ArrayBufferLike, SharedArrayBuffer>();

function share(array: Float64Array | Int32Array): SharedArrayBuffer {
  const whole = array.byteOffset === 0 && array.byteLength === array.buffer.byteLength;
  if (whole && array.buffer instanceof SharedArrayBuffer) return array.buffer;
  const cached = whole ? shared.get(array.buffer) : undefined;
  if (cached) return cached;
  const buffer = new SharedArrayBuffer(array.byteLength);
  new Uint8Array(buffer).set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
  if (whole) shared.set(array.buffer, buffer);
  return buffer;
}

/** The problem as shared memory; a design already shared by an earlier task of the job is reused. */
export function shareProblem(problem: {
  design: DesignMatrix;
  y: Float64Array;
  foldid?: Int32Array | undefined;
}): SharedProblem {
  return {
    n: problem.design.n,
    p: problem.design.p,
    values: share(problem.design.values),
    y: share(problem.y),
    foldid: problem.foldid ? share(problem.foldid) : undefined,
  };
}

export function sharedProblemArrays(problem: SharedProblem) {
  return {
    design: { n: problem.n, p: problem.p, values: new Float64Array(problem.values) },
    y: new Float64Array(problem.y),
    foldid: new Int32Array(problem.foldid!),
  };
}

/** A copy of the array in shared memory, of the same type: passing it on copies nothing. */
export function inSharedMemory<T extends Float64Array | Int32Array | Uint8Array>(array: T): T {
  const Type = array.constructor as new (buffer: SharedArrayBuffer) => T;
  const copy = new Type(new SharedArrayBuffer(array.byteLength));
  copy.set(array as never);
  return copy;
}

/**
 * A fold's fit with its arrays in shared memory: it goes from the fold's thread through the
 * main thread to the analysis waiting for it, and its predictions (held-out rows × λ) can be
 * large, so no thread should have to copy them.
 */
export function sharedFoldFit(fit: FoldFit): FoldFit {
  return {
    ...fit,
    heldOut: inSharedMemory(fit.heldOut),
    linkPredictions: inSharedMemory(fit.linkPredictions),
    ...(fit.relaxedLinkPredictions && {
      relaxedLinkPredictions: inSharedMemory(fit.relaxedLinkPredictions),
    }),
    nonzero: inSharedMemory(fit.nonzero),
  };
}

/** Let other events run. */
const yieldToEvents = () => new Promise((resolve) => setImmediate(resolve));

/** Copy at most this much between two turns of the event loop (a few ms of work). */
const COPY_SLICE_BYTES = 8 << 20;

/**
 * The column in shared memory. The columns of a dataset read from a file are mostly views of a
 * few blocks (shared/data/columnStore.ts): each block is copied once, whole, and its columns
 * become views of the copy, rather than 100 000 columns each getting a buffer of its own. A
 * view of some larger buffer is copied alone.
 */
function sharedColumn<T extends Float64Array | Int32Array>(array: T): { array: T; copied: number } {
  const buffer = array.buffer;
  if (buffer.byteLength > BLOCK_BYTES || buffer.byteLength === array.byteLength) {
    const Type = array.constructor as new (buffer: SharedArrayBuffer) => T;
    return { array: new Type(share(array)), copied: array.byteLength };
  }
  let copy = shared.get(buffer);
  const copied = copy ? 0 : buffer.byteLength;
  if (!copy) {
    copy = new SharedArrayBuffer(buffer.byteLength);
    new Uint8Array(copy).set(new Uint8Array(buffer));
    shared.set(buffer, copy);
  }
  const View = array.constructor as new (
    buffer: SharedArrayBuffer,
    offset: number,
    length: number,
  ) => T;
  return { array: new View(copy, array.byteOffset, array.length), copied };
}

/**
 * Move the dataset's columns into shared memory, in place (once: a shared column stays
 * shared), so that an analysis on a worker reads them without a copy. Other events are let
 * in after every few MB copied, so that copying a big dataset never stalls the loop.
 */
export async function shareDataset(dataset: Dataset): Promise<Dataset> {
  let sinceYield = 0;
  for (const column of dataset.columns) {
    if (column.kind === 'numeric' && !(column.values.buffer instanceof SharedArrayBuffer)) {
      const { array, copied } = sharedColumn(column.values);
      column.values = array;
      sinceYield += copied;
    } else if (
      column.kind === 'categorical' &&
      !(column.codes.buffer instanceof SharedArrayBuffer)
    ) {
      const { array, copied } = sharedColumn(column.codes);
      column.codes = array;
      sinceYield += copied;
    }
    if (sinceYield >= COPY_SLICE_BYTES) {
      sinceYield = 0;
      await yieldToEvents();
    }
  }
  return dataset;
}

/**
 * The buffers of every typed array in a result, to transfer instead of copying (shared ones
 * need neither). Plain number arrays are not walked.
 */
export function transferables(value: unknown, found = new Set<ArrayBuffer>()): ArrayBuffer[] {
  if (ArrayBuffer.isView(value)) {
    if (value.buffer instanceof ArrayBuffer && value.buffer.byteLength > 0) found.add(value.buffer);
  } else if (Array.isArray(value)) {
    if (value.length > 0 && typeof value[0] === 'object')
      for (const item of value) transferables(item, found);
  } else if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) transferables(item, found);
  }
  return [...found];
}

export interface ThreadError {
  name: string;
  message: string;
  reason?: string | undefined;
  location?: DataError['location'] | undefined;
  fix?: string | undefined;
  remedy?: Remedy | undefined;
}

export function threadError(error: unknown): ThreadError {
  const { name, message } = error instanceof Error ? error : new Error(String(error));
  const { reason, location, fix, remedy } = error as Partial<ThreadError>;
  return { name, message, reason, location, fix, remedy };
}

/** The error again, of its own class where callers test for it (CLI exit codes, cancellation). */
export function fromThreadError(error: ThreadError): Error {
  if (error.name === 'SolverInputError')
    return new SolverInputError(error.message, error.reason as 'constant-target' | undefined);
  if (error.name === 'SolverCancelledError') return new SolverCancelledError(error.message);
  if (error.name === 'DataError') {
    const rebuilt = new DataError('', error.location ?? {}, error.fix, error.remedy);
    return Object.defineProperty(rebuilt, 'message', { value: error.message });
  }
  return Object.assign(new Error(error.message), { name: error.name });
}

/** From an analysis running on a worker to the main thread. */
export type ToMain =
  | { type: 'progress'; progress: AnalysisProgress }
  /** A path to fit on the pool while the analysis goes on (AnalysisExecutor.runPathAside). */
  | { type: 'path'; id: number; problem: SharedProblem; options: Partial<PathOptions> }
  /** The analysis needs that path no more. */
  | { type: 'cancel'; id: number }
  | { type: 'folds'; id: number; problem: SharedProblem; tasks: FoldTask[] }
  | { type: 'subsamples'; id: number; problem: SharedProblem; tasks: SubsampleTask[] };

/** The main thread's answers to a `folds` (`subsamples`, `path`) request: each fit as it is done, then the end. */
export type ToWorker =
  | { id: number; fit: FoldFit }
  | { id: number; path: PathResult }
  | { id: number; subsample: SubsampleFit }
  | { id: number; done: true }
  | { id: number; error: ThreadError };

/**
 * A path's coefficients (number[][]: beta[k][j]) as one Float64Array for a thread's reply, and
 * back: the structured clone of 100 arrays of 20 000 numbers took about 0.3 s across the two
 * threads, a transferred buffer nothing, and rebuilding the arrays a few milliseconds.
 */
export interface PackedCoefficients {
  packed: Float64Array;
  rows: number;
  columns: number;
}

export function packCoefficients(beta: readonly (readonly number[])[]): PackedCoefficients {
  const rows = beta.length;
  const columns = rows > 0 ? beta[0]!.length : 0;
  const packed = new Float64Array(rows * columns);
  for (let k = 0; k < rows; k++) {
    const row = beta[k]!;
    if (row.length !== columns) throw new Error('packCoefficients: rows of different lengths');
    for (let j = 0; j < columns; j++) packed[k * columns + j] = row[j]!;
  }
  return { packed, rows, columns };
}

export function unpackCoefficients({ packed, rows, columns }: PackedCoefficients): number[][] {
  const beta: number[][] = new Array(rows);
  // A loop into an array of the right length: Array.from(subarray) is four times slower.
  for (let k = 0; k < rows; k++) {
    const row: number[] = new Array(columns);
    for (let j = 0; j < columns; j++) row[j] = packed[k * columns + j]!;
    beta[k] = row;
  }
  return beta;
}
