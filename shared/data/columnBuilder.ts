/**
 * Accumulates one column's cells as they stream in, deciding its type at the end.
 *
 * Memory: numbers go straight into a growing Float64Array; text goes into a dictionary of
 * distinct values with a Uint16 code per cell, kept only while there are at most
 * DICTIONARY_LIMIT distinct values (enough for any categorical feature a model can use).
 * A continuous numeric column drops its dictionary after its first thousand-odd values, so
 * it ends near 8 bytes a cell; a text column never writes its Float64Array, so it costs only
 * its codes (firstNumber). The byte reader's plain numbers are not made into strings for
 * the dictionary as they arrive: their bytes wait in a PendingTexts log, encoded only if the
 * column turns out to need them (see addNumber), since a wide file's every column would
 * otherwise make a thousand strings before it could tell it is continuous.
 *
 * Type rules (shown to users in the dataset summary):
 *   numeric      every non-missing cell is a decimal number (12, -3.5, 1e-4; decimal commas
 *                and grouped thousands as numberFormat.ts reads them)
 *   categorical  text values (booleans such as true/false or yes/no included)
 *   numeric with a problem   most non-missing cells are numbers but some are text, or a value
 *                is infinite/overflows: the column cannot be used until they are fixed (or the
 *                text is declared a missing marker); the first offending cell is named
 *   unusable     text with more distinct values than a category can have (an identifier)
 */
import { plural } from '../plural';
import { type Warning, warning } from '../warning';
import type { ColumnStore } from './columnStore';
import type { KernelCells, LevelTable } from './csvKernel';
import { type Column, type ColumnProblem, MISSING_CODE } from './dataset';
import {
  type NumberFormat,
  type OtherNumber,
  otherNumber,
  parseNumber,
  readNumber,
  readsOtherwise,
} from './numberFormat';
import { type ColumnType, MAX_MARKER_LENGTH, MAX_REMEDY_MARKERS } from './readOptions';
import { CACHED_MISSING, hashOf, NOT_CACHED, TextCache } from './textCache';

export { parseNumber } from './numberFormat';

export const DICTIONARY_LIMIT = 1024;
/** Plain numbers whose text waits for the dictionary, at most (see PendingTexts). */
const PENDING_LIMIT = 2 * DICTIONARY_LIMIT;
/** A column this large keeps its builder's array when nearly full (values()). */
const LARGE_COLUMN_BYTES = 1 << 20;
const NO_CODE = 0xffff;
/** textKinds: a number (or infinite), plain text, text otherNumber names. */
const NOT_TEXT = 0;
const TEXT = 1;
const OTHER_NUMBER_TEXT = 2;
const NO_NUMBERS = new Float64Array(0);
const POINT_DECIMALS: NumberFormat = { decimal: '.', chosen: false };
/** The smallest positive normal double; below it precision is lost, down to 0. */
const MIN_NORMAL = 2.2250738585072014e-308;
/** A non-zero digit before any exponent: the literal is not 0. */
const NONZERO_MANTISSA = /^[^eE]*[1-9]/;
const INFINITY_TEXT = /^[+-]?(?:inf|infinity)$/i;
const BOOLEAN_LEVELS = [
  ['false', 'true'],
  ['no', 'yes'],
  ['f', 't'],
  ['n', 'y'],
];

function grow<T extends Float64Array | Uint16Array | Int32Array | Uint8Array>(
  array: T,
  needed: number,
): T {
  if (needed <= array.length) return array;
  const next = new (array.constructor as new (n: number) => T)(
    Math.max(needed, Math.ceil(array.length * 1.5) + 16),
  );
  next.set(array);
  return next;
}

/**
 * bytes[start, end) as text, for bytes known to be ASCII (byteCsv.ts refuses any other). Most
 * cells are short: one fromCharCode call for up to 8 bytes makes the string at once, about
 * twice as fast as adding a character at a time (a TextDecoder call costs more than either).
 */
