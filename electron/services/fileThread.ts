/**
 * A large file's own thread, beside the reader's: it hashes the file (SHA-256, the report's
 * fingerprint of its data) and, for a large CSV, reads the file's last third itself, so that
 * both cores parse. Its code is Node built-ins given as source (no bundle or packaged path has
 * to hold a module for it), and the CSV kernel's compiled module (csvKernel.ts), with the
 * memory layout that module defines (kernelPlan).
 *
 * Reading the end (the "tail"): the thread hashes the file from its start, counting line
 * feeds, up to the first line feed at or past `tailFrom` (the junction). By then the reader
 * has told it the file's width, delimiter and line ending and given it the columns' number
 * arrays in shared memory (CsvTableBuilder.writtenRowArrays), or declined. It then splits the
 * records after the junction with the kernel and writes them into those arrays from row
 * (line feeds − 1) on, while every cell of a block is a plain number and the arrays have
 * room; it stops, before the block, at anything else (text, a missing cell, a quote, a record
 * the kernel leaves to the reader) and says where. The reader, arriving at the junction, takes
 * those rows only if its own records there are exactly as many as the line feeds counted (no
 * blank line, no line feed inside quotes, no malformed row) and every column would have taken
 * them as they are (CsvTableBuilder.takesWrittenRows); it then reads on from where the thread
 * stopped. Otherwise it reads on from the junction and overwrites whatever the thread wrote
 * past its rows. Either way the dataset, its messages and row numbers are the one-thread
 * reading's: the thread only ever does work the reader would do the same way.
 *
 * Why the last third: hashing is about 0.9 ms a MB here, parsing and storing about 1.85 ms a
 * MB on either thread, and the reader has ~30 ms of its own before its first record; the two
 * threads then finish together with the thread reading a little over a third.
 */
import { MessageChannel, Worker } from 'node:worker_threads';
import { csvKernelModule, type KernelPlan, kernelPlan } from '../../shared/data/csvKernel';

/** Below this a thread's start (~20 ms) costs more than hashing on the reader's thread. */
export const OFF_THREAD_HASH_BYTES = 16 << 20;
/** Files at least this large have their end read on the thread too. */
export const TAIL_MIN_BYTES = 32 << 20;
/** Where the thread's part starts, as a share of the file (see the header). */
export const READER_SHARE = 0.7;
/** Records wider than this are left to the reader (each column's array goes to the thread). */
export const TAIL_MAX_WIDTH = 1024;

const CHUNK = 1 << 20;
/** The longest record the thread carries from one piece to the next (the reader's MAX_CARRY). */
const MAX_CARRY = 4 << 20;
/** How long the thread waits at the junction for the reader's word before hashing on alone. */
export const DECISION_WAIT_MS = 30_000;

