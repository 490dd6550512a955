/**
 * The fast reader: splits UTF-8 bytes into records and cells itself, reading plain decimals
 * straight into the columns (fastNumber.ts) with no string per cell, and hands everything to
 * the same CsvTableBuilder the papaparse reader feeds (csv.ts), so types, messages, warnings
 * and row numbers are the builder's own.
 *
 * It reads only what it reads exactly as papaparse would: ASCII text, one line ending used
 * throughout (LF, or CRLF), quotes only around whole cells ("a,b", "say ""hi"""). On anything
 * else — a byte past ASCII (which may be invalid UTF-8 or need decoding), a lone CR, a quote
 * inside a cell or not followed by a delimiter, a quote never closed, a record longer than
 * MAX_CARRY — it throws NotFastCsv, and the caller reads the whole file the ordinary way from
 * its start (so every message of the bad-file corpus stays papaparse's reading).
 */
import { MAX_COLUMNS } from '../analysis/schema';
import { asciiText, type ColumnBuilder } from './columnBuilder';
import type { CsvTableBuilder, SplitRecord, SplitRows } from './csv';
import { CsvKernel, KERNEL_NOT_FOUND, KERNEL_NUMBER, KERNEL_QUOTED_PAIRS } from './csvKernel';
import { fastNumberAt, numberEnd } from './fastNumber';

/** Thrown when the file needs the ordinary reader; nothing the builder was given is kept. */
export class NotFastCsv extends Error {
  constructor(reason: string) {
    super(`Not for the fast reader: ${reason}.`);
  }
}

/** The longest record carried from one chunk to the next (wider files: the ordinary reader, which refuses too-wide headers early). */
const MAX_CARRY = 4 << 20;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** What cell j is: a plain decimal read into values[j]; unquoted text, bytes[starts[j], ends[j]); a quoted cell, its text in quoted[j]. */
const NUMBER = 0;
const BYTES = 1;
const QUOTED = 2;

function isSpace(b: number): boolean {
  return b === 0x20 || (b >= 0x09 && b <= 0x0d);
}

/**
 * Records at least this wide are handed to the builder in blocks of BLOCK_ROWS (RowBlock):
 * their columns' builders do not all fit in the cache, and fed a cell at a time each would be
 * fetched from memory for every cell. Narrower files' builders stay in cache either way.
 */
const BLOCK_MIN_WIDTH = 256;
const BLOCK_ROWS = 16;

/** The reader's one-record cell arrays (ByteCsvReader's). */
interface CellArrays {
  kinds: Uint8Array;
  starts: Int32Array;
  ends: Int32Array;
  values: Float64Array;
  quoted: string[];
}

/** Up to BLOCK_ROWS split records of one width, copied from the reader's one-record arrays. */
class RowBlock implements SplitRows {
  count = 0;
  width = 0;
  private kinds = new Uint8Array(0);
  private starts = new Int32Array(0);
  private ends = new Int32Array(0);
  private values = new Float64Array(0);
  private quoted: string[] = [];
  /** The bytes the kept records' cells are in (the reader's current buffer). */
  bytes: Uint8Array = new Uint8Array(0);

  keep(fields: number, from: CellArrays): void {
    if (this.count === 0) this.width = fields;
    const size = BLOCK_ROWS * fields;
    if (this.kinds.length < size) {
      this.kinds = new Uint8Array(size);
      this.starts = new Int32Array(size);
      this.ends = new Int32Array(size);
      this.values = new Float64Array(size);
    }
    const at = this.count * fields;
    this.kinds.set(from.kinds.subarray(0, fields), at);
    this.starts.set(from.starts.subarray(0, fields), at);
    this.ends.set(from.ends.subarray(0, fields), at);
    this.values.set(from.values.subarray(0, fields), at);
    for (let j = 0; j < fields; j++)
      if (from.kinds[j] === QUOTED) this.quoted[at + j] = from.quoted[j]!;
    this.count++;
  }

  addColumn(j: number, column: ColumnBuilder, firstRow: number): void {
    for (let r = 0; r < this.count; r++) {
      const k = r * this.width + j;
      const kind = this.kinds[k];
      const row = firstRow + r;
      if (kind === NUMBER)
        column.addNumber(this.values[k]!, this.bytes, this.starts[k]!, this.ends[k]!, row);
      else if (kind === QUOTED) column.add(this.quoted[k]!, row);
      else column.add(asciiText(this.bytes, this.starts[k]!, this.ends[k]!), row);
    }
  }
}

