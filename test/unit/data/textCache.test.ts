/** The byte-keyed cache of a column's texts: every entry found by its bytes alone, never another's. */
import { describe, expect, it } from 'vitest';
import { NOT_CACHED, TextCache } from '../../../shared/data/textCache';

const bytesOf = (text: string) => new TextEncoder().encode(text);

describe('TextCache', () => {
  it('finds each of its entries by their bytes, wherever they sit, up to its capacity', () => {
    const cache = new TextCache(1000);
    // Texts that differ in a byte, in length, or only by order: the hash alone does not decide.
    const texts = Array.from({ length: 1200 }, (_, k) =>
      k % 3 === 0 ? `L${k}` : `${k}x`.padStart(k % 7, ' '),
    );
    const unique = [...new Set(texts)];
    unique.forEach((text, k) => {
      const padded = bytesOf(`,,${text};`); // the cell is a slice of a larger buffer
      expect(cache.lookup(padded, 2, 2 + text.length)).toBe(NOT_CACHED);
      cache.remember(padded, 2, 2 + text.length, k);
    });
    unique.forEach((text, k) => {
      expect(cache.lookup(bytesOf(text), 0, text.length)).toBe(k < 1000 ? k : NOT_CACHED);
    });
    expect(cache.lookup(bytesOf('L0 '), 0, 3)).toBe(NOT_CACHED);
    expect(cache.lookup(bytesOf(''), 0, 0)).toBe(NOT_CACHED);
  });

  it('keeps the empty cell and a missing outcome, and leaves out long free text', () => {
    const cache = new TextCache(10);
    cache.add(bytesOf(''), 0, 0, -1);
    expect(cache.lookup(bytesOf('x'), 0, 0)).toBe(-1);
    const long = 'a'.repeat(65);
    cache.add(bytesOf(long), 0, long.length, 3);
    expect(cache.lookup(bytesOf(long), 0, long.length)).toBe(NOT_CACHED);
  });
});