const FILE_THREAD = `
const { parentPort, workerData, receiveMessageOnPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { openSync, readSync, closeSync } = require('node:fs');
const { path, tailFrom, port, wake, kernel, chunkBytes, maxCarry, waitMs } = workerData;
const LF = 10;

/** The reader's word at the junction: a tail request, or null (declined, or no word in time). */
function decision() {
  const until = Date.now() + waitMs;
  for (;;) {
    const received = receiveMessageOnPort(port);
    if (received) return received.message;
    if (Date.now() > until) return null;
    Atomics.wait(wake, 0, 0, 20);
  }
}

/**
 * The records from the junction (rest: the bytes read past it) into the request's arrays;
 * reads and hashes pieces as it goes, keeping read.position the next offset to read (so that
 * hashing goes on from there whatever happens). Returns how many rows it wrote and where the
 * first record it did not read starts.
 */
function readTail(fd, hash, request, junction, rest, read, firstRow) {
  const { width, delimiter, crlf, arrays, plan } = request;
  const exports = new WebAssembly.Instance(kernel, {}).exports;
  const pages = exports.memory.buffer.byteLength / 65536;
  if (plan.pages > pages) exports.memory.grow(plan.pages - pages);
  exports.init();
  const buffer = exports.memory.buffer;
  const memory = new Uint8Array(buffer);
  new Int32Array(buffer, plan.tables, width).fill(0);
  const capacity = plan.capacity;
  const values = new Float64Array(buffer, plan.values, capacity * width);
  const others = new Int32Array(buffer, plan.others, width);
  let room = Infinity;
  for (const array of arrays) room = Math.min(room, array.length);
  let row = firstRow;
  let carry = rest;
  let carryAt = junction;
  let piece = new Uint8Array(0);
  const next = Buffer.allocUnsafe(chunkBytes);
  for (;;) {
    // The input: what was carried, then the next piece (none the first time: rest is it).
    const length = carry.length + piece.length;
    memory.set(carry, plan.input);
    memory.set(piece, plan.input + carry.length);
    memory.fill(0, plan.input + length, plan.input + length + plan.padding);
    const input = memory.subarray(plan.input, plan.input + length);
    const limit = input.lastIndexOf(LF) + 1;
    let at = plan.input;
    const end = plan.input + limit;
    while (at < end) {
      const count = exports.block(at, end, width, capacity, delimiter, crlf ? 1 : 0,
        plan.kinds, plan.starts, plan.ends, plan.values, plan.hashes, plan.outcomes,
        plan.others, plan.tables);
      let plain = count > 0 && row + count <= room;
      for (let j = 0; plain && j < width; j++) if (others[j] !== 0) plain = false;
      if (!plain) return { rows: row - firstRow, stop: carryAt + (at - plan.input) };
      for (let j = 0; j < width; j++)
        arrays[j].set(values.subarray(j * capacity, j * capacity + count), row);
      row += count;
      at = exports.stop.value;
      if (count < capacity && at < end)
        return { rows: row - firstRow, stop: carryAt + (at - plan.input) };
    }
    carryAt += limit;
    carry = input.slice(limit);
    if (carry.length > maxCarry) return { rows: row - firstRow, stop: carryAt };
    const count = readSync(fd, next, 0, chunkBytes, read.position);
    // The end: a last record with no line ending is the reader's.
    if (count === 0) return { rows: row - firstRow, stop: carryAt };
    piece = next.subarray(0, count);
    hash.update(piece);
    read.position += count;
  }
}

function run() {
  const hash = createHash('sha256');
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(chunkBytes);
    let position = 0;
    let lines = 0;
    let junction = -1;
    let rest;
    for (;;) {
      const count = readSync(fd, buffer, 0, chunkBytes, position);
      if (count === 0) break;
      const chunk = buffer.subarray(0, count);
      hash.update(chunk);
      const start = position;
      position += count;
      if (tailFrom < 0) continue;
      for (let k = chunk.indexOf(LF); k >= 0; k = chunk.indexOf(LF, k + 1)) {
        lines++;
        if (start + k >= tailFrom) {
          junction = start + k + 1;
          break;
        }
      }
      if (junction >= 0) {
        rest = chunk.slice(junction - start);
        break;
      }
    }
    if (tailFrom >= 0) {
      const request = junction >= 0 ? decision() : null;
      let tail = null;
      if (request) {
        const read = { position };
        try {
          const { rows, stop } = readTail(fd, hash, request, junction, rest, read, lines - 1);
          tail = { junction, lines, rows, stop };
        } catch {
          // Nothing of the end is taken: the reader reads it.
          tail = null;
        }
        position = read.position;
      }
      parentPort.postMessage({ tail });
      for (;;) {
        const count = readSync(fd, buffer, 0, chunkBytes, position);
        if (count === 0) break;
        hash.update(buffer.subarray(0, count));
        position += count;
      }
    }
    parentPort.postMessage({ sha256: hash.digest('hex') });
  } finally {
    closeSync(fd);
  }
}

try {
  run();
} catch (error) {
  parentPort.postMessage({ error: error.message, code: error.code });
}
`;

