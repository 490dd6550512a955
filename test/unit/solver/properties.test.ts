/**
 * Properties that need no reference: KKT optimality at every λ, zero coefficients at
 * λ ≥ λ_max, one-pass warm refits, and finite output for awkward inputs (p > n, duplicated
 * and constant columns, wild scales).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fitPath, fitPathOnRows } from '../../../shared/solver';
import { selectRows } from '../../../shared/solver/design';
import { kktViolation, problemShapes, randomProblem } from '../../helpers/randomProblem';

const shapes = problemShapes(60, 90);
const settings = fc.record({
  alpha: fc.oneof(fc.constantFrom(0, 1, 0.5), fc.double({ min: 0, max: 1, noNaN: true })),
  standardize: fc.boolean(),
  intercept: fc.boolean(),
  updates: fc.constantFrom('naive' as const, 'covariance' as const),
});

describe('solver properties', () => {
  it('satisfies the KKT conditions at every λ of the path (p > n, duplicates, constants included)', () => {
    fc.assert(
      fc.property(shapes, settings, (shape, options) => {
        const { design, y } = randomProblem(shape);
        const fit = fitPath(design, y, { ...options, thresh: 1e-15, nlambda: 30 });
        const { convergedAt, warnings } = fit.diagnostics;
        // The default grid's first point is solved as λ = ∞ (glmnet); check from the second.
        for (let k = 1; k < fit.lambda.length; k++) {
          if (convergedAt[k]) {
            expect(kktViolation(design, y, fit, k).worst).toBeLessThan(1e-6);
          } else {
            // Near-singular points (as many nonzeros as rows) may exhaust the sweeps: say so.
            const notConverged = warnings.filter((w) => w.code === 'not-converged');
            expect(notConverged.map((w) => w.message).join('\n')).toContain(
              `value ${k + 1} of the path`,
            );
          }
        }
      }),
      { numRuns: 60, seed: 20261127 },
    );
  });

  it('gives every penalized coefficient 0 at λ ≥ λ_max, and not just below it', () => {
    fc.assert(
      fc.property(shapes, fc.double({ min: 0.001, max: 1, noNaN: true }), (shape, alpha) => {
        const { design, y } = randomProblem({ ...shape, constants: 0 });
        const first = fitPath(design, y, { alpha, nlambda: 5 });
        const lambdaMax = first.diagnostics.lambdaMax;
        expect(first.lambda[0]).toBeCloseTo(lambdaMax, 12);
        const fit = fitPath(design, y, {
          alpha,
          lambda: [lambdaMax * 4, lambdaMax * (1 + 1e-9), lambdaMax * 0.9],
        });
        expect(fit.beta[0]!.every((b) => b === 0)).toBe(true);
        expect(fit.beta[1]!.every((b) => b === 0)).toBe(true);
        expect(fit.df[2]).toBeGreaterThan(0);
      }),
      { numRuns: 50, seed: 7 },
    );
  });

  it('converges in one pass when refitted at the same λ from its own solution', () => {
    fc.assert(
      fc.property(
        shapes,
        settings,
        fc.double({ min: 0.02, max: 0.9, noNaN: true }),
        (shape, options, f) => {
          const { design, y } = randomProblem(shape);
          const lambdaMax = fitPath(design, y, { ...options, nlambda: 2 }).diagnostics.lambdaMax;
          const lambda = lambdaMax * f;
          const fit = fitPath(design, y, { ...options, lambda: [lambda, lambda], thresh: 1e-14 });
          fc.pre(fit.diagnostics.convergedAt[0] === true);
          expect(fit.diagnostics.passes[1]).toBe(1);
          const { xScale, yScale } = fit.standardization;
          fit.beta[0]!.forEach((b, j) => {
            // Compare on the standardized scale, where thresh bounds each step.
            expect((Math.abs(fit.beta[1]![j]! - b) * xScale[j]!) / yScale).toBeLessThan(1e-6);
          });
        },
      ),
      { numRuns: 60, seed: 11 },
    );
  });

  it('never returns NaN or Infinity, and warns about constant columns', () => {
    fc.assert(
      fc.property(shapes, settings, (shape, options) => {
        const { design, y } = randomProblem(shape);
        const fit = fitPath(design, y, { ...options, nlambda: 20 });
        const numbers = [fit.lambda, fit.a0, fit.devRatio, ...fit.beta].flat();
        expect(numbers.every(Number.isFinite)).toBe(true);
        if (fit.diagnostics.constantColumns.length > 0) {
          expect(fit.diagnostics.warnings.map((w) => w.code)).toContain('constant-column');
          for (const j of fit.diagnostics.constantColumns) {
            expect(fit.beta.every((b) => b[j] === 0)).toBe(true);
          }
        }
      }),
      { numRuns: 60, seed: 3 },
    );
  });
});

describe('solver input checks', () => {
  it('name the column and row of a non-finite value; fit columns whose sums overflow', () => {
    const { design, y } = randomProblem({ seed: 1, n: 10, p: 4 });
    const values = design.values.slice();
    values[2 * 10 + 6] = Number.NaN;
    expect(() => fitPath({ ...design, values }, y)).toThrow(
      'Column 3 has a missing or infinite value at row 7.',
    );
    const huge = design.values.slice();
    huge.fill(1.5e308, 10, 20);
    huge[15] = 1e300;
    // Standardized, a column near the largest double is fitted like any other (overflow.test.ts)…
    const path = fitPath({ ...design, values: huge }, y);
    expect(
      path.lambda.every(Number.isFinite) && Number.isFinite(path.standardization.xSd[1]!),
    ).toBe(true);
    // …but not on its own scale, where its squares overflow.
    expect(() => fitPath({ ...design, values: huge }, y, { standardize: false })).toThrow(
      /Column 2 has values too large to fit without standardization/,
    );
  });

  it('give the same path on a reused workspace as on a fresh one', () => {
    const big = randomProblem({ seed: 2, n: 40, p: 30, constants: 2 });
    const small = randomProblem({ seed: 3, n: 20, p: 10, constants: 1 });
    const first = fitPath(big.design, big.y);
    fitPath(small.design, small.y); // reuses the big workspace, leaving other values in it
    expect(fitPath(big.design, big.y)).toMatchObject({ beta: first.beta, a0: first.a0 });
    expect(fitPath(small.design, small.y).beta).toEqual(fitPath(small.design, small.y).beta);
  });
});

describe('fitting a subset of rows in place', () => {
  it('equals fitting a copy of those rows, bit for bit', () => {
    fc.assert(
      fc.property(
        shapes,
        settings,
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (shape, options, pick) => {
          const { design, y } = randomProblem(shape);
          const rows = Int32Array.from(
            Array.from({ length: design.n }, (_, i) => i).filter((i) => (i * 7 + pick) % 5 !== 0),
          );
          fc.pre(rows.length >= 3);
          const inPlace = fitPathOnRows(design, y, rows, { ...options, nlambda: 20 });
          const copied = fitPath(
            selectRows(design, rows),
            Float64Array.from(rows, (i) => y[i]!),
            { ...options, nlambda: 20 },
          );
          expect(inPlace.lambda).toEqual(copied.lambda);
          expect(inPlace.beta).toEqual(copied.beta);
          expect(inPlace.a0).toEqual(copied.a0);
        },
      ),
      { numRuns: 40, seed: 17 },
    );
  });

  it('names the data row of a non-finite value', () => {
    const { design, y } = randomProblem({ seed: 4, n: 10, p: 3 });
    const values = design.values.slice();
    values[10 + 8] = Number.POSITIVE_INFINITY;
    expect(() => fitPathOnRows({ ...design, values }, y, Int32Array.of(0, 2, 8, 9))).toThrow(
      'Column 2 has a missing or infinite value at row 9.',
    );
  });
});
