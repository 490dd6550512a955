/**
 * Binomial and Poisson paths and cross-validation against R's glmnet 4.1.6 (thresh 1e-14,
 * epsnr 1e-14): the default grid, β and a0 at every λ (on glmnet's own grid and at the λ
 * sequence given explicitly), response-scale predictions, deviance ratios, and cv.glmnet's
 * cvm, cvsd, λ_min and λ_1se with the fixture's fold ids.
 */
import { describe, expect, it } from 'vitest';
import { fitPath } from '../../../shared/solver';
import { fitFold, summarizeCv } from '../../../shared/solver/cv';
import { predictRows } from '../../../shared/solver/design';
import { familyByName } from '../../../shared/solver/families';
import type { CvMeasure } from '../../../shared/solver/family';
import {
  fixtureSetup,
  glmFixtureIds,
  loadFixture,
  maxScaledDifference,
} from '../../helpers/fixtures';

const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

const setup = fixtureSetup;

describe.each(glmFixtureIds)('glmnet parity: %s', (id) => {
  it("computes glmnet's default grid, stopping where glmnet stops", () => {
    const { f, design, y, options } = setup(id);
    const fit = fitPath(design, y, options);
    expect(fit.lambda).toHaveLength(f.path.lambda.length);
    fit.lambda.forEach((value, k) => {
      expect(relative(value, f.path.lambda[k]!)).toBeLessThan(1e-10);
    });
    expect(fit.diagnostics.converged).toBe(true);
    expect(relative(fit.nulldev, f.path.nulldev)).toBeLessThan(1e-10);
    expect(maxScaledDifference(fit.beta, f.path.beta, 1)).toBeLessThan(1e-6);
    expect(
      maxScaledDifference(
        fit.a0.map((v) => [v]),
        f.path.a0.map((v) => [v]),
        1,
      ),
    ).toBeLessThan(1e-6);
    for (let k = 1; k < fit.devRatio.length; k++) {
      expect(Math.abs(fit.devRatio[k]! - f.path.dev_ratio[k]!)).toBeLessThan(1e-9);
    }
    // glmnet counts rounding-level coefficients (quine: −5e-17 on a one-hot level collinear
    // with the intercept) that the solver leaves at exactly 0 (irls.ts TIE_TOLERANCE).
    const meaningful = f.path.beta.map((row) => row.filter((v) => Math.abs(v) > 1e-12).length);
    expect(fit.df.slice(1)).toEqual(meaningful.slice(1));
  });

  it('gives the same coefficients and predictions at the λ sequence given explicitly', () => {
    const { f, design, y, options, offset } = setup(id);
    const fit = fitPath(design, y, { ...options, lambda: f.path.lambda });
    expect(fit.lambda).toHaveLength(f.path.lambda.length);
    expect(maxScaledDifference(fit.beta, f.path.beta, 1)).toBeLessThan(1e-6);
    const { rows, lambda_index, response } = f.predictions!;
    const family = familyByName(options.family);
    const first = Int32Array.from({ length: rows }, (_, i) => i);
    const eta = predictRows(
      design,
      first,
      lambda_index.map((k) => fit.a0[k]!),
      lambda_index.map((k) => fit.beta[k]!),
    );
    lambda_index.forEach((_, l) => {
      for (let i = 0; i < rows; i++) {
        const mu = family.inverseLink(eta[l * rows + i]! + (offset ? offset[i]! : 0));
        expect(Math.abs(mu - response[l]![i]!)).toBeLessThan(1e-6);
      }
    });
  });

  it.runIf(loadFixture(id).cv)("reproduces cv.glmnet's summary with the fixture's fold ids", () => {
    const { f, design, y, options, weights } = setup(id);
    const cv = f.cv!;
    const full = fitPath(design, y, options);
    const foldid = Int32Array.from(cv.foldid, (k) => k - 1);
    const folds = Array.from({ length: cv.nfolds }, (_, k) =>
      fitFold(design, y, foldid, k, options, full.lambda),
    );
    const measure = cv.type_measure as CvMeasure;
    const summary = summarizeCv(y, folds, full.lambda, full.df, design.p, measure, {
      family: options.family,
      weights,
    });
    // R's auc() breaks tied predictions at random, ours counts a tie as 1/2: the two agree
    // exactly where a fold's held-out predictions are untied, as they are in these fixtures.
    for (let l = 0; l < summary.cvm.length; l++) {
      expect(relative(summary.cvm[l]!, cv.cvm[l]!)).toBeLessThan(1e-5);
      expect(relative(summary.cvsd[l]!, cv.cvsd[l]!)).toBeLessThan(1e-5);
    }
    expect(relative(summary.lambdaMin, cv.lambda_min)).toBeLessThan(1e-5);
    expect(relative(summary.lambda1se, cv.lambda_1se)).toBeLessThan(1e-5);
  });
});