export function asciiText(bytes: Uint8Array, start: number, end: number): string {
  const b = bytes;
  const s = start;
  switch (end - start) {
    case 0:
      return '';
    case 1:
      return String.fromCharCode(b[s]!);
    case 2:
      return String.fromCharCode(b[s]!, b[s + 1]!);
    case 3:
      return String.fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!);
    case 4:
      return String.fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!);
    case 5:
      return String.fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!);
    case 6:
      return String.fromCharCode(b[s]!, b[s + 1]!, b[s + 2]!, b[s + 3]!, b[s + 4]!, b[s + 5]!);
    case 7:
      return String.fromCharCode(
        b[s]!,
        b[s + 1]!,
        b[s + 2]!,
        b[s + 3]!,
        b[s + 4]!,
        b[s + 5]!,
        b[s + 6]!,
      );
    case 8:
      return String.fromCharCode(
        b[s]!,
        b[s + 1]!,
        b[s + 2]!,
        b[s + 3]!,
        b[s + 4]!,
        b[s + 5]!,
        b[s + 6]!,
        b[s + 7]!,
      );
  }
  if (end - start < 64) {
    let text = '';
    for (let k = start; k < end; k++) text += String.fromCharCode(bytes[k]!);
    return text;
  }
  return ASCII.decode(bytes.subarray(start, end));
}
/** Windows-1252 is ASCII on ASCII bytes (and fromCharCode.apply would overflow the stack on a long cell). */
const ASCII = new TextDecoder('windows-1252');

/**
 * A column whose numbers' texts were not kept (deferNumberTexts) ended a category after all, so
 * those texts are levels: the byte reader reads the file again keeping them (datasets.ts).
 */
export class NumberTextsNeeded extends Error {
  constructor(readonly column: string) {
    super(`Column '${column}' needs the texts of its numbers: read the file keeping them.`);
  }
}

/**
 * The bytes of plain numbers not yet given to the dictionary, with the cells they belong to, in
 * the order they came. Typed arrays only: no string, nothing for the garbage collector. While
 * the cells are consecutive (a column of numbers) only the first is kept.
 */
class PendingTexts {
  count = 0;
  private first = -1;
  /** Each entry's cell index, once the cells stop being consecutive. */
  private cells: Int32Array | null = null;
  /** Where each entry's bytes end in `bytes`. */
  private ends: Int32Array;
  private bytes: Uint8Array;

  constructor(expected: number) {
    const entries = Math.max(16, Math.min(expected, PENDING_LIMIT));
    this.ends = new Int32Array(entries);
    this.bytes = new Uint8Array(entries * 10);
  }

  add(cell: number, source: Uint8Array, start: number, end: number): void {
    const k = this.count++;
    if (k >= this.ends.length) {
      this.ends = grow(this.ends, k + 1);
      if (this.cells) this.cells = grow(this.cells, k + 1);
    }
    if (k === 0) this.first = cell;
    else if (!this.cells && cell !== this.first + k) {
      this.cells = new Int32Array(this.ends.length);
      for (let e = 0; e < k; e++) this.cells[e] = this.first + e;
    }
    if (this.cells) this.cells[k] = cell;
    const from = k === 0 ? 0 : this.ends[k - 1]!;
    const to = from + end - start;
    if (to > this.bytes.length) this.bytes = grow(this.bytes, to);
    // A cell is a few bytes: a loop, where set(subarray()) would make a view object per cell.
    const bytes = this.bytes;
    for (let q = start, r = from; q < end; q++, r++) bytes[r] = source[q]!;
    this.ends[k] = to;
  }

  cell(k: number): number {
    return this.cells ? this.cells[k]! : this.first + k;
  }

  text(k: number): string {
    return asciiText(this.bytes, k === 0 ? 0 : this.ends[k - 1]!, this.ends[k]!);
  }

  /** Entry k's bytes, as an array of their own. */
  bytesOf(k: number): Uint8Array {
    return this.bytes.slice(k === 0 ? 0 : this.ends[k - 1]!, this.ends[k]!);
  }

  /** Whether entry k's bytes are `bytes`. */
  sameBytes(k: number, bytes: Uint8Array): boolean {
    const from = k === 0 ? 0 : this.ends[k - 1]!;
    if (this.ends[k]! - from !== bytes.length) return false;
    for (let q = 0; q < bytes.length; q++) if (this.bytes[from + q] !== bytes[q]) return false;
    return true;
  }

  /**
   * How many distinct values `numbers` holds at the pending cells, counting -0 as 0: a lower
   * bound on their distinct texts (one value can be written 1.5 or 1.50, never two values
   * one way).
   */
  distinctValues(numbers: Float64Array): number {
    const values = new Float64Array(this.count);
    for (let k = 0; k < this.count; k++) values[k] = numbers[this.cell(k)]!;
    values.sort();
    let distinct = 0;
    for (let k = 0; k < values.length; k++) if (k === 0 || values[k] !== values[k - 1]) distinct++;
    return distinct;
  }
}

