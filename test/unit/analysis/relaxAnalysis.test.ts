/**
 * The relaxed lasso through runAnalysis and into the result JSON: the fixture of
 * relaxParity.test.ts (R's cv.glmnet(relax = TRUE)), its fold ids given as a column, must come
 * out of the whole analysis (settings, design, executor, result schema) the same; and the
 * settings that make no sense together are refused.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analysisResult, analysisResultSchema } from '../../../shared/analysis/result';
import { resultShapeProblem } from '../../../shared/analysis/resultShape';
import { runAnalysis } from '../../../shared/analysis/run';
import { settingsProblems } from '../../../shared/analysis/schema';
import { DEFAULT_SETTINGS } from '../../../shared/analysis/settings';
import { readCsvText } from '../../../shared/data/csv';
import { blendCoefficients } from '../../../shared/solver/relaxedBlend';
import { fixturesDir } from '../../helpers/fixtures';

const fixture = JSON.parse(
  readFileSync(`${fixturesDir}glmnet-relax/diabetes-relax.json`, 'utf8'),
) as {
  features: string[];
  foldid: number[];
  thresh: number;
  lambda: number[];
  blended: { gamma: number; a0: number[]; beta: number[][] }[];
  cv: { cvm: number[] }[];
  lambda_min: number;
  gamma_min: number;
  lambda_1se: number;
  gamma_1se: number;
};

/** diabetes.csv with the fixture's fold of each row as a column. */
function dataset() {
  const lines = readFileSync(`${fixturesDir}data/diabetes.csv`, 'utf8').trim().split('\n');
  const text = lines.map((line, i) => `${line},${i === 0 ? 'fold' : fixture.foldid[i - 1]}`);
  return readCsvText(`${text.join('\n')}\n`, { fileName: 'diabetes.csv' });
}

const settings = {
  ...DEFAULT_SETTINGS,
  target: 'y',
  features: fixture.features,
  thresh: fixture.thresh,
  maxIter: 10_000_000,
  relax: true,
  cv: { nfolds: 10, seed: 1, foldidColumn: 'fold', measure: 'mse' as const },
};

const close = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1);

describe('relaxed lasso analysis', () => {
  it('carries cv.glmnet(relax = TRUE)’s choice and curves into a valid result', async () => {
    const run = await runAnalysis(dataset(), settings);
    const result = analysisResultSchema.parse(
      analysisResult(run, settings, { file: 'diabetes.csv', sha256: 'x' }, { readSeconds: 0 }),
    );
    const relaxed = result.relaxed!;
    expect(resultShapeProblem(result)).toBeUndefined();
    const damaged = { ...result, relaxed: { ...relaxed, a0: relaxed.a0.slice(1) } };
    expect(resultShapeProblem(damaged)).toBe(
      `the relaxed refits do not have ${result.path.lambda.length} values`,
    );
    expect(relaxed.gammas).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(result.settings.relax).toBe(true);
    const cv = relaxed.cv!;
    expect(close(cv.lambdaMin, fixture.lambda_min)).toBeLessThan(1e-6);
    expect(close(cv.lambda1se, fixture.lambda_1se)).toBeLessThan(1e-6);
    expect(cv.gammaMin).toBe(fixture.gamma_min);
    expect(cv.gamma1se).toBe(fixture.gamma_1se);
    let worst = 0;
    cv.cvm.forEach((curve, g) => {
      curve.forEach((value, l) => {
        worst = Math.max(worst, close(value, fixture.cv[g]!.cvm[l]!));
      });
    });
    expect(worst).toBeLessThan(1e-6);
    // The coefficients at the chosen (λ, γ), rebuilt from the result as the app does.
    const l = cv.indexMin;
    const g = cv.gammaIndexMin;
    const at = blendCoefficients(
      { a0: result.path.a0[l]!, beta: result.path.beta[l]! },
      { a0: relaxed.a0[l]!, beta: relaxed.beta[l]! },
      relaxed.gammas[g]!,
    );
    const reference = fixture.blended[g]!;
    expect(close(at.a0, reference.a0[l]!)).toBeLessThan(1e-6);
    at.beta.forEach((b, j) => {
      expect(close(b, reference.beta[l]![j]!)).toBeLessThan(1e-6);
    });
  });

  it('refuses γ without relax and relax with several α', () => {
    const base = { ...DEFAULT_SETTINGS, target: 'y' };
    expect(settingsProblems({ ...base, gammas: [0.5] })[0]?.path).toEqual(['gammas']);
    expect(settingsProblems({ ...base, relax: true, alphas: [0.5, 1] })[0]?.path).toEqual([
      'relax',
    ]);
    expect(settingsProblems({ ...base, relax: true, gammas: [1.5] })[0]?.path).toEqual([
      'gammas',
      0,
    ]);
    expect(settingsProblems({ ...base, relax: true, gammas: [0, 0.5] })).toEqual([]);
  });
});
