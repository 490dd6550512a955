/**
 * glmnet's conventions beyond the default fit, against R glmnet 4.1.6 fixtures written by
 * test/fixtures/generate/conventions.R: the early path stop turned off
 * (glmnet.control(fdev = 0, devmax = 1)) for gaussian, binomial and Poisson, and cv.glmnet's
 * grouped = FALSE, both enforced (folds averaging under 3 rows) and asked for.
 */
import { describe, expect, it } from 'vitest';
import { fitPath } from '../../../shared/solver';
import { cvIsGrouped, fitFold, summarizeCv } from '../../../shared/solver/cv';
import type { CvMeasure } from '../../../shared/solver/family';
import { fixtureSetup, loadFixture, maxScaledDifference } from '../../helpers/fixtures';

const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

const setup = fixtureSetup;

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

describe.each([
  // [fixture, whether the fit on all rows runs out too (else only folds do)]
  ['uscrime-lasso-no-intercept-maxit', true],
  ['uscrime-lasso-no-intercept-maxit-folds', false],
  ['uscrime-lasso-no-intercept-maxit-2000', true],
] as const)("glmnet's maxit, a cap on the passes over the whole path: %s", (id, fullRunsOut) => {
  const load = () => {
    const { f, design, y, options } = setup(id);
    const fixture = f as typeof f & { maxit: number; warnings: string[] };
    return {
      f: fixture,
      design,
      y,
      options: { ...options, thresh: f.thresh, maxIter: fixture.maxit },
    };
  };

  it('ends the path where glmnet does, with the values before it and a warning', () => {
    const { f, design, y, options } = load();
    const fit = fitPath(design, y, options);
    expect(fit.lambda).toHaveLength(f.path.lambda.length);
    fit.lambda.forEach((lambda, k) => {
      expect(relative(lambda, f.path.lambda[k]!)).toBeLessThan(1e-10);
    });
    expect(maxScaledDifference(fit.beta, f.path.beta)).toBeLessThan(1e-6);
    const ranOut = fit.diagnostics.warnings.filter((w) => w.code === 'max-iter-reached');
    expect(ranOut).toHaveLength(fullRunsOut ? 1 : 0);
    if (fullRunsOut) {
      expect(fit.lambda.length).toBeLessThan(100);
      expect(ranOut[0]!.message).toContain(`after ${f.path.lambda.length} λ values`);
    }
    // The passes made stay within the cap, as glmnet's nlp.
    const passes = fit.diagnostics.sweeps.reduce((a, b) => a + b, 0);
    expect(passes).toBeLessThanOrEqual(options.maxIter);
    expect(fit.diagnostics.converged).toBe(true);
  });

  // At thresh 1e-14 the last λ before the cap takes over 10 000 passes at rounding level, and
  // one fold of this fixture runs out one λ before glmnet's: its curve is checked at 1e-12.
  it.skipIf(id === 'uscrime-lasso-no-intercept-maxit')(
    "gives cv.glmnet's curve when the folds' paths end early too",
    () => {
      const { f, design, y, options } = load();
      const cv = f.cv!;
      const full = fitPath(design, y, options);
      const foldid = Int32Array.from(cv.foldid, (k) => k - 1);
      const folds = Array.from({ length: cv.nfolds }, (_, k) =>
        fitFold(design, y, foldid, k, options, full.lambda),
      );
      const summary = summarizeCv(y, folds, full.lambda, full.df, design.p, 'mse', {});
      expect(summary.cvm).toHaveLength(cv.cvm.length);
      for (let l = 0; l < summary.cvm.length; l++) {
        expect(relative(summary.cvm[l]!, cv.cvm[l]!)).toBeLessThan(1e-6);
        expect(relative(summary.cvsd[l]!, cv.cvsd[l]!)).toBeLessThan(1e-6);
      }
      expect(relative(summary.lambdaMin, cv.lambda_min)).toBeLessThan(1e-10);
      expect(folds.some((fold) => fold.warnings.some((w) => w.code === 'max-iter-reached'))).toBe(
        true,
      );
    },
  );

  it('keeps the old per-λ cap as its own option: approximate values, and the path goes on', () => {
    const { design, y, options } = load();
    const fit = fitPath(design, y, {
      ...options,
      maxIter: Number.MAX_SAFE_INTEGER,
      maxIterPerLambda: 50,
    });
    const uncapped = fitPath(design, y, { ...options, maxIter: Number.MAX_SAFE_INTEGER });
    expect(fit.lambda.length).toBeGreaterThan(90);
    expect(fit.diagnostics.converged).toBe(false);
    expect(fit.diagnostics.warnings.some((w) => w.code === 'not-converged')).toBe(true);
    expect(fit.diagnostics.warnings.some((w) => w.code === 'max-iter-reached')).toBe(false);
    // A λ stops at the first unconverged pass at or past the cap (a converged pass that lets
    // KKT violators in is followed by one more).
    expect(Math.max(...fit.diagnostics.sweeps)).toBeLessThanOrEqual(51);
    expect(Math.max(...uncapped.diagnostics.sweeps)).toBeGreaterThan(1000);
  });
});

