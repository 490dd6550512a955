/**
 * A path's coefficients cross the thread boundary packed in one Float64Array
 * (electron/workers/shared.ts): unpacked, they are the arrays that were packed, bit for bit.
 */
import { describe, expect, it } from 'vitest';
import { packCoefficients, unpackCoefficients } from '../../../electron/workers/shared';

describe('packed coefficients', () => {
  it('unpack to the arrays packed, -0 and all, of any shape', () => {
    for (const beta of [
      [],
      [[]],
      [
        [0, -0, 1.5, -2e-300],
        [Number.MAX_VALUE, 5e-324, 0, 3],
        [1, 2, 3, 4],
      ],
    ]) {
      const back = unpackCoefficients(packCoefficients(beta));
      expect(back).toHaveLength(beta.length);
      back.forEach((row, k) => {
        expect(row).toHaveLength(beta[k]!.length);
        for (const [j, v] of row.entries()) expect(Object.is(v, beta[k]![j])).toBe(true);
        expect(Array.isArray(row)).toBe(true);
      });
    }
  });

  it('refuses rows of different lengths rather than misplace coefficients', () => {
    expect(() => packCoefficients([[1, 2], [3]])).toThrow(/different lengths/);
  });
});
