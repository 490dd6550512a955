/** The streaming reader's small parts: its plain-decimal test and --memory-limit's sizes. */
import { describe, expect, it } from 'vitest';
import {
  estimatedMemoryBytes,
  isPlainDecimal,
  parseMemorySize,
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

  it('estimates the in-memory fit at about 3.2 bytes per byte of file', () => {
    expect(estimatedMemoryBytes(10 * 1024 ** 3)).toBeGreaterThan(4 * 1024 ** 3);
    expect(estimatedMemoryBytes(100 * 1024 ** 2)).toBeLessThan(4 * 1024 ** 3);
  });
});
