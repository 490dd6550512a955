/** Cross-validation against R's cv.glmnet (fixtures with a `cv` block, foldid from the fixture). */
import { describe, expect, it } from 'vitest';
import { fitPath } from '../../../shared/solver';
import { fitFold, summarizeCv } from '../../../shared/solver/cv';
import { fixtureProblem, loadFixture, solverFixtureIds } from '../../helpers/fixtures';

const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

const withCv = solverFixtureIds.filter((id) => loadFixture(id).cv);

describe.each(
  withCv.flatMap((id) =>
    (['covariance', 'naive'] as const).map((updates) => [id, updates] as const),
  ),
)('cv.glmnet parity: %s (%s updates)', (id, updates) => {
  it('gives cvm, cvsd, λ_min and λ_1se within 1e-6 relative', () => {
    const f = loadFixture(id);
    const cv = f.cv!;
    const { design, y, weights, offset } = fixtureProblem(f);
    const options = {
      weights,
      offset,
      alpha: f.alpha,
      standardize: f.standardize,
      intercept: f.intercept,
      penaltyFactor: f.penalty_factor,
      thresh: 1e-14,
      updates,
    };
    const full = fitPath(design, y, options);
    expect(full.lambda).toHaveLength(cv.lambda.length);
    const foldid = Int32Array.from(cv.foldid, (k) => k - 1);
    const folds = Array.from({ length: cv.nfolds }, (_, k) =>
      fitFold(design, y, foldid, k, options, full.lambda),
    );
    const summary = summarizeCv(y, folds, full.lambda, full.df, design.p, 'mse', { weights });
    let worstCvm = 0;
    let worstCvsd = 0;
    summary.cvm.forEach((value, l) => {
      worstCvm = Math.max(worstCvm, relative(value, cv.cvm[l]!));
      worstCvsd = Math.max(worstCvsd, relative(summary.cvsd[l]!, cv.cvsd[l]!));
    });
    expect(worstCvm).toBeLessThan(1e-6);
    expect(worstCvsd).toBeLessThan(1e-6);
    expect(relative(summary.lambdaMin, cv.lambda_min)).toBeLessThan(1e-6);
    expect(relative(summary.lambda1se, cv.lambda_1se)).toBeLessThan(1e-6);
    // glmnet counts ridge's 1e-36 placeholders at λ = ∞ as nonzero; compare from index 1.
    expect(summary.nzero.slice(1)).toEqual(cv.nzero.slice(1));
  });
});