/** Arrays a builder fills but a column never keeps: one shared by builders taking turns (few rows), or views of an arena (columnStore.ts). */
export interface BuilderScratch {
  numbers: Float64Array;
  codes: Uint16Array;
  /** The numbers may become the column's own (a view of an arena block, nobody else's). */
  keep?: boolean | undefined;
}

export class ColumnBuilder {
  private numbers: Float64Array;
  private codes: Uint16Array | null;
  /** The caller's scratch array for numbers, if any: copied at the end, never kept. */
  private readonly scratchNumbers: Float64Array | undefined;
  private readonly keepScratch: boolean;
  private dictionary: Map<string, number> | null = new Map();
  /** Plain numbers read since the dictionary last took them in (addNumber). */
  private pending: PendingTexts | null = null;
  /**
   * Numbers settled from pending bytes, by value: the code of the text first settled for the
   * value, and that text's bytes. A pending number of that value written with those bytes has
   * that text, so it takes the code with no string made (a column of a few hundred distinct
   * integers settles its millions of cells so).
   */
  private settled: Map<number, { code: number; bytes: Uint8Array }> | null = null;
  /** Text cells' bytes and what they were (addText), made at the first. */
  private textCache: TextCache | undefined;
  /** What each dictionary entry was when first read: a number, text, or text that is a number in the other format (repeatText). */
  private readonly textKinds: number[] = [];
  /** Whether the texts of some numbers before the first text cell were not kept (deferNumberTexts). */
  private skippedNumberTexts = false;
  private length = 0;
  private missing = 0;
  private numeric = 0;
  private text = 0;
  private firstText: { row: number; value: string } | undefined;
  /** The distinct text values, while there are few (a missing marker the file uses, such as 'n/a'). */
  private textValues: Set<string> | null = new Set();
  private firstInfinite: { row: number; value: string } | undefined;
  /** Cells with a decimal comma read as numbers (a guess the reader mentions). */
  private commaDecimals = 0;
  private readonly guessedCommas: boolean;
  /** Text cells that are numbers under a chosen mark (written with the other mark, or grouped by spaces). */
  private firstOtherText: { row: number; value: string; kind: OtherNumber } | undefined;
  private otherTexts = 0;
  /** Numbers the other mark would read differently (1.037 in a decimal-comma file). */
  private firstAmbiguous: { row: number; value: string; read: number } | undefined;
  private ambiguous = 0;
  /** Non-zero numbers too small for a double: read as 0 or with lost precision (subnormal). */
  private underflows = 0;
  private firstUnderflow: { row: number; value: string } | undefined;
  /**
   * Whether addNumber may store a plain decimal without looking at its text: with the decimal
   * point, when no missing marker is itself a number (-999), which add() would read as
   * missing, and unless the column is typed categorical.
   */
  private readonly plainNumbers: boolean;

  constructor(
    readonly name: string,
    private readonly missingMarkers: ReadonlySet<string>,
    expectedRows = 1024,
    private readonly format: NumberFormat = POINT_DECIMALS,
    /** Where the finished column's array goes (without one: an array of its own). */
    private readonly store?: ColumnStore,
    scratch?: BuilderScratch,
    /** The type the user chose for this column, instead of the rules above. */
    private readonly forced?: ColumnType | undefined,
    /**
     * Keep no text of a plain number read before the column's first text cell (addNumber): a
     * column ends a category only if its text cells are at least half its values, which almost
     * no column of numbers does, and its finish() then throws NumberTextsNeeded so that the
     * file is read again without deferring. On a wide file of numbers, keeping every column's
     * texts until it could tell it is continuous was most of the read (ARCHITECTURE.md).
     */
    private readonly deferNumberTexts = false,
  ) {
    this.guessedCommas = format.decimal === ',' && !format.chosen;
    this.scratchNumbers = scratch?.numbers;
    this.keepScratch = scratch?.keep === true;
    this.numbers = scratch?.numbers ?? new Float64Array(expectedRows);
    this.codes = scratch?.codes ?? new Uint16Array(expectedRows);
    // A column the user typed categorical keeps every cell's text as written (its levels).
    this.plainNumbers =
      forced !== 'categorical' &&
      format.decimal === '.' &&
      ![...missingMarkers].some((m) => parseNumber(m) !== undefined);
  }

