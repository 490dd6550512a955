/** The streaming reader's small parts: its plain-decimal test and --memory-limit's sizes. */
import { describe, expect, it } from 'vitest';
import {
  estimatedMemoryBytes,
  isPlainDecimal,
  parseMemorySize,
  sampleShape,
} from '../../../electron/services/streamingFit';
import { parseNumber } from '../../../shared/data/numberFormat';

describe('isPlainDecimal', () => {
  it('accepts exactly what parseNumber reads', () => {
    const cells = [
      ...['1', '-1', '+1', '1.', '.5', '-.5', '1.25', '00', '1e5', '1E-5', '-2.5e+10', '5.e3'],
      ...['', '.', '-', '+', 'e5', '1e', '1e+', '1.2.3', '0x10', '1_000', ' 1', '1 ', 'NaN'],
      ...['Infinity', '-inf', '1,5', '--1', '1e5.5', '١٢', '1d', '.e1', '+-1'],
    ];
    for (const cell of cells)
      expect(isPlainDecimal(cell), cell).toBe(parseNumber(cell) !== undefined);
  });
});

describe('parseMemorySize', () => {
  it('reads sizes in powers of 1024 and refuses anything else', () => {
    expect(parseMemorySize('4GB')).toBe(4 * 1024 ** 3);
    expect(parseMemorySize('512 MB')).toBe(512 * 1024 ** 2);
    expect(parseMemorySize('1kb')).toBe(1024);
    expect(parseMemorySize('2G')).toBe(2 * 1024 ** 3);
    expect(parseMemorySize('1.5GiB')).toBe(1.5 * 1024 ** 3);
    expect(parseMemorySize('1000')).toBe(1000);
    for (const bad of ['', 'lots', '4 GBs', '-1GB', '0', '4XB'])
      expect(parseMemorySize(bad), bad).toBeUndefined();
  });

  it('estimates the in-memory fit at about 3.2 bytes per byte of file without a sample', () => {
    expect(estimatedMemoryBytes(10 * 1024 ** 3)).toBeGreaterThan(4 * 1024 ** 3);
    expect(estimatedMemoryBytes(100 * 1024 ** 2)).toBeLessThan(4 * 1024 ** 3);
  });

  it("with the file shape, counts the columnar copies and CV's per-row, per-λ predictions", () => {
    // 1M rows of 10 columns, 89 bytes a row: 80 MB columnar.
    const shape = { bytesPerRow: 89, columns: 10 };
    const file = 89e6;
    expect(estimatedMemoryBytes(file, shape)).toBe(Math.ceil(6 * 80e6));
    // 5-fold CV on a 100-λ path: + 5 · 1.6 · columnar + 1.5 · rows · 100 · 8 bytes. Measured
    // on such a file: 2.1 GB above Node's own RSS; the estimate must not be below it.
    const cv = estimatedMemoryBytes(file, { ...shape, folds: 5, nlambda: 100 });
    expect(cv).toBe(Math.ceil(6 * 80e6 + 5 * 1.6 * 80e6 + 1.5 * 1e6 * 100 * 8));
    expect(cv).toBeGreaterThan(2.1e9);
    // Taller files cost more per byte with CV than wide ones of the same size.
    const wide = estimatedMemoryBytes(file, { bytesPerRow: 8900, columns: 1000, folds: 5 });
    expect(wide).toBeLessThan(cv);
  });

  it('samples bytes per row and columns from the first rows of a CSV, not from Parquet', () => {
    const text = 'y,a,b\n1.5,2,3\n10.25,20,30\n4,5,6\n';
    const shape = sampleShape(new TextEncoder().encode(text))!;
    expect(shape.columns).toBe(3);
    expect(shape.bytesPerRow).toBeCloseTo((text.length - 'y,a,b\n'.length) / 3, 12);
    expect(sampleShape(new TextEncoder().encode('y;a\n1;2\n3;4\n'))!.columns).toBe(2);
    expect(sampleShape(new TextEncoder().encode('y,a\n1,2\n'))).toBeUndefined();
    expect(sampleShape(new TextEncoder().encode('PAR1\n\n\n\n'))).toBeUndefined();
  });
});
