/**
 * Observation weights and offsets (gaussian), by properties that need no reference: integer
 * weights are duplicated rows (path and CV), zero weights are dropped rows, an offset is fitting
 * y − offset; invalid weights are refused with a clear message. Parity with R's weighted fit is
 * in glmnetParity / cvParity (pima-gaussian-weights-enet-0.5).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allRows,
  familyByName,
  fitPath,
  fitPathOnRows,
  predictRows,
  SolverInputError,
} from '../../../shared/solver';
import { type FoldPreparation, fitFold, summarizeCv } from '../../../shared/solver/cv';
import { selectRows, selectValues } from '../../../shared/solver/design';
import { gaussian } from '../../../shared/solver/families/gaussian';
import type { DesignMatrix, PathResult } from '../../../shared/solver/types';
import { maxScaledDifference } from '../../helpers/fixtures';
import { randomProblem } from '../../helpers/randomProblem';

const shapes = fc.record({
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  n: fc.integer({ min: 12, max: 50 }),
  p: fc.integer({ min: 1, max: 10 }),
  constants: fc.integer({ min: 0, max: 1 }),
});
const settings = fc.record({
  alpha: fc.constantFrom(1, 0.5, 0.1),
  standardize: fc.boolean(),
  intercept: fc.boolean(),
  updates: fc.constantFrom('naive' as const, 'covariance' as const),
});

/** Each row i repeated counts[i] times (0: dropped), in order; also the source row of each. */
function repeatRows(counts: readonly number[]): Int32Array {
  const rows: number[] = [];
  counts.forEach((c, i) => {
    for (let k = 0; k < c; k++) rows.push(i);
  });
  return Int32Array.from(rows);
}

function expectSamePath(actual: PathResult, expected: PathResult, tolerance = 1e-8) {
  expect(actual.lambda).toHaveLength(expected.lambda.length);
  expect(maxScaledDifference(actual.beta, expected.beta)).toBeLessThan(tolerance);
  expect(maxScaledDifference([actual.a0], [expected.a0])).toBeLessThan(tolerance);
}

function expandedProblem(design: DesignMatrix, y: Float64Array, counts: readonly number[]) {
  const rows = repeatRows(counts);
  return { rows, design: selectRows(design, rows), y: selectValues(y, rows) };
}