  /**
   * A cell the byte reader (byteCsv.ts) has read as `value` with fastNumber: a plain decimal
   * with no spaces, finite and normal, so add() would store it as it is. Its text, bytes[start,
   * end), becomes a string only while the column keeps a dictionary (as add() would encode it).
   */
  addNumber(value: number, bytes: Uint8Array, start: number, end: number, row: number): void {
    if (!this.plainNumbers) {
      this.add(asciiText(bytes, start, end), row);
      return;
    }
    const i = this.length++;
    if (i >= this.numbers.length) this.numbers = grow(this.numbers, this.length);
    if (this.numeric === 0) this.firstNumber(i);
    this.numbers[i] = value;
    this.numeric++;
    if (this.defersTexts()) return;
    if (this.dictionary && this.codes) {
      if (i >= this.codes.length) this.codes = grow(this.codes, this.length);
      if (this.knownLevel(i, bytes, start, end)) return;
      // Its text waits: the dictionary takes in PENDING_LIMIT numbers at a time, or none when
      // they show the column has too many values for it (as encoding each would have found).
      this.pending ??= new PendingTexts(this.numbers.length - i);
      this.pending.add(i, bytes, start, end);
      if (this.pending.count >= PENDING_LIMIT) this.settlePending();
    }
  }

  /**
   * `count` cells the byte reader's kernel (csvKernel.ts) has read as plain decimals,
   * values[from, from + count), their texts bytes[starts[k], ends[k]): addNumber for each in
   * turn, with the values copied in at once.
   */
  addNumbers(
    cells: KernelCells,
    from: number,
    count: number,
    lookedUp: boolean,
    firstRow: number,
  ): void {
    const { values, bytes, starts, ends, hashes, outcomes } = cells;
    if (!this.plainNumbers) {
      for (let k = 0; k < count; k++)
        this.add(asciiText(bytes, starts[from + k]!, ends[from + k]!), firstRow + k);
      return;
    }
    const first = this.length;
    this.length += count;
    if (this.length > this.numbers.length) this.numbers = grow(this.numbers, this.length);
    if (this.numeric === 0) this.firstNumber(first);
    this.numbers.set(values.subarray(from, from + count), first);
    this.numeric += count;
    if (this.defersTexts()) return;
    for (let k = 0; k < count && this.dictionary && this.codes; k++) {
      const i = first + k;
      if (i >= this.codes.length) this.codes = grow(this.codes, i + 1);
      const cell = from + k;
      const known = lookedUp
        ? this.levelOf(outcomes[cell]!, hashes[cell]!, bytes, starts[cell]!, ends[cell]!)
        : this.levelOf(
            NOT_CACHED,
            hashOf(bytes, starts[cell]!, ends[cell]!),
            bytes,
            starts[cell]!,
            ends[cell]!,
          );
      if (known >= 0) {
        this.codes![i] = known;
        continue;
      }
      this.pending ??= new PendingTexts(this.numbers.length - i);
      this.pending.add(i, bytes, starts[from + k]!, ends[from + k]!);
      if (this.pending.count >= PENDING_LIMIT) this.settlePending();
    }
  }

  /**
   * Whether `array` is where this column's next numbers go and plain numbers written there by
   * another thread need nothing more than addWrittenNumbers: numbers stored as they are, and no
   * text of theirs kept (the column defers its numbers' texts, or keeps no dictionary). Then
   * addNumbers over those cells would do exactly what addWrittenNumbers does.
   */
  takesWrittenNumbers(array: Float64Array): boolean {
    return (
      array === this.numbers &&
      this.plainNumbers &&
      (!this.dictionary || !this.codes || (this.deferNumberTexts && this.text === 0))
    );
  }

  /** The array this column's numbers go into (another thread may write plain numbers past `length` in it: takesWrittenNumbers). */
  get numberArray(): Float64Array {
    return this.numbers;
  }

  /** Rows written so far. */
  get rowCount(): number {
    return this.length;
  }

  /** `count` plain numbers another thread has written into numberArray at [length, length + count), given takesWrittenNumbers: addNumbers's bookkeeping for them. */
  addWrittenNumbers(count: number): void {
    const first = this.length;
    this.length += count;
    if (this.numeric === 0) this.firstNumber(first);
    this.numeric += count;
    this.defersTexts();
  }

  /**
   * Whether a plain number's text is not kept (deferNumberTexts): until the column's first text
   * cell, while it keeps a dictionary; noted, so that finish() can tell it was.
   */
  private defersTexts(): boolean {
    if (!this.deferNumberTexts || this.text > 0 || !this.dictionary) return false;
    this.skippedNumberTexts = true;
    return true;
  }

