/**
 * Unique names: the one rule both the CSV header (duplicate or empty names) and the design
 * matrix (a generated `feature=level` equal to another column's name) use to tell columns apart.
 */

/**
 * The longest column name (in UTF-16 code units) the reader accepts and every request may carry
 * (the IPC contract bounds names with it). Names this long are shown truncated, in full on hover.
 */
export const MAX_NAME_LENGTH = 100_000;

/** `base` if it is free, else `base_2`, `base_3`, … : the first one not in `taken`. */
export function uniqueName(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  let k = 2;
  while (taken.has(`${base}_${k}`)) k++;
  return `${base}_${k}`;
}
