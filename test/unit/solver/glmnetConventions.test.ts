/**
 * glmnet's conventions beyond the default fit, against R glmnet 4.1.6 fixtures written by
 * test/fixtures/generate/conventions.R: the early path stop turned off
 * (glmnet.control(fdev = 0, devmax = 1)) for gaussian, binomial and Poisson, and cv.glmnet's
 * grouped = FALSE, both enforced (folds averaging under 3 rows) and asked for.
 */
import { describe, expect, it } from 'vitest';
import { fitPath } from '../../../shared/solver';
import { cvIsGrouped, fitFold, summarizeCv } from '../../../shared/solver/cv';
import type { CvMeasure, FamilyName } from '../../../shared/solver/family';
import { fixtureProblem, loadFixture, maxScaledDifference } from '../../helpers/fixtures';

const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

function setup(id: string) {
  const f = loadFixture(id);
  const problem = fixtureProblem(f);
  const options = {
    family: (f.family ?? 'gaussian') as FamilyName,
    alpha: f.alpha,
    standardize: f.standardize,
    intercept: f.intercept,
    penaltyFactor: f.penalty_factor,
    thresh: 1e-14,
    maxIter: 1_000_000,
  };
  return { f, ...problem, options };
}

describe.each([
  ['diabetes-lasso', 86],
  ['pima-train-binomial-lasso', 62],
  ['quine-poisson-lasso', 59],
])('the early path stop, %s', (id, stoppedAt) => {
  it('fits every grid value with the stop off, as glmnet.control(fdev = 0, devmax = 1)', () => {
    const { f, design, y, options } = setup(`${id}-no-path-stop`);
    const fit = fitPath(design, y, { ...options, pathStop: false });
    expect(fit.lambda).toHaveLength(f.path.lambda.length);
    expect(fit.lambda).toHaveLength(100);
    fit.lambda.forEach((lambda, k) => {
      expect(relative(lambda, f.path.lambda[k]!)).toBeLessThan(1e-10);
    });
    expect(maxScaledDifference(fit.beta, f.path.beta)).toBeLessThan(1e-6);
    expect(maxScaledDifference([fit.a0], [f.path.a0])).toBeLessThan(1e-6);
    expect(fit.diagnostics.pathStop).toBeNull();
  });

  it('records where and why the default path ended early', () => {
    const { design, y, options } = setup(id);
    const fit = fitPath(design, y, options);
    expect(fit.lambda).toHaveLength(stoppedAt);
    expect(fit.diagnostics.pathStop).toEqual({
      fitted: stoppedAt,
      requested: 100,
      reason: 'small-gain',
    });
  });
});

describe.each([
  // 47 rows in 20 folds: cv.glmnet enforces grouped = FALSE (asked for TRUE).
  'swiss-lasso-20-folds',
  // Asked for, gaussian and binomial.
  'swiss-lasso-ungrouped',
  'pima-binomial-lasso-ungrouped',
])("cv.glmnet's grouped = FALSE, %s", (id) => {
  it('gives its cvm, cvsd, λ_min and λ_1se', () => {
    const { f, design, y, options } = setup(id);
    const cv = f.cv! as NonNullable<typeof f.cv> & { grouped: boolean };
    const full = fitPath(design, y, options);
    expect(full.lambda).toHaveLength(cv.lambda.length);
    const foldid = Int32Array.from(cv.foldid, (k) => k - 1);
    const folds = Array.from({ length: cv.nfolds }, (_, k) =>
      fitFold(design, y, foldid, k, options, full.lambda),
    );
    const measure = cv.type_measure as CvMeasure;
    const summary = summarizeCv(y, folds, full.lambda, full.df, design.p, measure, {
      family: options.family,
      grouped: cv.grouped,
    });
    expect(summary.grouped).toBe(false);
    for (let l = 0; l < summary.cvm.length; l++) {
      expect(relative(summary.cvm[l]!, cv.cvm[l]!)).toBeLessThan(1e-6);
      expect(relative(summary.cvsd[l]!, cv.cvsd[l]!)).toBeLessThan(1e-6);
    }
    expect(relative(summary.lambdaMin, cv.lambda_min)).toBeLessThan(1e-10);
    expect(relative(summary.lambda1se, cv.lambda_1se)).toBeLessThan(1e-10);
    // The folds' spread differs: grouped standard errors are not these.
    const asGrouped = summarizeCv(y, folds, full.lambda, full.df, design.p, measure, {
      family: options.family,
      grouped: true,
    });
    if (cv.grouped === false) {
      expect(asGrouped.grouped).toBe(true);
      expect(relative(asGrouped.cvsd[10]!, cv.cvsd[10]!)).toBeGreaterThan(1e-3);
    }
  });
});

describe('when cross-validation is grouped', () => {
  it("follows cv.glmnet's rule: under 3 rows per fold on average is ungrouped", () => {
    expect(cvIsGrouped(undefined, 47, 20, false)).toBe(false);
    expect(cvIsGrouped(true, 60, 20, false)).toBe(true);
    expect(cvIsGrouped(true, 59, 20, false)).toBe(false);
    expect(cvIsGrouped(false, 1000, 10, false)).toBe(false);
    // A fold-level measure (auc) is per fold whatever is asked.
    expect(cvIsGrouped(false, 1000, 10, true)).toBe(true);
  });
});