/** The block of records the kernel has just split (csvKernel.ts), column by column. */
class KernelRows implements SplitRows {
  count = 0;
  /** Columns whose builder's text cache is mirrored into the kernel (attachLevelTable). */
  private attached = new Uint8Array(0);
  constructor(private readonly kernel: CsvKernel) {}

  addColumn(j: number, column: ColumnBuilder, firstRow: number): void {
    const kernel = this.kernel;
    // Whether the kernel looked this block's cells up: before the table is attached or grows.
    const lookedUp = kernel.looksUp(j);
    if (j >= this.attached.length) {
      const attached = new Uint8Array(Math.max(j + 1, 2 * this.attached.length));
      attached.set(this.attached);
      this.attached = attached;
    }
    if (this.attached[j] === 0 && column.wantsLevelTable) {
      this.attached[j] = 1;
      column.attachLevelTable(kernel.levelTable(j));
    }
    const from = j * kernel.capacity;
    // A column of numbers alone (most blocks of most columns): its values in one copy.
    if (kernel.others[j] === 0) {
      column.addNumbers(kernel, from, this.count, lookedUp, firstRow);
      return;
    }
    const { kinds, starts, ends, values, hashes, outcomes, bytes } = kernel;
    for (let r = 0; r < this.count; r++) {
      const cell = from + r;
      const kind = kinds[cell];
      if (kind === KERNEL_NUMBER)
        column.addNumber(values[cell]!, bytes, starts[cell]!, ends[cell]!, firstRow + r);
      else
        column.addText(
          bytes,
          starts[cell]!,
          ends[cell]!,
          hashes[cell]!,
          lookedUp ? outcomes[cell]! : KERNEL_NOT_FOUND,
          kind === KERNEL_QUOTED_PAIRS,
          firstRow + r,
        );
    }
  }
}

export class ByteCsvReader implements SplitRecord {
  private readonly block = new RowBlock();
  /** The WebAssembly inner loop, where there is WebAssembly; and its output as split rows. */
  private readonly kernel = CsvKernel.create();
  private readonly kernelRows = this.kernel && new KernelRows(this.kernel);
  /** Where in the current bytes the kernel's input starts, or -1 before it is loaded. */
  private kernelFrom = -1;
  private carry: Uint8Array | undefined;
  /** 0 until the first line ending is seen, then LF or CR (CRLF). */
  private lineEnding = 0;
  private bytes: Uint8Array = new Uint8Array(0);
  private work = new Uint8Array(0);
  private kinds = new Uint8Array(64);
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private values = new Float64Array(64);
  private quoted: string[] = [];
  private readonly delimiter: number;

  constructor(
    private readonly builder: CsvTableBuilder,
    delimiter: string,
  ) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** Whether the file's line endings are CRLF (true) or LF (false); undefined before the first. */
  get crlf(): boolean | undefined {
    return this.lineEnding === 0 ? undefined : this.lineEnding === CR;
  }

  /** Whether what was fed so far ends with a complete record (nothing carried on to the next piece). */
  get atRecordStart(): boolean {
    return this.carry === undefined || this.carry.length === 0;
  }

  /** The next piece of the file (after any byte-order mark). */
  feed(chunk: Uint8Array): void {
    let bytes = chunk;
    let inKernel = false;
    if (this.carry) {
      const width = this.builder.rowWidth;
      if (this.kernel && width > 0 && this.lineEnding !== 0) {
        // Joined in the kernel's memory, where the kernel reads them and so does record().
        bytes = this.kernel.loadJoined(this.carry, chunk, width);
        inKernel = true;
      } else {
        // One working buffer, reused: a new one per chunk would leave a megabyte of garbage each time.
        const needed = this.carry.length + chunk.length;
        if (this.work.length < needed) this.work = new Uint8Array(needed + (needed >> 2));
        bytes = this.work.subarray(0, needed);
        bytes.set(this.carry);
        bytes.set(chunk, this.carry.length);
      }
      this.carry = undefined;
    }
    const limit = bytes.lastIndexOf(LF) + 1;
    // A header wider than any analysis can use: the ordinary reader refuses it as it streams.
    if (limit === 0 && this.tooWide(bytes)) throw new NotFastCsv('a very wide header');
    const rest = this.records(bytes, limit, false, inKernel);
    if (rest < bytes.length) {
      if (bytes.length - rest > MAX_CARRY) throw new NotFastCsv('a very long record');
      this.carry = bytes.slice(rest);
    }
  }