const full0 = (id: string) => loadFixture(id).path.lambda[0]!;

describe.each(['pima-train-binomial-lasso', 'quine-poisson-lasso', 'diabetes-lasso'])(
  'a path maxit ends, %s',
  (id) => {
    it('is the first values of the uncapped path, exactly, with the warning', () => {
      const { design, y, options } = setup(id);
      const full = fitPath(design, y, options);
      const total = full.diagnostics.sweeps.reduce((a, b) => a + b, 0);
      const capped = fitPath(design, y, { ...options, maxIter: Math.floor(total / 2) });
      const kept = capped.lambda.length;
      expect(kept).toBeGreaterThan(1);
      expect(kept).toBeLessThan(full.lambda.length);
      expect(capped.lambda).toEqual(full.lambda.slice(0, kept));
      expect(capped.beta).toEqual(full.beta.slice(0, kept));
      expect(capped.diagnostics.warnings.map((w) => w.code)).toContain('max-iter-reached');
      // Every value kept converged; only the one that ran out is left out.
      expect(capped.diagnostics.converged).toBe(true);
    });

    it('refuses a fit that cannot solve even its first λ within the cap', () => {
      const { design, y, options } = setup(id);
      // A small λ given explicitly: its first solve needs many passes.
      const hard = { lambda: [full0(id) * 1e-3] };
      expect(() => fitPath(design, y, { ...options, ...hard, maxIter: 1 })).toThrow(
        /did not converge at its first λ within 1 coordinate pass over the whole path/,
      );
    });
  },
);

describe.each(['diabetes-lasso-penalty-inf', 'pima-train-binomial-lasso-penalty-inf'])(
  "penalty.factor = Inf, glmnet's exclude: %s",
  (id) => {
    it('keeps the column at 0, rescales the others as glmnet, and gives its path', () => {
      const { f, design, y, options } = setup(id);
      const factors = (f.penalty_factor as unknown as string[]).map((v) =>
        v === 'Inf' ? Number.POSITIVE_INFINITY : Number(v),
      );
      expect(factors[1]).toBe(Number.POSITIVE_INFINITY);
      const fit = fitPath(design, y, { ...options, penaltyFactor: factors });
      expect(fit.lambda).toHaveLength(f.path.lambda.length);
      fit.lambda.forEach((lambda, k) => {
        expect(relative(lambda, f.path.lambda[k]!)).toBeLessThan(1e-10);
      });
      expect(maxScaledDifference(fit.beta, f.path.beta)).toBeLessThan(1e-6);
      expect(fit.beta.every((beta) => beta[1] === 0)).toBe(true);
      // Excluded is not constant: no warning about it.
      expect(fit.diagnostics.warnings.map((w) => w.code)).not.toContain('constant-column');
      expect(fit.diagnostics.constantColumns).toEqual([]);
    });
  },
);
