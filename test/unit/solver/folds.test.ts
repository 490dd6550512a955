import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chooseLambdas, foldsFromLabels, randomFolds } from '../../../shared/solver/cv';
import { coefficientsAt } from '../../../shared/solver/interpolate';
import { mulberry32 } from '../../../shared/solver/random';

describe('fold assignment', () => {
  it('partitions the rows into K nonempty folds whose sizes differ by at most one', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 500 }),
        fc.integer({ min: 2, max: 20 }),
        fc.nat(),
        (n, k, seed) => {
          fc.pre(k <= n);
          const foldid = randomFolds(n, k, seed);
          expect(foldid).toHaveLength(n);
          const sizes = new Array<number>(k).fill(0);
          for (const f of foldid) {
            expect(Number.isInteger(f) && f >= 0 && f < k).toBe(true);
            sizes[f]!++;
          }
          expect(Math.min(...sizes)).toBeGreaterThanOrEqual(1);
          expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: 200, seed: 5 },
    );
  });

  it('gives the same folds for the same seed, and different folds for another seed', () => {
    expect(randomFolds(200, 10, 42)).toEqual(randomFolds(200, 10, 42));
    expect(randomFolds(200, 10, 42)).not.toEqual(randomFolds(200, 10, 43));
  });

  it('is pinned across platforms: mulberry32 and the fold deal are exact integer arithmetic', () => {
    const random = mulberry32(1);
    expect([random(), random(), random()].map((u) => Math.round(u * 2 ** 32))).toEqual([
      // Checked against an independent Python implementation of mulberry32.
      2693262067, 11749833, 2265367787,
    ]);
    expect(Array.from(randomFolds(12, 3, 2026))).toMatchInlineSnapshot(`
      [
        2,
        1,
        1,
        1,
        2,
        2,
        0,
        0,
        1,
        0,
        0,
        2,
      ]
    `);
  });

  it('maps a fold-id column to folds by its sorted distinct values', () => {
    expect(foldsFromLabels([3, 1, 2, 1, 3])).toEqual({
      foldid: Int32Array.from([2, 0, 1, 0, 2]),
      nfolds: 3,
      values: [1, 2, 3],
    });
    expect(foldsFromLabels(['b', 'a', 'b']).foldid).toEqual(Int32Array.from([1, 0, 1]));
  });
});

describe('choosing λ from the CV curve', () => {
  it('takes the largest λ at the minimum and the largest within one SE of it', () => {
    const cvm = [10, 6, 5, 4, 4, 4.5];
    // min 4 at index 3 (the larger λ of the tie); bound 4 + 1.2 = 5.2 admits index 2 (5), not 1 (6).
    expect(chooseLambdas(cvm, [1, 1, 1, 1.2, 0.7, 1])).toEqual({ indexMin: 3, index1se: 2 });
    // A smaller SE keeps λ_1se at λ_min.
    expect(chooseLambdas(cvm, [1, 1, 1, 0.5, 0.7, 1])).toEqual({ indexMin: 3, index1se: 3 });
  });
});

describe('coefficients between path points', () => {
  const lambda = [4, 2, 1];
  const a0 = [0, 1, 3];
  const beta = [[0], [2], [6]];
  it('interpolates linearly in λ and clamps at the ends', () => {
    const at = coefficientsAt(lambda, a0, beta, [5, 4, 3, 2, 1.5, 1, 0.5]);
    expect(at.beta.map((b) => b[0])).toEqual([0, 0, 1, 2, 4, 6, 6]);
    expect(at.a0).toEqual([0, 0, 0.5, 1, 2, 3, 3]);
  });
});