  /**
   * Cell i, a number written bytes[start, end), encoded at once when that text is a level
   * already (a settled number's: textCache.ts), as encoding it on arrival would: its code is
   * the level's, and the dictionary does not grow. Otherwise it waits (false).
   */
  private knownLevel(i: number, bytes: Uint8Array, start: number, end: number): boolean {
    if (!this.textCache) return false;
    const code = this.levelOf(NOT_CACHED, hashOf(bytes, start, end), bytes, start, end);
    if (code < 0) return false;
    this.codes![i] = code;
    return true;
  }

  /** The level of a number's text from the kernel's lookup (`found`) or the cache's, or -1. */
  private levelOf(
    found: number,
    hash: number,
    bytes: Uint8Array,
    start: number,
    end: number,
  ): number {
    if (!this.textCache) return -1;
    const code =
      found !== NOT_CACHED ? found : this.textCache.lookupHashed(hash, bytes, start, end);
    return code >= 0 && this.textKinds[code] === NOT_TEXT ? code : -1;
  }

  /** Mirrors the column's text cache into the CSV kernel's `table` while it keeps a dictionary. */
  attachLevelTable(table: LevelTable): void {
    if (!this.dictionary) return;
    this.textCache ??= new TextCache(DICTIONARY_LIMIT);
    this.textCache.attach(table);
  }

  /**
   * Whether attachLevelTable is due: not while the column defers its numbers' texts (it has no
   * level to look up, and the kernel's lookups would cost each of its cells a hash), so a
   * column of numbers alone is never looked up; from its first text cell on, yes.
   */
  get wantsLevelTable(): boolean {
    return !(this.deferNumberTexts && this.text === 0 && this.dictionary);
  }

  /**
   * Gives the pending numbers to the dictionary as encode() would have, one by one; or, when
   * they alone have more distinct values than the dictionary can hold, drops it at once, as
   * encoding them would have (which order cells take into the dictionary changes only its codes'
   * order, and finish() sorts the levels).
   */
  private settlePending(): void {
    const pending = this.pending;
    this.pending = null;
    if (!pending || !this.dictionary) return;
    const numbers = this.numbers;
    this.settled ??= new Map();
    const settled = this.settled;
    // The pending numbers have at most settled.size + (those of a value not settled before)
    // distinct values: only when that could pass the limit are they counted, which sorts them.
    let unseen = 0;
    for (let k = 0; k < pending.count; k++) if (!settled.has(numbers[pending.cell(k)]!)) unseen++;
    if (
      settled.size + unseen > DICTIONARY_LIMIT &&
      pending.distinctValues(numbers) > DICTIONARY_LIMIT
    ) {
      this.dropDictionary();
      return;
    }
    for (let k = 0; k < pending.count && this.dictionary; k++) {
      const cell = pending.cell(k);
      const value = numbers[cell]!;
      const seen = settled.get(value);
      if (seen && pending.sameBytes(k, seen.bytes)) {
        this.codes![cell] = seen.code;
        continue;
      }
      const text = pending.text(k);
      this.encode(cell, text);
      if (!seen && this.dictionary) {
        const code = this.dictionary.get(text)!;
        const bytes = pending.bytesOf(k);
        settled.set(value, { code, bytes });
        // Later cells written so take the level's code as they arrive (knownLevel).
        if (this.textKinds[code] === NOT_TEXT) {
          this.textCache ??= new TextCache(DICTIONARY_LIMIT);
          this.textCache.add(bytes, 0, bytes.length, code);
        }
      }
    }
  }

