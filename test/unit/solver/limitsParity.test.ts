/**
 * Coefficient bounds (glmnet's lower.limits / upper.limits) and λ off the grid, against R
 * glmnet at thresh 1e-14 (test/fixtures/generate/limits.R). Bounds: β and a0 to
 * 1e-6·max(1, max|β|) at every λ of glmnet's default grid, which the bounds do not change, for
 * gaussian (both update strategies) and binomial. Off the grid: predict.glmnet's interpolation
 * to 1e-10, and its exact = TRUE refit (the λ inserted into the sequence) to 1e-6.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitPath } from '../../../shared/solver';
import { coefficientsAt } from '../../../shared/solver/interpolate';
import { fixtureSetup, fixturesDir, maxScaledDifference } from '../../helpers/fixtures';

const TOLERANCE = 1e-6;

/** The fixture's bounds as the solver takes them: null (JSON's "none") is ±Infinity. */
function limitsOf(id: string) {
  const raw = JSON.parse(readFileSync(`${fixturesDir}glmnet/${id}.json`, 'utf8')) as {
    lower_limits: (number | null)[];
    upper_limits: (number | null)[];
  };
  return {
    lowerLimits: raw.lower_limits.map((v) => v ?? Number.NEGATIVE_INFINITY),
    upperLimits: raw.upper_limits.map((v) => v ?? Number.POSITIVE_INFINITY),
  };
}

const cases = [
  ['prostate-train-lasso-nonnegative', 'covariance'],
  ['prostate-train-lasso-nonnegative', 'naive'],
  ['diabetes-enet-0.5-bounds', 'covariance'],
  ['diabetes-enet-0.5-bounds', 'naive'],
  ['pima-train-binomial-lasso-bounds', 'auto'],
  ['quine-poisson-lasso-bounds', 'auto'],
] as const;

describe.each(cases)('coefficient bounds: %s (%s updates)', (id, updates) => {
  const { f, design, y, options } = fixtureSetup(id);
  const limits = limitsOf(id);
  const fit = fitPath(design, y, { ...options, ...limits, updates });

  it("follows glmnet's default grid and its early end (fdev = 0 with a zero bound)", () => {
    expect(fit.lambda).toHaveLength(f.path.lambda.length);
    fit.lambda.forEach((value, k) => {
      expect(Math.abs(value - f.path.lambda[k]!) / f.path.lambda[k]!).toBeLessThan(1e-10);
    });
  });

  it('matches β and a0 along the whole path', () => {
    expect(maxScaledDifference(fit.beta, f.path.beta)).toBeLessThan(TOLERANCE);
    expect(maxScaledDifference([fit.a0], [f.path.a0])).toBeLessThan(TOLERANCE);
    expect(fit.diagnostics.converged).toBe(true);
  });

  it('keeps every coefficient inside its bounds, and some at a bound', () => {
    let atBound = 0;
    for (const row of fit.beta) {
      row.forEach((b, j) => {
        expect(b).toBeGreaterThanOrEqual(limits.lowerLimits[j]!);
        expect(b).toBeLessThanOrEqual(limits.upperLimits[j]!);
        if (b !== 0 && (b === limits.lowerLimits[j] || b === limits.upperLimits[j])) atBound++;
      });
    }
    // The bounds bind: the unbounded path would cross them (prostate: lcp and age go negative).
    if (id !== 'prostate-train-lasso-nonnegative') expect(atBound).toBeGreaterThan(0);
  });
});

interface OffGrid {
  s: number[];
  interpolated: { a0: number; beta: number[] }[];
  exact: { a0: number; beta: number[] }[];
}

describe('λ off the grid (diabetes lasso)', () => {
  const { f, design, y, options } = fixtureSetup('diabetes-lasso-off-grid');
  const { s, interpolated, exact } = JSON.parse(
    readFileSync(`${fixturesDir}glmnet/diabetes-lasso-off-grid.json`, 'utf8'),
  ) as OffGrid;
  const fit = fitPath(design, y, options);

  it('the values are off the grid, inside it', () => {
    for (const value of s) {
      expect(fit.lambda).not.toContain(value);
      expect(value).toBeLessThan(fit.lambda[0]!);
      expect(value).toBeGreaterThan(fit.lambda.at(-1)!);
    }
    expect(fit.lambda).toHaveLength(f.path.lambda.length);
  });

  it('interpolates as predict.glmnet (to 1e-10)', () => {
    const at = coefficientsAt(fit.lambda, fit.a0, fit.beta, s);
    expect(
      maxScaledDifference(
        at.beta,
        interpolated.map((c) => c.beta),
      ),
    ).toBeLessThan(1e-10);
    expect(maxScaledDifference([at.a0], [interpolated.map((c) => c.a0)])).toBeLessThan(1e-10);
  });

  it('refits with the λ inserted into the sequence, as exact = TRUE (to 1e-6)', () => {
    const refit = fitPath(design, y, { ...options, lambda: [...fit.lambda, ...s] });
    // The path reports λ back on the original scale (λ̃·s_y), so look each value up to rounding.
    const at = s.map((value) => refit.lambda.findIndex((l) => Math.abs(l - value) < 1e-12 * value));
    expect(at.every((k) => k >= 0)).toBe(true);
    const beta = at.map((k) => refit.beta[k]!);
    expect(
      maxScaledDifference(
        beta,
        exact.map((c) => c.beta),
      ),
    ).toBeLessThan(TOLERANCE);
    expect(
      maxScaledDifference([at.map((k) => refit.a0[k]!)], [exact.map((c) => c.a0)]),
    ).toBeLessThan(TOLERANCE);
    // And it is not the interpolation: the lasso path between knots is linear only in exact
    // arithmetic of the same active set, so the two differ (visibly, on this grid).
    const interp = interpolated.map((c) => c.beta);
    expect(maxScaledDifference(beta, interp)).toBeGreaterThan(1e-9);
  });
});