describe('observation weights', () => {
  it('with integer values equal duplicating rows (default grid and explicit λ, both update modes)', () => {
    fc.assert(
      fc.property(
        shapes,
        settings,
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 50, maxLength: 50 }),
        (shape, options, counts) => {
          const { design, y } = randomProblem(shape);
          const weightList = counts.slice(0, design.n);
          const weights = Float64Array.from(weightList);
          const expanded = expandedProblem(design, y, weightList);
          const common = { ...options, thresh: 1e-15, nlambda: 20 };
          const duplicated = fitPath(expanded.design, expanded.y, common);
          const weighted = fitPath(design, y, { ...common, weights });
          expect(
            Math.abs(weighted.diagnostics.lambdaMax - duplicated.diagnostics.lambdaMax) /
              duplicated.diagnostics.lambdaMax,
          ).toBeLessThan(1e-12);
          expect(weighted.nulldev).toBeCloseTo(duplicated.nulldev, 8);
          const lambda = duplicated.lambda.slice(1);
          expectSamePath(
            fitPath(design, y, { ...common, weights, lambda }),
            fitPath(expanded.design, expanded.y, { ...common, lambda }),
          );
          expect(weighted.devRatio.length).toBe(duplicated.devRatio.length);
          weighted.devRatio.forEach((d, k) => {
            expect(Math.abs(d - duplicated.devRatio[k]!)).toBeLessThan(1e-9);
          });
        },
      ),
      { numRuns: 60, seed: 20261201 },
    );
  });

  it('with integer values give the CV curve of duplicated rows kept in one fold', () => {
    fc.assert(
      fc.property(
        shapes,
        settings,
        fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 50, maxLength: 50 }),
        (shape, options, counts) => {
          const { design, y } = randomProblem({ ...shape, constants: 0 });
          const weightList = counts.slice(0, design.n);
          const weights = Float64Array.from(weightList);
          const expanded = expandedProblem(design, y, weightList);
          const nfolds = 4;
          const foldid = Int32Array.from({ length: design.n }, (_, i) => i % nfolds);
          const expandedFoldid = Int32Array.from(expanded.rows, (i) => foldid[i]!);
          const common = { ...options, thresh: 1e-15, nlambda: 15 };
          const full = fitPath(design, y, { ...common, weights });
          const cv = (d: DesignMatrix, t: Float64Array, f: Int32Array, w?: Float64Array) => {
            const folds = Array.from({ length: nfolds }, (_, k) =>
              fitFold(d, t, f, k, { ...common, weights: w }, full.lambda),
            );
            return summarizeCv(t, folds, full.lambda, full.df, d.p, 'mse', { weights: w });
          };
          const weighted = cv(design, y, foldid, weights);
          const duplicated = cv(expanded.design, expanded.y, expandedFoldid);
          weighted.cvm.forEach((m, l) => {
            expect(Math.abs(m - duplicated.cvm[l]!) / duplicated.cvm[l]!).toBeLessThan(1e-7);
            expect(Math.abs(weighted.cvsd[l]! - duplicated.cvsd[l]!)).toBeLessThan(
              1e-7 * duplicated.cvm[l]!,
            );
          });
        },
      ),
      { numRuns: 30, seed: 5 },
    );
  });

  it('of 0 equal dropping those rows', () => {
    fc.assert(
      fc.property(
        shapes,
        settings,
        fc.array(fc.constantFrom(0, 0.5, 1, 2.5), { minLength: 50, maxLength: 50 }),
        (shape, options, pattern) => {
          const { design, y } = randomProblem(shape);
          const weights = Float64Array.from(pattern.slice(0, design.n));
          // Keep at least a handful of rows with positive weight.
          for (let i = 0; i < 4; i++) weights[i] ||= 1;
          const kept = Int32Array.from(
            Array.from({ length: design.n }, (_, i) => i).filter((i) => weights[i]! > 0),
          );
          const common = { ...options, thresh: 1e-15, nlambda: 20 };
          const dropped = fitPath(selectRows(design, kept), selectValues(y, kept), {
            ...common,
            weights: selectValues(weights, kept),
          });
          const lambda = dropped.lambda.slice(1);
          expectSamePath(
            fitPath(design, y, { ...common, weights, lambda }),
            fitPath(selectRows(design, kept), selectValues(y, kept), {
              ...common,
              weights: selectValues(weights, kept),
              lambda,
            }),
          );
          // Read in place with those rows, the same again.
          expectSamePath(fitPathOnRows(design, y, kept, { ...common, weights }), dropped, 1e-12);
        },
      ),
      { numRuns: 50, seed: 99 },
    );
  });

  it('that are all equal change nothing but rounding', () => {
    const { design, y } = randomProblem({ seed: 3, n: 40, p: 8 });
    const plain = fitPath(design, y, { alpha: 0.5, thresh: 1e-15 });
    const weighted = fitPath(design, y, {
      alpha: 0.5,
      thresh: 1e-15,
      weights: new Float64Array(40).fill(3.7),
    });
    expectSamePath(weighted, plain, 1e-10);
  });

  it('are refused unless finite, ≥ 0, one per row, with a positive sum', () => {
    const { design, y } = randomProblem({ seed: 1, n: 10, p: 3 });
    const weights = (values: number[]) => Float64Array.from(values);
    const ones = Array.from({ length: 10 }, () => 1);
    const cases: [Float64Array, RegExp][] = [
      [weights(ones.map((w, i) => (i === 3 ? Number.NaN : w))), /finite.*row 4 has NaN/],
      [weights(ones.map((w, i) => (i === 5 ? Infinity : w))), /finite.*row 6 has Infinity/],
      [weights(ones.map((w, i) => (i === 0 ? -0.5 : w))), /≥ 0; row 1 has -0.5/],
      [weights(ones.map(() => 0)), /sum to 0/],
      [weights(ones.slice(1)), /Expected 10 observation weights.*got 9/],
    ];
    for (const [w, message] of cases) {
      expect(() => fitPath(design, y, { weights: w })).toThrow(SolverInputError);
      expect(() => fitPath(design, y, { weights: w })).toThrow(message);
    }
    // Rows of positive weight all outside the rows a fold fits.
    const w = weights(ones.map((_, i) => (i < 5 ? 0 : 1)));
    expect(() => fitPathOnRows(design, y, Int32Array.of(0, 1, 2, 3), { weights: w })).toThrow(
      /weights of the rows fitted sum to 0/,
    );
    // The target constant where the weight is positive: nothing to model.
    const yConstant = Float64Array.from(y, (v, i) => (i < 5 ? v : 2));
    expect(() => fitPath(design, yConstant, { weights: w })).toThrow(/target is constant/);
  });
});