  /**
   * A text cell of the byte reader's kernel, bytes[start, end), their hashOf() and what the
   * kernel found for them in the column's level table (`pairs`: a quoted cell's bytes with
   * doubled quotes, each one quote of its text): add(text, row), with no string made when
   * the same bytes were a missing marker or a level of this column before (textCache.ts).
   */
  addText(
    bytes: Uint8Array,
    start: number,
    end: number,
    hash: number,
    found: number,
    pairs: boolean,
    row: number,
  ): void {
    this.textCache ??= new TextCache(DICTIONARY_LIMIT);
    const cache = this.textCache;
    const outcome = found !== NOT_CACHED ? found : cache.lookupHashed(hash, bytes, start, end);
    if (outcome === CACHED_MISSING) {
      this.addMissing();
      return;
    }
    if (outcome >= 0 && this.codes && this.textKinds[outcome] !== NOT_TEXT) {
      // What add() does with a level seen before (repeatText).
      const i = this.length++;
      this.numbers = grow(this.numbers, this.length);
      this.codes = grow(this.codes, this.length);
      this.text++;
      if (this.numeric > 0) this.numbers[i] = Number.NaN;
      if (this.textKinds[outcome] === OTHER_NUMBER_TEXT) this.otherTexts++;
      this.codes[i] = outcome;
      return;
    }
    const text = asciiText(bytes, start, end);
    const missing = this.missing;
    this.add(pairs ? text.replaceAll('""', '"') : text, row);
    if (this.missing > missing) cache.remember(bytes, start, end, CACHED_MISSING);
    else if (this.codes) {
      // Remembered only as what a repeat would be: a level read as text.
      const code = this.codes[this.length - 1]!;
      if (code !== NO_CODE && this.textKinds[code] !== NOT_TEXT)
        cache.remember(bytes, start, end, code);
    }
  }

  /** A cell known to be missing whatever the markers (a Parquet null). */
  addMissing(): void {
    const i = this.length++;
    this.numbers = grow(this.numbers, this.length);
    if (this.codes) this.codes = grow(this.codes, this.length);
    if (this.numeric > 0) this.numbers[i] = Number.NaN;
    if (this.codes) this.codes[i] = NO_CODE;
    this.missing++;
  }

  /**
   * Until a column's first number, its cells (text, missing) leave `numbers` untouched: a text
   * column's array is never written, so its pages never take memory (the operating system
   * gives zeroed pages only when written). The first number marks those cells missing.
   */
  private firstNumber(i: number): void {
    this.numbers.fill(Number.NaN, 0, i);
  }

  /** `row` is the 1-based row number users see (the header is row 1). */
  add(cell: string, row: number): void {
    const i = this.length++;
    this.numbers = grow(this.numbers, this.length);
    if (this.codes) this.codes = grow(this.codes, this.length);
    const text = cell.trim();
    if (this.missingMarkers.has(text)) {
      if (this.numeric > 0) this.numbers[i] = Number.NaN;
      if (this.codes) this.codes[i] = NO_CODE;
      this.missing++;
      return;
    }
    if (this.repeatText(i, text)) return;
    let value = readNumber(text, this.format);
    if (value !== undefined && this.guessedCommas) {
      if (text.includes(',')) this.commaDecimals++;
      if (readsOtherwise(text, this.format)) {
        this.ambiguous++;
        this.firstAmbiguous ??= { row, value: text, read: value };
      }
    }
    if (value === undefined && INFINITY_TEXT.test(text))
      value = text.startsWith('-') ? -Infinity : Infinity;
    if (value !== undefined) {
      if (this.numeric === 0) this.firstNumber(i);
      this.numeric++;
      this.numbers[i] = value;
      if (!Number.isFinite(value)) this.firstInfinite ??= { row, value: text };
      else if (Math.abs(value) < MIN_NORMAL && NONZERO_MANTISSA.test(text)) {
        this.underflows++;
        this.firstUnderflow ??= { row, value: text };
      }
    } else {
      this.text++;
      if (this.numeric > 0) this.numbers[i] = Number.NaN;
      this.firstText ??= { row, value: text };
      if (this.textValues && !this.textValues.has(text)) {
        if (this.textValues.size >= MAX_REMEDY_MARKERS) this.textValues = null;
        else this.textValues.add(text);
      }
      const kind = otherNumber(text, this.format);
      if (kind) {
        this.otherTexts++;
        this.firstOtherText ??= { row, value: text, kind };
      }
      this.encode(i, text, kind ? OTHER_NUMBER_TEXT : TEXT);
      return;
    }
    this.encode(i, text, NOT_TEXT);
  }

  /**
   * A text cell the column has seen before (a category's level) ends as the first one did:
   * text, counted, and encoded, with the same note about numbers as text, and nothing else
   * to record (its first row, its distinct value are kept already). This spares the number
   * patterns for every cell of a categorical column.
   */
  private repeatText(i: number, text: string): boolean {
    if (!this.dictionary || !this.codes) return false;
    const code = this.dictionary.get(text);
    if (code === undefined) return false;
    const kind = this.textKinds[code]!;
    if (kind === NOT_TEXT) return false;
    this.text++;
    if (this.numeric > 0) this.numbers[i] = Number.NaN;
    if (kind === OTHER_NUMBER_TEXT) this.otherTexts++;
    this.codes[i] = code;
    return true;
  }

