/**
 * The byte reader's inner loop as WebAssembly (csvKernel.wat): records of the file's width
 * split into cells and plain decimals read into doubles, a block of records per call, about
 * three times as fast as the same loop in JavaScript. The reader (byteCsv.ts) copies the
 * complete records of each piece of the file into this kernel's memory, takes the cells block
 * by block, and reads any record the kernel stops at itself, so the kernel decides nothing the
 * JavaScript reader would decide otherwise (see the WAT's header).
 *
 * Memory: the tables (1 KiB), the input, then the block's cells column by column (cell (r, j)
 * at j·capacity + r): kinds (u8), starts and ends (i32), values (f64), the hashes of cells not
 * numbers (i32, textCache.ts's); and per column the count of its cells in the block that are
 * not numbers (i32).
 */
import { CSV_KERNEL_WASM_BASE64 } from './csvKernelBinary';

/** A cell's kind in the kernel's output. */
export const KERNEL_NUMBER = 0;
export const KERNEL_TEXT = 1;
export const KERNEL_QUOTED = 2;
/** A quoted cell with doubled quotes inside (each pair is one quote of its text). */
export const KERNEL_QUOTED_PAIRS = 3;

/** Cells a block holds at most, unless one record is wider (a block then holds BLOCK_MIN_RECORDS). */
const BLOCK_CELLS = 16_384;
/**
 * At least this many records a block (a wide file's): each column's builder is then fetched
 * from memory once per this many of its cells, not once per cell.
 */
const BLOCK_MIN_RECORDS = 16;
const TABLES = 1024;
const PAGE = 65_536;
/** Bytes past the input the kernel may read (its two-digit step reads one byte ahead). */
const INPUT_PADDING = 16;

interface KernelExports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  stop: { value: number };
  init(): void;
  block(
    p: number,
    limit: number,
    width: number,
    capacity: number,
    delimiter: number,
    crlf: number,
    kinds: number,
    starts: number,
    ends: number,
    values: number,
    hashes: number,
    others: number,
  ): number;
}

interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}

const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
let compiled: object | null | undefined;

function kernelModule(): object | null {
  if (compiled !== undefined) return compiled;
  try {
    if (!wasm) throw new Error('no WebAssembly');
    const binary = atob(CSV_KERNEL_WASM_BASE64);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    compiled = new wasm.Module(bytes);
  } catch {
    compiled = null; // the JavaScript reader alone
  }
  return compiled;
}

const align8 = (n: number) => (n + 7) & ~7;

/** One reader's kernel: its memory holds one piece of input and one block of cells at a time. */
export class CsvKernel {
  private readonly exports: KernelExports;
  private inputCapacity = 0;
  private cellCapacity = 0;
  private widthCapacity = 0;
  /** Records a block holds for the current width. */
  capacity = 0;
  /** The input and the block's cells (views of the kernel's memory, remade when it grows). */
  bytes = new Uint8Array(0);
  kinds = new Uint8Array(0);
  starts = new Int32Array(0);
  ends = new Int32Array(0);
  values = new Float64Array(0);
  hashes = new Int32Array(0);
  others = new Int32Array(0);
  private layout = { kinds: 0, starts: 0, ends: 0, values: 0, hashes: 0, others: 0 };

  /** A kernel, or undefined where WebAssembly is not available (the reader then reads alone). */
  static create(): CsvKernel | undefined {
    const module = kernelModule();
    if (!module || !wasm) return undefined;
    return new CsvKernel(new wasm.Instance(module, {}).exports as KernelExports);
  }

  private constructor(exports: KernelExports) {
    this.exports = exports;
    exports.init();
  }

  /** Copies bytes[from, to) in as the input (offset 0 of `bytes` is TABLES in the kernel's memory), for records `width` cells wide. */
  load(source: Uint8Array, from: number, to: number, width: number): void {
    const length = to - from;
    const capacity = Math.max(BLOCK_MIN_RECORDS, Math.floor(BLOCK_CELLS / width));
    if (
      length + INPUT_PADDING > this.inputCapacity ||
      capacity * width > this.cellCapacity ||
      width > this.widthCapacity
    )
      this.reserve(length + INPUT_PADDING, capacity * width, width);
    this.capacity = capacity;
    this.bytes.set(source.subarray(from, to), TABLES);
    // What the kernel may read past the input is never a digit, so no number runs past it.
    this.bytes.fill(0, TABLES + length, TABLES + length + INPUT_PADDING);
  }

  private reserve(input: number, cells: number, width: number): void {
    this.inputCapacity = Math.max(input, this.inputCapacity);
    this.cellCapacity = Math.max(cells, this.cellCapacity);
    this.widthCapacity = Math.max(width, this.widthCapacity);
    const kinds = TABLES + align8(this.inputCapacity);
    const starts = kinds + align8(this.cellCapacity);
    const ends = starts + 4 * this.cellCapacity;
    const values = align8(ends + 4 * this.cellCapacity);
    const hashes = values + 8 * this.cellCapacity;
    const others = hashes + 4 * this.cellCapacity;
    const end = others + 4 * this.widthCapacity;
    const memory = this.exports.memory;
    const pages = Math.ceil(end / PAGE) - memory.buffer.byteLength / PAGE;
    if (pages > 0) memory.grow(pages);
    this.layout = { kinds, starts, ends, values, hashes, others };
    const buffer = memory.buffer;
    this.bytes = new Uint8Array(buffer);
    this.kinds = new Uint8Array(buffer, kinds, this.cellCapacity);
    this.starts = new Int32Array(buffer, starts, this.cellCapacity);
    this.ends = new Int32Array(buffer, ends, this.cellCapacity);
    this.values = new Float64Array(buffer, values, this.cellCapacity);
    this.hashes = new Int32Array(buffer, hashes, this.cellCapacity);
    this.others = new Int32Array(buffer, others, this.widthCapacity);
  }

  /**
   * Up to `capacity` records of `width` cells from input offset p (before `limit`, just past a
   * line feed); returns how many, and `stop` is where the next record starts. Offsets are the
   * input's (as given to load), the cells' starts and ends offsets into `bytes`.
   */
  block(p: number, limit: number, width: number, delimiter: number, crlf: boolean): number {
    const { kinds, starts, ends, values, hashes, others } = this.layout;
    return this.exports.block(
      p + TABLES,
      limit + TABLES,
      width,
      this.capacity,
      delimiter,
      crlf ? 1 : 0,
      kinds,
      starts,
      ends,
      values,
      hashes,
      others,
    );
  }

  /** Where the record after the last block's starts, as an input offset. */
  get stop(): number {
    return this.exports.stop.value - TABLES;
  }
}