describe('the gaussian family contract', () => {
  it('agrees with the driver: null deviance, deviance ratio, start intercept', () => {
    fc.assert(
      fc.property(shapes, settings, (shape, options) => {
        const { design, y } = randomProblem({ ...shape, constants: 0 });
        const n = design.n;
        const weights = Float64Array.from({ length: n }, (_, i) => 0.25 + (i % 4));
        const offset = Float64Array.from({ length: n }, (_, i) => Math.cos(i));
        const fit = fitPath(design, y, { ...options, weights, offset, thresh: 1e-15, nlambda: 15 });
        const nulldev = gaussian.nullDeviance(y, weights, offset, options.intercept);
        expect(Math.abs(fit.nulldev - nulldev) / nulldev).toBeLessThan(1e-12);
        if (options.intercept) {
          // At λ = ∞ (no unpenalized columns) the intercept is the family's start.
          expect(fit.a0[0]).toBeCloseTo(gaussian.startIntercept(y, weights, offset), 10);
        }
        const rows = allRows(n);
        fit.a0.forEach((a0, k) => {
          const eta = predictRows(design, rows, [a0], [fit.beta[k]!]);
          const mu = Float64Array.from(eta, (v, i) => gaussian.inverseLink(v + offset[i]!));
          const ratio = 1 - gaussian.deviance(y, mu, weights) / nulldev;
          expect(Math.abs(ratio - fit.devRatio[k]!)).toBeLessThan(1e-9);
        });
      }),
      { numRuns: 40, seed: 21 },
    );
  });

  it('is the registry’s gaussian, and its CV fold value is the (weighted) mean loss', () => {
    expect(familyByName('gaussian')).toBe(gaussian);
    const y = Float64Array.of(1, 2, 3, 10);
    const mu = Float64Array.of(0, 0, 1, 2, 4, 0);
    const rows = Int32Array.of(1, 2, 3);
    // Predictions for rows 1, 2, 3 start at index 2: errors 1, 1, 6.
    expect(gaussian.cvFoldValue('mse', y, rows, mu, 2, null)).toBeCloseTo(38 / 3, 12);
    expect(gaussian.cvFoldValue('mae', y, rows, mu, 2, null)).toBeCloseTo(8 / 3, 12);
    const w = Float64Array.of(9, 1, 0, 3);
    expect(gaussian.cvFoldValue('mse', y, rows, mu, 2, w)).toBeCloseTo((1 + 108) / 4, 12);
    expect(gaussian.cvFoldValue('mse', y, Int32Array.of(2), mu, 2, w)).toBe(0);
    expect(gaussian.cvMaximizes('mse')).toBe(false);
    const { design, y: target } = randomProblem({ seed: 2, n: 10, p: 2 });
    expect(() => fitPath(design, target, { family: 'gamma' as 'gaussian' })).toThrow(
      "Unknown family 'gamma'; expected one of gaussian, binomial, poisson.",
    );
  });
});

