/**
 * Naive mode skips the KKT dot products a Cauchy–Schwarz bound clears (gradientReference.ts).
 * The bound is only a shortcut: the path must be bit-identical to computing every gradient,
 * and on a p ≫ n problem it must actually skip most of them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitPath } from '../../../shared/solver';
import { problemShapes, randomProblem } from '../../helpers/randomProblem';

describe('KKT checks with safe bounds', () => {
  it('give exactly the path of the full check (p > n, penalty factors, scales, no intercept)', () => {
    let skippedInAll = 0;
    fc.assert(
      fc.property(
        problemShapes(50, 300),
        fc.record({
          alpha: fc.oneof(
            fc.constantFrom(1, 0.5, 0.05),
            fc.double({ min: 0.01, max: 1, noNaN: true }),
          ),
          standardize: fc.boolean(),
          intercept: fc.boolean(),
          unpenalized: fc.boolean(),
        }),
        (shape, { unpenalized, ...options }) => {
          const { design, y } = randomProblem(shape);
          const penaltyFactor = Array.from({ length: shape.p }, (_, j) =>
            unpenalized && j === 0 ? 0 : 1 + (j % 3),
          );
          const common = { ...options, penaltyFactor, updates: 'naive' as const };
          const full = fitPath(design, y, { ...common, kktScreening: 'full' });
          const bounded = fitPath(design, y, { ...common, kktScreening: 'bounds' });
          expect(bounded.lambda).toEqual(full.lambda);
          expect(bounded.beta).toEqual(full.beta);
          expect(bounded.a0).toEqual(full.a0);
          expect(bounded.diagnostics.sweeps).toEqual(full.diagnostics.sweeps);
          expect(full.diagnostics.gradientDotProducts.skipped).toBe(0);
          skippedInAll += bounded.diagnostics.gradientDotProducts.skipped;
        },
      ),
      { numRuns: 150, seed: 20261127 },
    );
    expect(skippedInAll).toBeGreaterThan(0); // the comparison exercised the shortcut
  });

  it('skip most dot products on a p ≫ n lasso path, with the same result', () => {
    const { design, y } = randomProblem({ seed: 5, n: 120, p: 4000 });
    const full = fitPath(design, y, { kktScreening: 'full' });
    const bounded = fitPath(design, y);
    expect(bounded.beta).toEqual(full.beta);
    const { computed, skipped } = bounded.diagnostics.gradientDotProducts;
    expect(skipped).toBeGreaterThan(computed);
    // Some skipped columns are computed later by the strong rule, so computed + skipped may
    // exceed the full count; what matters is the work done.
    expect(computed).toBeLessThan(full.diagnostics.gradientDotProducts.computed / 2);
  });

  it('give exactly the path of the full check with observation weights (zeros included)', () => {
    fc.assert(
      fc.property(
        problemShapes(50, 200),
        fc.constantFrom(1, 0.5),
        fc.integer({ min: 0, max: 1000 }),
        (shape, alpha, salt) => {
          const { design, y } = randomProblem(shape);
          const weights = Float64Array.from({ length: design.n }, (_, i) =>
            i < 3 ? 1 : ((i * 7 + salt) % 5) * 0.4,
          );
          const common = { alpha, weights, updates: 'naive' as const };
          const full = fitPath(design, y, { ...common, kktScreening: 'full' });
          const bounded = fitPath(design, y, { ...common, kktScreening: 'bounds' });
          expect(bounded.lambda).toEqual(full.lambda);
          expect(bounded.beta).toEqual(full.beta);
          expect(bounded.diagnostics.sweeps).toEqual(full.diagnostics.sweeps);
        },
      ),
      { numRuns: 60, seed: 4 },
    );
  });

  it('leave covariance mode alone (its gradients are always current)', () => {
    const { design, y } = randomProblem({ seed: 9, n: 200, p: 30 });
    const fit = fitPath(design, y, { updates: 'covariance' });
    expect(fit.diagnostics.gradientDotProducts).toEqual({ computed: 0, skipped: 0 });
  });
});
