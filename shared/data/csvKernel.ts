/**
 * The byte reader's inner loop as WebAssembly (csvKernel.wat): records of the file's width
 * split into cells and plain decimals read into doubles, a block of records per call, about
 * three times as fast as the same loop in JavaScript. The reader (byteCsv.ts) copies the
 * complete records of each piece of the file into this kernel's memory, takes the cells block
 * by block, and reads any record the kernel stops at itself, so the kernel decides nothing the
 * JavaScript reader would decide otherwise (see the WAT's header).
 *
 * The kernel also looks cells up in the columns' text caches (textCache.ts), mirrored into its
 * memory (LevelTable): a column's cell whose bytes a level or missing marker had before gets
 * that outcome from the kernel, with no work in JavaScript but using it.
 *
 * Memory: the constant tables (1 KiB); the heap of level tables (HEAP_BYTES: each column's
 * table's address, then the tables and their bytes); the input; then the block's cells column
 * by column (cell (r, j) at j·capacity + r): kinds (u8), starts and ends (i32), values (f64),
 * hashes (i32, of cells not numbers and of every cell of a column with a table), outcomes
 * (i32, of a column with a table); and per column the count of its cells in the block that
 * are not numbers (i32).
 */
import { CSV_KERNEL_WASM_BASE64 } from './csvKernelBinary';
import { NOT_CACHED } from './textCache';

/** A cell's kind in the kernel's output. */
export const KERNEL_NUMBER = 0;
export const KERNEL_TEXT = 1;
export const KERNEL_QUOTED = 2;
/** A quoted cell with doubled quotes inside (each pair is one quote of its text). */
export const KERNEL_QUOTED_PAIRS = 3;
/** A cell's outcome when its column's table does not hold its bytes (the WAT's -2). */
export const KERNEL_NOT_FOUND = NOT_CACHED;

/** Cells a block holds at most, unless one record is wider (a block then holds BLOCK_MIN_RECORDS). */
const BLOCK_CELLS = 16_384;
/**
 * At least this many records a block (a wide file's): each column's builder is then fetched
 * from memory once per this many of its cells, not once per cell.
 */
const BLOCK_MIN_RECORDS = 16;
const TABLES = 1024;
/** The level tables' heap: at a fixed place, so that the input and cells may grow past it. */
const HEAP = TABLES;
const HEAP_BYTES = 8 << 20;
const INPUT = HEAP + HEAP_BYTES;
const PAGE = 65_536;
/** A level table's slot: hash, bytes' address, length (-1: empty), outcome (i32 each). */
const SLOT_BYTES = 16;
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
    outcomes: number,
    others: number,
    tables: number,
  ): number;
}

interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}

const wasm = (globalThis as { WebAssembly?: WasmApi }).WebAssembly;
let compiled: object | null | undefined;