describe('per-fold preparation', () => {
  it('carries the weights and offset of the rows it prepares', () => {
    const { design, y } = randomProblem({ seed: 12, n: 30, p: 5 });
    const weights = Float64Array.from({ length: 30 }, (_, i) => (i % 4) * 0.5);
    const offset = Float64Array.from({ length: 30 }, (_, i) => i / 10);
    const foldid = Int32Array.from({ length: 30 }, (_, i) => i % 3);
    const options = { alpha: 0.5, weights, offset, thresh: 1e-14 };
    const lambda = fitPath(design, y, options).lambda;
    const copyRows: FoldPreparation = (d, training, heldOut) => ({
      training: selectRows(d, training),
      heldOut: selectRows(d, heldOut),
    });
    for (let k = 0; k < 3; k++) {
      const inPlace = fitFold(design, y, foldid, k, options, lambda);
      const prepared = fitFold(design, y, foldid, k, options, lambda, copyRows);
      expect(Array.from(prepared.linkPredictions)).toEqual(Array.from(inPlace.linkPredictions));
    }
  });
});

describe('offsets (gaussian)', () => {
  it('equal fitting y − offset, and CV adds them back to the predictions', () => {
    fc.assert(
      fc.property(shapes, settings, fc.boolean(), (shape, options, weighted) => {
        const { design, y } = randomProblem(shape);
        const offset = Float64Array.from({ length: design.n }, (_, i) => Math.sin(i) * 3 + 1);
        const weights = weighted
          ? Float64Array.from({ length: design.n }, (_, i) => 0.5 + (i % 3))
          : undefined;
        const shifted = Float64Array.from(y, (v, i) => v - offset[i]!);
        const common = { ...options, nlambda: 20, weights };
        const withOffset = fitPath(design, y, { ...common, offset });
        const onShifted = fitPath(design, shifted, common);
        expect(withOffset.beta).toEqual(onShifted.beta);
        expect(withOffset.a0).toEqual(onShifted.a0);
        expect(withOffset.lambda).toEqual(onShifted.lambda);
        expect(withOffset.nulldev).toBe(onShifted.nulldev);
        const foldid = Int32Array.from({ length: design.n }, (_, i) => i % 3);
        const a = fitFold(design, y, foldid, 1, { ...common, offset }, withOffset.lambda);
        const b = fitFold(design, shifted, foldid, 1, common, withOffset.lambda);
        const m = a.heldOut.length;
        a.linkPredictions.forEach((value, k) => {
          const expected = b.linkPredictions[k]! + offset[a.heldOut[k % m]!]!;
          expect(Math.abs(value - expected)).toBeLessThan(1e-12 * Math.max(1, Math.abs(expected)));
        });
        const cvA = summarizeCv(y, [a], withOffset.lambda, withOffset.df, design.p, 'mae', {
          weights,
        });
        const cvB = summarizeCv(shifted, [b], withOffset.lambda, withOffset.df, design.p, 'mae', {
          weights,
        });
        cvA.cvm.forEach((value, l) => {
          expect(Math.abs(value - cvB.cvm[l]!)).toBeLessThan(1e-10 * Math.max(1, cvB.cvm[l]!));
        });
      }),
      { numRuns: 40, seed: 8 },
    );
  });

  it('are refused unless finite and one per row', () => {
    const { design, y } = randomProblem({ seed: 1, n: 10, p: 3 });
    const offset = new Float64Array(10);
    offset[7] = Number.NaN;
    expect(() => fitPath(design, y, { offset })).toThrow(
      'The offset has a missing or infinite value at row 8.',
    );
    expect(() => fitPath(design, y, { offset: new Float64Array(4) })).toThrow(
      /Expected 10 offset values/,
    );
  });
});