  private tooWide(bytes: Uint8Array): boolean {
    let delimiters = 0;
    for (let k = 0; k < bytes.length; k++) if (bytes[k] === this.delimiter) delimiters++;
    return delimiters >= MAX_COLUMNS;
  }

  /** The end of the file: its last record needs no line ending (one is added, as the file's others). */
  end(): void {
    const carry = this.carry;
    this.carry = undefined;
    if (!carry || carry.length === 0) return;
    if (carry[carry.length - 1] === CR) throw new NotFastCsv('a CR at the end');
    const ending = this.lineEnding === CR ? [CR, LF] : [LF];
    const bytes = new Uint8Array(carry.length + ending.length);
    bytes.set(carry);
    bytes.set(ending, carry.length);
    this.records(bytes, bytes.length, true);
  }

  /**
   * Reads the complete records of bytes[0, limit) (limit: just past a line feed, so every
   * unquoted cell ends before it); returns where the first record not complete there starts.
   */
  private records(bytes: Uint8Array, limit: number, final: boolean, inKernel = false): number {
    this.bytes = bytes;
    // Bytes already the kernel's input (loadJoined) are not copied in again.
    this.kernelFrom = inKernel ? 0 : -1;
    let p = 0;
    while (p < limit) {
      // Once the columns are built and the line ending known, the kernel reads what it can;
      // the record it stops at, if any, is read here.
      const width = this.builder.rowWidth;
      if (this.kernel && width > 0 && this.lineEnding !== 0) {
        p = this.kernelRecords(bytes, p, limit, width);
        if (p >= limit) break;
      }
      const next = this.record(bytes, p, limit, final);
      if (next < 0) break;
      p = next;
    }
    this.flush();
    return p;
  }

  /** Records of `width` cells from p, by the kernel, to the builder; returns where the kernel stopped. */
  private kernelRecords(bytes: Uint8Array, p: number, limit: number, width: number): number {
    const kernel = this.kernel!;
    const rows = this.kernelRows!;
    // The bytes left are copied in once; the records read here between blocks stay in them.
    if (this.kernelFrom < 0) {
      kernel.load(bytes, p, limit, width);
      this.kernelFrom = p;
    }
    this.flush();
    const base = this.kernelFrom;
    const end = limit - base;
    let at = p - base;
    for (;;) {
      const count = kernel.block(at, end, width, this.delimiter, this.lineEnding === CR);
      at = kernel.stop;
      if (count > 0) {
        rows.count = count;
        this.builder.addSplitRows(count, rows);
      }
      if (count < kernel.capacity || at >= end) return at + base;
    }
  }

  private room(fields: number): void {
    if (fields < this.kinds.length) return;
    const size = this.kinds.length * 2;
    const kinds = new Uint8Array(size);
    kinds.set(this.kinds);
    this.kinds = kinds;
    const starts = new Int32Array(size);
    starts.set(this.starts);
    this.starts = starts;
    const ends = new Int32Array(size);
    ends.set(this.ends);
    this.ends = ends;
    const values = new Float64Array(size);
    values.set(this.values);
    this.values = values;
  }

  /**
   * One record from `from`: split, then given to the builder. Returns the offset after its
   * line ending, or -1 when a quoted cell runs past `limit` (the record continues in the next
   * chunk).
   */
  private record(bytes: Uint8Array, from: number, limit: number, final: boolean): number {
    const delimiter = this.delimiter;
    let p = from;
    let fields = 0;
    for (;;) {
      if (fields >= this.kinds.length) this.room(fields);
      const start = p;
      let c = bytes[p]!;
      if (c === QUOTE) {
        const closed = this.quotedCell(bytes, p, limit, fields);
        if (closed < 0) {
          if (final) throw new NotFastCsv('a quote never closed');
          return -1;
        }
        p = closed;
        c = bytes[p]!;
        if (c !== delimiter && c !== LF && c !== CR)
          throw new NotFastCsv('text after a closing quote');
      } else {
        // A plain decimal read as it is scanned; the cell is that number if it ends right there.
        const value = fastNumberAt(bytes, p);
        p = numberEnd;
        c = bytes[p]!;
        this.starts[fields] = start;
        if (!Number.isNaN(value) && (c === delimiter || c === LF || c === CR)) {
          this.kinds[fields] = NUMBER;
          this.values[fields] = value;
        } else {
          // Text, to the end of the cell: every cell before `limit` ends at a line feed at the latest.
          while (c !== delimiter && c !== LF && c !== CR) {
            if (c === QUOTE) throw new NotFastCsv('a quote inside a cell');
            if (c >= 0x80) throw new NotFastCsv('a byte past ASCII');
            c = bytes[++p]!;
          }
          this.kinds[fields] = BYTES;
        }
        this.ends[fields] = p;
      }
      fields++;
      if (c === delimiter) {
        p++;
        continue;
      }
      const after = this.lineEnd(bytes, p);
      this.hand(fields);
      return after;
    }
  }