/** The compiled kernel, or null where there is no WebAssembly: a module another thread can be given (the file's own thread parses the end of a large file with it: fileThread.ts). */
export function csvKernelModule(): object | null {
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

/** Records a block holds for records `width` cells wide. */
const blockRecords = (width: number) =>
  Math.max(BLOCK_MIN_RECORDS, Math.floor(BLOCK_CELLS / width));

/** Where the block's cells go (see the module's header), after an input of `inputCapacity` bytes; `end`: the memory's first byte past them. */
function cellLayout(inputCapacity: number, cellCapacity: number, width: number) {
  const kinds = INPUT + align8(inputCapacity);
  const starts = kinds + align8(cellCapacity);
  const ends = starts + 4 * cellCapacity;
  const values = align8(ends + 4 * cellCapacity);
  const hashes = values + 8 * cellCapacity;
  const outcomes = hashes + 4 * cellCapacity;
  const others = outcomes + 4 * cellCapacity;
  return {
    kinds,
    starts,
    ends,
    values,
    hashes,
    outcomes,
    others,
    end: others + 4 * Math.max(width, 1),
  };
}

/**
 * How a kernel instance on another thread lays out its memory to split records `width` cells
 * wide from inputs of up to `inputBytes` bytes with no level tables (every table address 0):
 * the addresses `block` takes, the input's, the records a block holds, and the pages the
 * memory needs. Defined here, beside the layout CsvKernel itself uses, so the two never differ.
 */
export interface KernelPlan {
  input: number;
  inputBytes: number;
  padding: number;
  capacity: number;
  tables: number;
  kinds: number;
  starts: number;
  ends: number;
  values: number;
  hashes: number;
  outcomes: number;
  others: number;
  pages: number;
}

export function kernelPlan(width: number, inputBytes: number): KernelPlan {
  const capacity = blockRecords(width);
  const layout = cellLayout(inputBytes + INPUT_PADDING, capacity * width, width);
  if (4 * width > HEAP_BYTES) throw new Error('Too many columns for the CSV kernel.');
  return {
    ...layout,
    input: INPUT,
    inputBytes,
    padding: INPUT_PADDING,
    capacity,
    tables: HEAP,
    pages: Math.ceil(layout.end / PAGE),
  };
}

/** The cells of the kernel's last block (see the module's header). */
export interface KernelCells {
  readonly capacity: number;
  readonly bytes: Uint8Array;
  readonly kinds: Uint8Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly values: Float64Array;
  readonly hashes: Int32Array;
  readonly outcomes: Int32Array;
}

/**
 * One column's level table in the kernel's memory: what the column's text cache holds, for the
 * kernel to look cells up in. Entries are only added (the cache's are never taken back); a full
 * heap leaves the rest to the cache alone, and a detached table is no longer looked in.
 */
export interface LevelTable {
  insert(hash: number, bytes: Uint8Array, start: number, end: number, outcome: number): void;
  detach(): void;
}

/** One reader's kernel: its memory holds one piece of input and one block of cells at a time. */
export class CsvKernel implements KernelCells {
  private readonly exports: KernelExports;
  private inputCapacity = 0;
  private cellCapacity = 0;
  private width = 0;
  /** Records a block holds for the current width. */
  capacity = 0;
  /** The kernel's memory, and views of the block's cells in it (remade when it grows). */
  bytes = new Uint8Array(0);
  kinds = new Uint8Array(0);
  starts = new Int32Array(0);
  ends = new Int32Array(0);
  values = new Float64Array(0);
  hashes = new Int32Array(0);
  outcomes = new Int32Array(0);
  others = new Int32Array(0);
  private words = new Int32Array(0);
  private layout = cellLayout(0, 0, 0);
  /** The heap's next free byte (after the tables' addresses, HEAP + 4·width). */
  private heapTop = HEAP;

  /** A kernel, or undefined where WebAssembly is not available (the reader then reads alone). */
  static create(): CsvKernel | undefined {
    const module = csvKernelModule();
    if (!module || !wasm) return undefined;
    return new CsvKernel(new wasm.Instance(module, {}).exports as KernelExports);
  }

  private constructor(exports: KernelExports) {
    this.exports = exports;
    exports.init();
  }

  /** Copies bytes[from, to) in as the input, for records `width` cells wide. */
  load(source: Uint8Array, from: number, to: number, width: number): void {
    this.prepare(to - from, width);
    this.bytes.set(source.subarray(from, to), INPUT);
  }

  /**
   * Copies `first` then `second` in as one input (the reader's unfinished record, then the
   * file's next piece), for records `width` cells wide; returns that input as a view of the
   * kernel's memory, good until the next load. Joined here, the bytes are copied once, not
   * into a buffer of the reader's first and then in here.
   */
  loadJoined(first: Uint8Array, second: Uint8Array, width: number): Uint8Array {
    const length = first.length + second.length;
    this.prepare(length, width);
    this.bytes.set(first, INPUT);
    this.bytes.set(second, INPUT + first.length);
    return this.bytes.subarray(INPUT, INPUT + length);
  }

  /** Room for an input of `length` bytes (and the padding after it, zeroed) and a block's cells. */
  private prepare(length: number, width: number): void {
    const capacity = blockRecords(width);
    const newWidth = width !== this.width;
    if (newWidth) this.startHeap(width);
    // A new width moves the per-column counts: the layout is made again.
    if (
      newWidth ||
      length + INPUT_PADDING > this.inputCapacity ||
      capacity * width > this.cellCapacity
    )
      this.reserve(length + INPUT_PADDING, capacity * width);
    this.capacity = capacity;
    // What the kernel may read past the input is never a digit, so no number runs past it.
    this.bytes.fill(0, INPUT + length, INPUT + length + INPUT_PADDING);
  }

  /** A heap for records `width` cells wide: no column has a table yet. */
  private startHeap(width: number): void {
    if (4 * width > HEAP_BYTES) throw new Error('Too many columns for the CSV kernel.');
    this.width = width;
    if (this.bytes.length === 0) this.reserve(INPUT_PADDING, 0);
    this.words.fill(0, HEAP >> 2, (HEAP >> 2) + width);
    this.heapTop = HEAP + align8(4 * width);
  }

  private reserve(input: number, cells: number): void {
    this.inputCapacity = Math.max(input, this.inputCapacity);
    this.cellCapacity = Math.max(cells, this.cellCapacity);
    const layout = cellLayout(this.inputCapacity, this.cellCapacity, this.width);
    const memory = this.exports.memory;
    const pages = Math.ceil(layout.end / PAGE) - memory.buffer.byteLength / PAGE;
    if (pages > 0) memory.grow(pages);
    this.layout = layout;
    const buffer = memory.buffer;
    this.bytes = new Uint8Array(buffer);
    this.words = new Int32Array(buffer);
    this.kinds = new Uint8Array(buffer, layout.kinds, this.cellCapacity);
    this.starts = new Int32Array(buffer, layout.starts, this.cellCapacity);
    this.ends = new Int32Array(buffer, layout.ends, this.cellCapacity);
    this.values = new Float64Array(buffer, layout.values, this.cellCapacity);
    this.hashes = new Int32Array(buffer, layout.hashes, this.cellCapacity);
    this.outcomes = new Int32Array(buffer, layout.outcomes, this.cellCapacity);
    this.others = new Int32Array(buffer, layout.others, Math.max(this.width, 1));
  }

  /**
   * Up to `capacity` records of `width` cells from input offset p (before `limit`, just past a
   * line feed); returns how many, and `stop` is where the next record starts. Offsets are the
   * input's (as given to load); the cells' starts and ends are addresses in `bytes`.
   */
  block(p: number, limit: number, width: number, delimiter: number, crlf: boolean): number {
    const { kinds, starts, ends, values, hashes, outcomes, others } = this.layout;
    return this.exports.block(
      p + INPUT,
      limit + INPUT,
      width,
      this.capacity,
      delimiter,
      crlf ? 1 : 0,
      kinds,
      starts,
      ends,
      values,
      hashes,
      outcomes,
      others,
      HEAP,
    );
  }

  /** Where the record after the last block's starts, as an input offset. */
  get stop(): number {
    return this.exports.stop.value - INPUT;
  }

  /** Whether column j had a level table when the last block was split (its outcomes are then set). */
  looksUp(j: number): boolean {
    return this.words[(HEAP >> 2) + j] !== 0;
  }

  /** Column j's level table (for the current width). */
  levelTable(j: number): LevelTable {
    let address = 0;
    let slots = 0;
    let entries = 0;
    let detached = false;
    const kernel = this;
    const place = (hash: number, bytesAt: number, length: number, outcome: number) => {
      const words = kernel.words;
      const mask = slots - 1;
      let slot = hash & mask;
      while (words[((address + 8 + slot * SLOT_BYTES) >> 2) + 2] !== -1) slot = (slot + 1) & mask;
      const at = (address + 8 + slot * SLOT_BYTES) >> 2;
      words[at] = hash;
      words[at + 1] = bytesAt;
      words[at + 2] = length;
      words[at + 3] = outcome;
    };
    /** A table of `size` slots with the old one's entries, or false when the heap is full. */
    const grow = (size: number): boolean => {
      const bytes = 8 + size * SLOT_BYTES;
      // Word-aligned: JavaScript writes the table through an Int32Array (entries' bytes are not).
      const at = align8(kernel.heapTop);
      if (at + bytes > HEAP + HEAP_BYTES) return false;
      const old = address;
      const oldSlots = slots;
      address = at;
      kernel.heapTop = at + bytes;
      slots = size;
      const words = kernel.words;
      words[address >> 2] = size - 1;
      for (let slot = 0; slot < size; slot++)
        words[((address + 8 + slot * SLOT_BYTES) >> 2) + 2] = -1;
      for (let slot = 0; slot < oldSlots; slot++) {
        const at = (old + 8 + slot * SLOT_BYTES) >> 2;
        if (words[at + 2] !== -1) place(words[at]!, words[at + 1]!, words[at + 2]!, words[at + 3]!);
      }
      if (!detached) words[(HEAP >> 2) + j] = address;
      return true;
    };
    return {
      insert(hash, bytes, start, end, outcome) {
        if (detached) return;
        const length = end - start;
        // At most half full: short probes.
        if (2 * (entries + 1) > slots && !grow(Math.max(16, 2 * slots))) return;
        if (kernel.heapTop + length > HEAP + HEAP_BYTES) return;
        const bytesAt = kernel.heapTop;
        kernel.bytes.set(bytes.subarray(start, end), bytesAt);
        kernel.heapTop += length;
        place(hash, bytesAt, length, outcome);
        entries++;
      },
      detach() {
        detached = true;
        kernel.words[(HEAP >> 2) + j] = 0;
      },
    };
  }
}
