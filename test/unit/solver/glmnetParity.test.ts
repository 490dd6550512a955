/**
 * Reference tests against R glmnet 4.1.6 (thresh 1e-14): coefficients, intercepts and the
 * default λ grid. Tolerance: 1e-7·max(1, max|β|) at every λ.
 */
import { describe, expect, it } from 'vitest';
import { allRows, fitPath, predictRows } from '../../../shared/solver';
import {
  fixtureProblem,
  loadFixture,
  maxScaledDifference,
  solverFixtureIds,
} from '../../helpers/fixtures';

const TOLERANCE = 1e-7;

describe.each(
  solverFixtureIds.flatMap((id) =>
    (['covariance', 'naive'] as const).map((updates) => [id, updates] as const),
  ),
)('glmnet parity: %s (%s updates)', (id, updates) => {
  const fixture = loadFixture(id);
  const { design, y, weights, offset } = fixtureProblem(fixture);
  const settings = {
    weights,
    offset,
    alpha: fixture.alpha,
    standardize: fixture.standardize,
    intercept: fixture.intercept,
    penaltyFactor: fixture.penalty_factor,
    thresh: 1e-14,
    updates,
  };

  it('uses the same rows', () => {
    expect(design.n).toBe(fixture.n);
  });

  it('matches β and a0 at the fixture λ sequence', () => {
    const fit = fitPath(design, y, { ...settings, lambda: fixture.path.lambda });
    expect(fit.lambda).toHaveLength(fixture.path.lambda.length);
    // glmnet solves the first point of its default grid as λ = ∞ (README); given the same
    // value explicitly, the true solution differs from 0 only for a ridge part.
    const from = fixture.alpha < 1 ? 1 : 0;
    expect(maxScaledDifference(fit.beta, fixture.path.beta, from)).toBeLessThan(TOLERANCE);
    expect(maxScaledDifference([fit.a0], [fixture.path.a0], from)).toBeLessThan(TOLERANCE);
    expect(fit.diagnostics.converged).toBe(true);
  });

  it('reproduces the default grid, its early end, and the whole path', () => {
    const fit = fitPath(design, y, settings);
    expect(fit.lambda).toHaveLength(fixture.path.lambda.length);
    fit.lambda.forEach((value, k) => {
      expect(Math.abs(value - fixture.path.lambda[k]!) / fixture.path.lambda[k]!).toBeLessThan(
        1e-10,
      );
    });
    expect(maxScaledDifference(fit.beta, fixture.path.beta)).toBeLessThan(TOLERANCE);
    expect(maxScaledDifference([fit.a0], [fixture.path.a0])).toBeLessThan(TOLERANCE);
    expect(fit.nulldev).toBeCloseTo(fixture.path.nulldev, 6);
    fit.devRatio.forEach((value, k) => {
      expect(Math.abs(value - fixture.path.dev_ratio[k]!)).toBeLessThan(1e-9);
    });
    // glmnet counts ridge's 1e-36 placeholders at λ = ∞ as nonzero; we report true zeros there.
    expect(fit.df.slice(1)).toEqual(fixture.path.df.slice(1));
    expect(fit.beta[0]!.every((b, j) => b === 0 || fixture.penalty_factor[j] === 0)).toBe(true);
  });

  // Fixtures with glmnet's own predictions (the weighted ones) check them too.
  if (fixture.predictions)
    it('predicts the rows glmnet predicted (offset included)', () => {
      const fit = fitPath(design, y, settings);
      const { rows, lambda_index: indices, response } = fixture.predictions!;
      const scale = Math.max(1, ...response.flat().map(Math.abs));
      indices.forEach((k, position) => {
        const predicted = predictRows(design, allRows(rows), [fit.a0[k]!], [fit.beta[k]!]);
        for (let r = 0; r < rows; r++) {
          const value = predicted[r]! + (offset ? offset[r]! : 0);
          expect(Math.abs(value - response[position]![r]!) / scale).toBeLessThan(TOLERANCE);
        }
      });
    });
});