/** What the reader gives the thread to read the file's end (FileTail.read). */
export interface TailRequest {
  width: number;
  /** The delimiter's byte. */
  delimiter: number;
  crlf: boolean;
  /** The columns' number arrays, in shared memory. */
  arrays: Float64Array[];
}

/** What the thread read of the file's end. */
export interface TailRows {
  /** The byte after the first line feed at or past `from`, where the thread began. */
  junction: number;
  /** Line feeds before the junction. */
  lines: number;
  /** Records written into the arrays, from row lines − 1 on. */
  rows: number;
  /** Where the first record it did not read starts (the file's size if none). */
  stop: number;
}

/** The file's end, read on the thread (see the module's header). */
export interface FileTail {
  /** The thread's part starts after the first line feed at or past this offset. */
  readonly from: number;
  /** Whether the reader has asked for it or declined (once). */
  readonly decided: boolean;
  /** Asks the thread to read it; resolves with what it read, or undefined if it read nothing. */
  read(request: TailRequest): Promise<TailRows | undefined>;
  /** Tells the thread to hash on alone (a no-op once decided). */
  decline(): void;
}

/** The thread under way: `result` settles with the hex digest, or rejects as reading the file would; `stop` ends the thread when it is no longer wanted. */
export interface FileThread {
  result: Promise<string>;
  stop(): void;
  /** Its reading of the file's end, when it was started with `tailFrom` and there is a kernel. */
  tail: FileTail | undefined;
}

/** The file's thread; with `tailFrom`, ready to read the records after the first line feed at or past it. */
export function startFileThread(path: string, tailFrom?: number): FileThread {
  const kernel = tailFrom === undefined ? null : csvKernelModule();
  const readsTail = kernel !== null && tailFrom !== undefined;
  const { port1, port2 } = new MessageChannel();
  const wake = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(FILE_THREAD, {
    eval: true,
    workerData: {
      path,
      tailFrom: readsTail ? tailFrom : -1,
      port: port2,
      wake,
      kernel,
      chunkBytes: CHUNK,
      maxCarry: MAX_CARRY,
      waitMs: DECISION_WAIT_MS,
    },
    transferList: [port2],
  });
  let tailRows: (rows: TailRows | undefined) => void = () => undefined;
  const tailRead = new Promise<TailRows | undefined>((resolve) => {
    tailRows = resolve;
  });
  const result = new Promise<string>((resolve, reject) => {
    worker.on(
      'message',
      (message: { tail?: TailRows | null; sha256?: string; error?: string; code?: string }) => {
        if ('tail' in message) {
          tailRows(message.tail ?? undefined);
          return;
        }
        tailRows(undefined);
        if (message.sha256 !== undefined) resolve(message.sha256);
        else reject(Object.assign(new Error(message.error), { code: message.code }));
        port1.close();
        void worker.terminate();
      },
    );
    worker.once('error', reject);
    worker.once('exit', () => {
      tailRows(undefined);
      port1.close();
      reject(new Error('The file thread stopped before it finished.'));
    });
  });
  // A hash nobody waits for any more (stopped, or the read failed first) must not become an
  // unhandled rejection.
  result.catch(() => undefined);

  let decided = false;
  const say = (message: (TailRequest & { plan: KernelPlan }) | null) => {
    if (decided) return;
    decided = true;
    port1.postMessage(message);
    Atomics.store(wake, 0, 1);
    Atomics.notify(wake, 0);
  };
  const tail: FileTail | undefined = readsTail
    ? {
        from: tailFrom,
        get decided() {
          return decided;
        },
        read(request) {
          if (decided) return Promise.resolve(undefined);
          say({ ...request, plan: kernelPlan(request.width, CHUNK + MAX_CARRY) });
          return tailRead;
        },
        decline: () => say(null),
      }
    : undefined;
  return {
    result,
    tail,
    stop: () => {
      tailRows(undefined);
      void worker.terminate();
    },
  };
}
