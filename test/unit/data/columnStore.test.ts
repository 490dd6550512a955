import { describe, expect, it } from 'vitest';
import { MAX_COLUMNS } from '../../../shared/analysis/schema';
import { BLOCK_BYTES, ColumnStore } from '../../../shared/data/columnStore';
import { HeaderWidthCheck, readCsvText } from '../../../shared/data/csv';

describe('ColumnStore', () => {
  it('hands out small columns as disjoint views of a few blocks, large ones as their own', () => {
    const store = new ColumnStore();
    const a = store.float64(Float64Array.of(1, 2, 3, 4), 3, true);
    const b = store.float64(Float64Array.of(5, 6), 2, true);
    expect([...a]).toEqual([1, 2, 3]);
    expect([...b]).toEqual([5, 6]);
    expect(a.buffer).toBe(b.buffer);
    expect(b.byteOffset).toBe(a.byteOffset + a.byteLength);
    // The first block is small (a small file takes little), later ones up to BLOCK_BYTES.
    expect(a.buffer.byteLength).toBeLessThan(BLOCK_BYTES);
    const large = new Float64Array(BLOCK_BYTES / 8);
    expect(store.float64(large, large.length, true)).toBe(large);
    expect(store.float64(large, large.length, false)).not.toBe(large);
    expect(store.float64(large, 40_000, true).buffer.byteLength).toBe(320_000);
    const codes = store.int32(5);
    expect(codes).toEqual(new Int32Array(5));
  });
});

describe('HeaderWidthCheck', () => {
  it('counts fields as papaparse does, in any chunking', () => {
    const header = `a,"b,c","d""e,f",g"h,i\r\n1,2`;
    const fields = readCsvText(`${header},3,4,5\n`, { fileName: 'x.csv' }).columns.length;
    expect(fields).toBe(5);
    for (let cut = 0; cut <= header.length; cut++) {
      // One fewer field than the limit plus these five passes; the count is the same however
      // the text is split.
      const check = new HeaderWidthCheck(',', 'x.csv');
      const prefix = 'x,'.repeat(MAX_COLUMNS - 5);
      const text = prefix + header;
      const at = prefix.length + cut;
      const done = check.feed(text.slice(0, at)) || check.feed(text.slice(at));
      expect(done).toBe(true);
      const over = new HeaderWidthCheck(',', 'x.csv');
      const more = `y,${text}`;
      expect(() => over.feed(more.slice(0, at)) || over.feed(more.slice(at))).toThrow(
        /The header has 100001 columns/,
      );
    }
  });
});