  /** No category after all: its codes go, and the levels the kernel looks up mean nothing. */
  private dropDictionary(): void {
    this.dictionary = null;
    this.codes = null;
    this.textCache?.detach();
  }

  private encode(i: number, text: string, kind: number = NOT_TEXT): void {
    if (!this.dictionary || !this.codes) return;
    let code = this.dictionary.get(text);
    if (code === undefined) {
      if (this.dictionary.size >= DICTIONARY_LIMIT) {
        // Too many distinct values for a category: keep only the numbers.
        this.dropDictionary();
        return;
      }
      code = this.dictionary.size;
      this.dictionary.set(text, code);
      // A plain array (codes are handed out in order): a wide file's builders stay small.
      this.textKinds.push(kind);
    }
    this.codes[i] = code;
  }

  /**
   * What the reader should say about how this column's numbers were written, after finish():
   * numbers too small to represent, decimal commas it read as numbers without being told to,
   * numbers the other decimal mark would read differently (1.037 in a decimal-comma file), or
   * numbers it left as text (written with the other mark, or grouped by spaces or apostrophes).
   */
  numberNotes(): Warning[] {
    const notes: Warning[] = [];
    const columns = [this.name];
    if (this.forced === 'numeric' && this.text > 0) {
      const { row, value } = this.firstText!;
      notes.push(
        warning(
          'forced-numeric',
          `Column '${this.name}' is read as numbers, as chosen: its ${plural(this.text, 'text cell')} (first '${value}' at row ${row}) ${this.text === 1 ? 'is' : 'are'} read as missing.`,
          columns,
        ),
      );
    }
    if (this.forced === 'categorical') return notes;
    if (this.firstUnderflow) {
      const { row, value } = this.firstUnderflow;
      notes.push(
        warning(
          'underflow',
          `Column '${this.name}' has ${plural(this.underflows, 'number')} too small to represent in double precision, first '${value}' at row ${row}; they were read as 0, or with lost precision below 2.2e-308. If such values matter, rescale the column (for example, give it in smaller units).`,
          columns,
        ),
      );
    }
    if (this.format.chosen) return notes;
    if (this.firstAmbiguous && this.endsNumeric()) {
      const { row, value, read } = this.firstAmbiguous;
      notes.push(
        warning(
          'ambiguous-decimal-point',
          `Column '${this.name}' has ${plural(this.ambiguous, 'number')} with a point, first '${value}' at row ${row}, read as ${read} because the file's numbers use decimal commas (so a point groups thousands). If the point is the decimal mark there, read the file with the decimal point (--decimal . on the command line, or Reading options ▸ Decimal mark: point in the app); choose --decimal , to confirm the reading.`,
          columns,
        ),
      );
    }
    // Only when such numbers are all that keeps the column from being numeric.
    if (this.firstOtherText && this.otherTexts === this.text) {
      notes.push(this.otherTextNote(this.firstOtherText));
    } else if (this.commaDecimals > 0 && this.text === 0) {
      notes.push(
        warning(
          'decimal-comma',
          `Column '${this.name}' was read with decimal commas (0,5 = 0.5), as the file is semicolon-separated and writes its numbers so; choose the decimal point (Reading options ▸ Decimal mark, or --decimal .) to read them otherwise.`,
          columns,
        ),
      );
    }
    return notes;
  }

  private otherTextNote({ row, value, kind }: { row: number; value: string; kind: OtherNumber }) {
    const columns = [this.name];
    if (kind === 'comma')
      return warning(
        'comma-numbers-as-text',
        `Column '${this.name}' has numbers written with a comma, such as '${value}' at row ${row}, so it was read as text. If the comma is the decimal mark, read the file with the decimal comma (--decimal , on the command line, or Reading options ▸ Decimal mark: comma in the app); if it groups thousands, choose the decimal point (--decimal .).`,
        columns,
      );
    if (kind === 'point')
      return warning(
        'point-numbers-as-text',
        `Column '${this.name}' has numbers written with a decimal point, such as '${value}' at row ${row}, but the file's numbers use decimal commas, so those cells were read as text. Correct them, or if the point is the file's decimal mark, read the file with the decimal point (--decimal . on the command line, or Reading options ▸ Decimal mark: point in the app).`,
        columns,
      );
    return warning(
      'grouped-numbers-as-text',
      `Column '${this.name}' has numbers with thousands grouped by a space or an apostrophe, such as '${value}' at row ${row}, so it was read as text. To read them as numbers, choose the file's decimal mark (--decimal . or --decimal , on the command line, or Reading options ▸ Decimal mark in the app).`,
      columns,
    );
  }

