/**
 * Memory for the columns of one dataset: small columns are views into shared blocks, so a wide
 * file's 100 000 columns of ten rows cost 100 000 views of a few blocks, not 100 000
 * ArrayBuffers (each buffer costs ~200 bytes of bookkeeping in and beside V8's heap, more
 * than its ten doubles). A column larger than a quarter of a block gets a buffer of its own, as
 * before. Whoever moves a dataset between threads transfers each distinct buffer once
 * (transferables in electron/workers/shared.ts) and shares each block once (shareDataset).
 */
/** Largest block size in bytes. */
export const BLOCK_BYTES = 1 << 20;
const MIN_BLOCK_BYTES = 4096;
const OWN_BUFFER_BYTES = BLOCK_BYTES / 4;

class Blocks<T extends Float64Array | Int32Array | Uint16Array> {
  private block: T | undefined;
  private used = 0;
  /** Bytes of all blocks so far: the next is as large (from 4 KB up to BLOCK_BYTES), so a small file takes little. */
  private total = 0;

  constructor(
    private readonly make: (length: number) => T,
    private readonly elementBytes: number,
  ) {}

  /** Whether an array of `length` entries gets a buffer of its own. */
  large(length: number): boolean {
    return length * this.elementBytes > OWN_BUFFER_BYTES;
  }

  /** A zeroed array of `length` entries: a view of the current block, or a new one. */
  take(length: number): T {
    if (this.large(length)) return this.make(length);
    if (!this.block || this.used + length > this.block.length) {
      const bytes = Math.min(
        BLOCK_BYTES,
        Math.max(MIN_BLOCK_BYTES, this.total, length * this.elementBytes),
      );
      this.block = this.make(Math.ceil(bytes / this.elementBytes));
      this.total += bytes;
      this.used = 0;
    }
    const view = this.block.subarray(this.used, this.used + length) as T;
    this.used += length;
    return view;
  }
}

export class ColumnStore {
  private readonly doubles = new Blocks((n) => new Float64Array(n), 8);
  private readonly ints = new Blocks((n) => new Int32Array(n), 4);

  /**
   * Source's first `length` values: copied into a block, or for a large column source itself
   * when it has exactly that length and is the caller's to give (`owned`), else a copy.
   */
  float64(source: Float64Array, length: number, owned: boolean): Float64Array {
    if (this.doubles.large(length) && owned && source.length === length) return source;
    const values = this.doubles.take(length);
    values.set(length === source.length ? source : source.subarray(0, length));
    return values;
  }

  int32(length: number): Int32Array {
    return this.ints.take(length);
  }
}

/**
 * The arrays column builders fill while a file streams in, as views of shared blocks too (two
 * buffers per builder cost more than a short column's cells). A finished column keeps its view
 * when it is nearly full, else is copied into the ColumnStore; the rest goes with the builders.
 */
export class BuilderArena {
  private readonly doubles = new Blocks((n) => new Float64Array(n), 8);
  private readonly shorts = new Blocks((n) => new Uint16Array(n), 2);

  /** Whether builders of `rows` rows share blocks (larger ones are better off alone). */
  fits(rows: number): boolean {
    return !this.doubles.large(rows);
  }

  scratch(rows: number): { numbers: Float64Array; codes: Uint16Array; keep: true } {
    return { numbers: this.doubles.take(rows), codes: this.shorts.take(rows), keep: true };
  }
}
