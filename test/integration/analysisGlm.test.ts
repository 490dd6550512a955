/**
 * Logistic and Poisson regression through runAnalysis: every binomial and Poisson R glmnet
 * fixture (positive class, weights, categorical features, CV with R's fold ids) reproduced
 * from the CSV file, as the app and the CLI run it.
 */
import { describe, expect, it } from 'vitest';
import { describeFamily } from '../../shared/analysis/families';
import { analysisResult } from '../../shared/analysis/result';
import { predictRowSet, runAnalysis } from '../../shared/analysis/run';
import { readCsvText } from '../../shared/data/csv';
import {
  fixtureCsvWithFolds,
  fixtureSettings,
  glmFixtureIds,
  loadFixture,
  maxScaledDifference,
} from '../helpers/fixtures';

const relative = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe.each(glmFixtureIds)('runAnalysis reproduces glmnet fixture %s', (id) => {
  it('path, grid, predictions and CV', async () => {
    const f = loadFixture(id);
    const dataset = readCsvText(fixtureCsvWithFolds(f), { fileName: f.data });
    const settings = fixtureSettings(f);
    const run = await runAnalysis(dataset, settings);
    const result = analysisResult(run, settings, { file: f.data, sha256: 'x' }, { readSeconds: 0 });
    expect(result.n).toBe(f.n);
    expect(result.columns).toEqual(f.columns);
    expect(result.settings.family).toBe(f.family);
    // The default grid is glmnet's: same length, same values.
    expect(result.path.lambda).toHaveLength(f.path.lambda.length);
    const grid = Math.max(...result.path.lambda.map((v, k) => relative(v, f.path.lambda[k]!)));
    expect(grid).toBeLessThan(1e-10);
    // β and a0 at every λ after the first (glmnet's first is the λ = ∞ step).
    expect(maxScaledDifference(result.path.beta, f.path.beta, 1)).toBeLessThan(1e-6);
    expect(maxScaledDifference([result.path.a0.slice(1)], [f.path.a0.slice(1)])).toBeLessThan(1e-6);
    if (f.family === 'binomial') {
      expect(result.settings.positiveClass).toBe(String(f.positive_class));
      expect(result.classes?.positive).toBe(String(f.positive_class));
    } else {
      expect(result.settings.positiveClass).toBeNull();
      expect(result.classes).toBeNull();
    }
    // predict(fit, type = "response") on the first rows.
    const { rows, lambda_index, response } = f.predictions!;
    const predictions = predictRowSet(
      run.fitted,
      result.path.a0,
      result.path.beta,
      describeFamily(f.family),
    );
    const n = run.fitted.design.n;
    let worst = 0;
    lambda_index.forEach((l, k) => {
      for (let r = 0; r < rows; r++)
        worst = Math.max(worst, Math.abs(predictions[l * n + r]! - response[k]![r]!));
    });
    expect(worst).toBeLessThan(1e-6);
    if (!f.cv) return;
    const cv = result.cv!;
    expect(cv.measure).toBe(f.cv.type_measure);
    expect(cv.foldid).toEqual(f.cv.foldid);
    expect(cv.lambda).toHaveLength(f.cv.lambda.length);
    // AUC too: R's auc() ranks tied predictions by their mean rank (ties count 1/2) when the
    // fit has no weights, as weightedAuc does; it breaks ties at random only with weights.
    expect(Math.max(...cv.cvm.map((v, l) => relative(v, f.cv!.cvm[l]!)))).toBeLessThan(1e-5);
    expect(Math.max(...cv.cvsd.map((v, l) => relative(v, f.cv!.cvsd[l]!)))).toBeLessThan(1e-5);
    expect(relative(cv.lambdaMin, f.cv.lambda_min)).toBeLessThan(1e-5);
    expect(relative(cv.lambda1se, f.cv.lambda_1se)).toBeLessThan(1e-5);
  });
});

describe('held-out test rows of a logistic fit', () => {
  it('are scored with every measure, each recomputed here from the coefficients', async () => {
    const f = loadFixture('pima-train-binomial-lasso');
    const dataset = readCsvText(fixtureCsvWithFolds(f), { fileName: f.data });
    const settings = {
      ...fixtureSettings(f),
      rows: [],
      testRows: { column: 'set', value: 'test' },
      cv: { nfolds: 5, seed: 3, measure: 'auc' as const },
    };
    const run = await runAnalysis(dataset, settings);
    expect(run.test!.n).toBe(332);
    const l = run.cv!.indexMin;
    const { design, y } = run.heldOut!;
    const p = Array.from({ length: design.n }, (_, i) => {
      let eta = run.path.a0[l]!;
      for (let j = 0; j < design.p; j++)
        eta += run.path.beta[l]![j]! * design.values[j * design.n + i]!;
      return 1 / (1 + Math.exp(-eta));
    });
    const mean = (g: (i: number) => number) => p.reduce((s, _, i) => s + g(i), 0) / p.length;
    const clamp = (v: number) => Math.min(Math.max(v, 1e-5), 1 - 1e-5);
    const deviance = mean(
      (i) => -2 * (y[i]! * Math.log(clamp(p[i]!)) + (1 - y[i]!) * Math.log(1 - clamp(p[i]!))),
    );
    let pairs = 0;
    let concordant = 0;
    for (let i = 0; i < p.length; i++)
      for (let k = 0; k < p.length; k++)
        if (y[i] === 1 && y[k] === 0) {
          pairs++;
          concordant += p[i]! > p[k]! ? 1 : p[i] === p[k] ? 0.5 : 0;
        }
    const scores = run.test!.atLambdaMin!;
    expect(scores.deviance).toBeCloseTo(deviance, 12);
    expect(scores.auc).toBeCloseTo(concordant / pairs, 12);
    expect(scores.class).toBeCloseTo(
      mean((i) => ((p[i]! > 0.5 ? 1 : 0) === y[i] ? 0 : 1)),
      12,
    );
    expect(scores.mse).toBeCloseTo(
      mean((i) => 2 * (y[i]! - p[i]!) ** 2),
      12,
    );
    expect(scores.mae).toBeCloseTo(
      mean((i) => 2 * Math.abs(y[i]! - p[i]!)),
      12,
    );
    expect(run.test!.auc![l]).toBe(scores.auc);
  });
});
