/**
 * What a column made of a cell's bytes before, looked up by the bytes themselves: a level's
 * code, or a missing marker. The byte reader's cells in a category are mostly a few levels
 * and markers repeated millions of times; with this a repeat costs a hash and a comparison
 * of its bytes, not a string, a trim and two lookups by string (ColumnBuilder.addText), and a
 * number whose text is already a level takes its code at once instead of waiting in the
 * pending texts (ColumnBuilder.addNumbers).
 *
 * Its entries may be mirrored into the CSV kernel's memory (attach: csvKernel.ts's LevelTable),
 * where the kernel looks the cells up as it splits them.
 *
 * Open addressing over a power-of-two table that doubles as it fills; each entry's bytes are
 * kept to compare, so a hash collision never gives a cell another's outcome. It holds at most
 * `capacity` entries (as many as a dictionary holds levels: a column of more distinct texts is
 * not a category, and its cells take the ordinary path).
 */
import type { LevelTable } from './csvKernel';

/** The outcome of bytes not in the cache. */
export const NOT_CACHED = -2;
/** The outcome of a missing marker's bytes. */
export const CACHED_MISSING = -1;

/** FNV-1a, 32 bits (as int32, like every step after the first): csvKernel.wat's too. */
export function hashOf(bytes: Uint8Array, start: number, end: number): number {
  let hash = 0x811c9dc5 | 0;
  for (let q = start; q < end; q++) hash = Math.imul(hash ^ bytes[q]!, 0x01000193);
  return hash;
}

/** Cells longer than this are free text, not worth keeping. */
const MAX_BYTES = 64;

export class TextCache {
  private slots = new Int32Array(16);
  private hashes = new Int32Array(8);
  private outcomes = new Int32Array(8);
  /** Entry e's bytes: store[offsets[e], offsets[e + 1]). */
  private offsets = new Int32Array(9);
  private store = new Uint8Array(64);
  private count = 0;
  /** The hash of the last lookup's bytes, for remember(). */
  private lastHash = 0;
  private mirror: LevelTable | undefined;

  constructor(private readonly capacity: number) {}

  /**
   * The outcome remembered for bytes[start, end), or NOT_CACHED. (A cell's bytes, between its
   * quotes if quoted, are its text once doubled quotes are made one: an unquoted cell has no
   * quote, so equal bytes are equal texts whatever the cells' kinds.)
   */
  lookup(bytes: Uint8Array, start: number, end: number): number {
    return this.lookupHashed(hashOf(bytes, start, end), bytes, start, end);
  }

  /** lookup() of bytes whose hashOf() is known (the CSV kernel's hashes). */
  lookupHashed(hash: number, bytes: Uint8Array, start: number, end: number): number {
    this.lastHash = hash;
    const length = end - start;
    if (length > MAX_BYTES) return NOT_CACHED;
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot]! - 1;
      if (entry < 0) return NOT_CACHED;
      if (this.hashes[entry] !== hash) continue;
      const from = this.offsets[entry]!;
      if (this.offsets[entry + 1]! - from !== length) continue;
      let same = true;
      for (let q = 0; q < length; q++)
        if (this.store[from + q] !== bytes[start + q]) {
          same = false;
          break;
        }
      if (same) return this.outcomes[entry]!;
    }
  }

  /** Remembers `outcome` for bytes[start, end), which the last lookup was of and did not find. */
  remember(bytes: Uint8Array, start: number, end: number, outcome: number): void {
    const length = end - start;
    if (this.count >= this.capacity || length > MAX_BYTES) return;
    if (this.count === this.hashes.length) this.growEntries();
    const entry = this.count++;
    const from = this.offsets[entry]!;
    if (from + length > this.store.length) {
      const store = new Uint8Array(2 * (from + length));
      store.set(this.store);
      this.store = store;
    }
    for (let q = 0; q < length; q++) this.store[from + q] = bytes[start + q]!;
    this.offsets[entry + 1] = from + length;
    this.hashes[entry] = this.lastHash;
    this.outcomes[entry] = outcome;
    this.mirror?.insert(this.lastHash, bytes, start, end, outcome);
    // At most half full: short probes.
    if (2 * this.count > this.slots.length) this.rehash(2 * this.slots.length);
    else this.place(entry);
  }

  /** remember() for bytes no lookup has just been of. */
  add(bytes: Uint8Array, start: number, end: number, outcome: number): void {
    if (this.lookup(bytes, start, end) === NOT_CACHED) this.remember(bytes, start, end, outcome);
  }

  /** Mirrors the entries into `table`, those there are and those to come. */
  attach(table: LevelTable): void {
    this.mirror = table;
    for (let entry = 0; entry < this.count; entry++)
      table.insert(
        this.hashes[entry]!,
        this.store,
        this.offsets[entry]!,
        this.offsets[entry + 1]!,
        this.outcomes[entry]!,
      );
  }

  /** Stops the mirror (its levels no longer mean anything: the column dropped its dictionary). */
  detach(): void {
    this.mirror?.detach();
    this.mirror = undefined;
  }

  private place(entry: number): void {
    const mask = this.slots.length - 1;
    let slot = this.hashes[entry]! & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = entry + 1;
  }

  private growEntries(): void {
    const size = 2 * this.hashes.length;
    const hashes = new Int32Array(size);
    hashes.set(this.hashes);
    this.hashes = hashes;
    const outcomes = new Int32Array(size);
    outcomes.set(this.outcomes);
    this.outcomes = outcomes;
    const offsets = new Int32Array(size + 1);
    offsets.set(this.offsets);
    this.offsets = offsets;
  }

  private rehash(slots: number): void {
    this.slots = new Int32Array(slots);
    for (let entry = 0; entry < this.count; entry++) this.place(entry);
  }
}