  /** The record just split, to the builder: kept in the block when wide, else at once (after the block, to keep the order). */
  private hand(fields: number): void {
    const block = this.block;
    if (
      fields >= BLOCK_MIN_WIDTH &&
      (block.count === 0 || fields === block.width) &&
      this.builder.takesRows(fields)
    ) {
      const { kinds, starts, ends, values, quoted } = this;
      block.keep(fields, { kinds, starts, ends, values, quoted });
      if (block.count === BLOCK_ROWS) this.flush();
      return;
    }
    this.flush();
    this.builder.addSplitRecord(fields, this);
  }

  /** The block's records to the builder, before the bytes they point into change. */
  private flush(): void {
    const block = this.block;
    if (block.count === 0) return;
    block.bytes = this.bytes;
    this.builder.addSplitRows(block.count, block);
    block.count = 0;
  }

  /** Past the line ending at `p` (LF, or CR LF, as the file's first line ending decided). */
  private lineEnd(bytes: Uint8Array, p: number): number {
    if (bytes[p] === LF) {
      if (this.lineEnding === 0) this.lineEnding = LF;
      else if (this.lineEnding !== LF) throw new NotFastCsv('mixed line endings');
      return p + 1;
    }
    // CR: only as the first half of CRLF (a CR before `limit` is followed by a byte), in a
    // file whose line endings are all CRLF.
    if (bytes[p + 1] !== LF) throw new NotFastCsv('a lone CR');
    if (this.lineEnding === 0) this.lineEnding = CR;
    else if (this.lineEnding !== CR) throw new NotFastCsv('mixed line endings');
    return p + 2;
  }

  /**
   * A quoted cell from its opening quote at `p`: its text (a doubled quote is one quote) goes
   * to quoted[j]; returns the offset after the closing quote, or -1 if the bytes end first.
   */
  private quotedCell(bytes: Uint8Array, p: number, limit: number, j: number): number {
    const n = limit;
    let q = p + 1;
    let text = '';
    let from = q;
    for (;;) {
      if (q >= n) return -1;
      const c = bytes[q]!;
      if (c >= 0x80) throw new NotFastCsv('a byte past ASCII');
      // A CR inside quotes could make papaparse's guess of the line ending differ from ours;
      // a LF there is the cell's, whatever the line ending (papaparse guesses it without quotes).
      if (c === CR) throw new NotFastCsv('a CR inside quotes');
      if (c === QUOTE) {
        // Before `limit` a quote is always followed by a byte (the last one is a line feed).
        if (bytes[q + 1] === QUOTE) {
          text += `${asciiText(bytes, from, q)}"`;
          q += 2;
          from = q;
          continue;
        }
        text += asciiText(bytes, from, q);
        this.kinds[j] = QUOTED;
        this.quoted[j] = text;
        return q + 1;
      }
      q++;
    }
  }

  isBlank(j: number): boolean {
    if (this.kinds[j] === QUOTED) return this.quoted[j]!.trim() === '';
    if (this.kinds[j] === NUMBER) return false;
    for (let k = this.starts[j]!; k < this.ends[j]!; k++)
      if (!isSpace(this.bytes[k]!)) return false;
    return true;
  }

  private text(j: number): string {
    if (this.kinds[j] === QUOTED) return this.quoted[j]!;
    return asciiText(this.bytes, this.starts[j]!, this.ends[j]!);
  }

  strings(fields: number): string[] {
    const cells: string[] = new Array(fields);
    for (let j = 0; j < fields; j++) cells[j] = this.text(j);
    return cells;
  }

  addTo(j: number, column: ColumnBuilder, row: number): void {
    const kind = this.kinds[j];
    if (kind === NUMBER)
      column.addNumber(this.values[j]!, this.bytes, this.starts[j]!, this.ends[j]!, row);
    else column.add(this.text(j), row);
  }
}