  /** The numbers read, exactly `length` of them, in the store when there is one. */
  private values(): Float64Array {
    const { numbers, length } = this;
    const owned = numbers !== this.scratchNumbers;
    // An arena view nearly full is kept as it is (no copy, at most 1/8 of it unused).
    if (!owned && this.keepScratch && length * 8 >= numbers.length * 7)
      return numbers.subarray(0, length);
    // A large array of its own nearly full (the row estimate overshoots by ~5%) is kept as a
    // view too: copying it would hold the column twice at the end of the read, the peak of a
    // large file's memory.
    if (owned && length * 8 >= numbers.length * 7 && length * 8 > LARGE_COLUMN_BYTES)
      return numbers.subarray(0, length);
    if (this.store) return this.store.float64(numbers, length, owned);
    return owned && length === numbers.length ? numbers : numbers.slice(0, length);
  }

  /** Mostly numbers with some text is a data problem to report, never a silent category. */
  private endsNumeric(): boolean {
    if (this.forced) return this.forced === 'numeric';
    return this.text === 0 || this.numeric > (this.numeric + this.text) / 2;
  }

  finish(): Column {
    const { name, length, missing } = this;
    if (this.endsNumeric()) {
      // Numbers: the texts that waited for the dictionary are nobody's.
      this.pending = null;
      // No number at all (every cell missing, or text read as missing): all missing.
      if (this.numeric === 0) this.firstNumber(length);
      let problem: ColumnProblem | undefined;
      // Chosen numeric: text cells are missing (numberNotes says how many), not a problem.
      const missing = this.forced === 'numeric' ? this.missing + this.text : this.missing;
      if (this.text > 0 && this.forced !== 'numeric') {
        const first = this.firstText!;
        const values = this.textValues ? [...this.textValues] : [];
        const markers =
          values.length > 0 && values.every((v) => v !== '' && v.length <= MAX_MARKER_LENGTH)
            ? values
            : undefined;
        problem = {
          message: `This numeric column has ${plural(this.text, 'text cell')}, first '${first.value}' at row ${first.row}.`,
          row: first.row,
          value: first.value,
          fix: 'Correct those cells, or read that text as missing (Reading options ▸ Missing markers, or --missing-markers). If the column is really a category, give its levels names that are not numbers.',
          ...(markers && {
            remedy: { code: 'add-missing-markers', markers, column: name } as const,
          }),
        };
      } else if (this.firstInfinite) {
        const first = this.firstInfinite;
        problem = {
          message: `The value '${first.value}' at row ${first.row} is infinite or too large to represent.`,
          row: first.row,
          value: first.value,
          fix: 'Correct it, or leave the cell empty to mark it missing.',
        };
      }
      // Two literals, not a spread: the spread's objects carry spare slots (a million columns…).
      const values = this.values();
      return problem
        ? { kind: 'numeric', name, values, missing, problem }
        : { kind: 'numeric', name, values, missing };
    }
    // A category after all: its numbers' texts are levels (settled before the numbers go).
    if (this.skippedNumberTexts) throw new NumberTextsNeeded(name);
    this.settlePending();
    this.numbers = NO_NUMBERS;
    if (!this.dictionary || !this.codes) {
      return {
        kind: 'unusable',
        name,
        missing,
        problem: {
          message: `This column has more than ${DICTIONARY_LIMIT} distinct text values, so it cannot be a category (it looks like an identifier or free text).`,
          fix: 'Leave it out of the features.',
        },
      };
    }
    const firstSeen = [...this.dictionary.keys()];
    const levels = [...firstSeen].sort();
    const rank = new Map(levels.map((level, k) => [level, k]));
    const remap = Int32Array.from(firstSeen, (level) => rank.get(level)!);
    const codes = this.store ? this.store.int32(length) : new Int32Array(length);
    for (let i = 0; i < length; i++) {
      const code = this.codes[i]!;
      codes[i] = code === NO_CODE ? MISSING_CODE : remap[code]!;
    }
    const lower = levels.map((level) => level.toLowerCase()).sort();
    const boolean = BOOLEAN_LEVELS.some(
      (pair) =>
        lower.length > 0 && lower.length <= 2 && lower.every((level) => pair.includes(level)),
    );
    return { kind: 'categorical', name, levels, codes, missing, boolean };
  }
}
