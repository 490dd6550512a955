/**
 * CsvTableBuilder's test of rows another thread wrote into its columns' shared number arrays
 * (electron/services/fileThread.ts reads a large file's end that way): taken only when they are
 * rows the builder would have stored as they are.
 */
import { describe, expect, it } from 'vitest';
import { CsvTableBuilder } from '../../../shared/data/csv';

const ROWS = 200_000;

/** A builder whose columns have started, with `rows` records read; its shared arrays. */
function started(records: string[][]) {
  const builder = new CsvTableBuilder(
    { fileName: 'big.csv', expectedRows: ROWS, byteLength: ROWS * 40 },
    ',',
    true,
  );
  builder.shareNumberArrays();
  builder.addRecords(records);
  const arrays = builder.writtenRowArrays();
  if (!arrays) throw new Error('no shared arrays');
  return { builder, arrays };
}

const numbers = (rows: number) =>
  Array.from({ length: rows }, (_, i) => [`${i}`, `${i / 4}`, `${-i}`]);

describe('rows written by another thread', () => {
  it('are taken when the records so far are one a line and every column stores numbers', () => {
    const { builder, arrays } = started([['a', 'b', 'c'], ...numbers(100)]);
    // 101 line feeds before the written rows: the header's and 100 records'.
    expect(builder.takesWrittenRows(arrays, 101, 50)).toBe(true);
    expect(builder.takesWrittenRows(arrays, 102, 50)).toBe(false);
    expect(builder.takesWrittenRows(arrays, 101, ROWS * 10)).toBe(false);
  });

  it('are not taken when there are none, even where every column could take them', () => {
    const { builder, arrays } = started([['a', 'b', 'c'], ...numbers(100)]);
    expect(builder.takesWrittenRows(arrays, 101, 0)).toBe(false);
  });

  it('are not taken into a column that keeps text', () => {
    const records = numbers(100);
    records[40]![1] = 'word';
    const { builder, arrays } = started([['a', 'b', 'c'], ...records]);
    expect(builder.takesWrittenRows(arrays, 101, 50)).toBe(false);
  });
});
