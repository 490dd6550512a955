/**
 * The logistic and Poisson reproduce code, as text (npm run test:reproduce runs it): glmnet's
 * family and the 0/1 coding of y, scikit-learn only where its objective is glmnet's (and a
 * stated reason where not), Spark's estimators with their weight and offset columns.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analysisResult } from '../../../shared/analysis/result';
import { runAnalysis } from '../../../shared/analysis/run';
import { type AnalysisSettings, DEFAULT_SETTINGS } from '../../../shared/analysis/settings';
import { readCsvText } from '../../../shared/data/csv';
import { pysparkCode, pythonCode, rCode } from '../../../shared/report/reproduce';
import { fixturesDir } from '../../helpers/fixtures';

async function result(file: string, extra: Partial<AnalysisSettings> & { target: string }) {
  const text = readFileSync(join(fixturesDir, 'data', file), 'utf8');
  const settings: AnalysisSettings = { ...DEFAULT_SETTINGS, features: [], ...extra };
  const dataset = readCsvText(text, { fileName: file });
  return analysisResult(
    await runAnalysis(dataset, settings),
    settings,
    { file, sha256: 'a'.repeat(64) },
    { readSeconds: 0 },
  );
}

const options = { index: 10, dataPath: 'data.csv' };

describe('reproduce code for logistic regression (birthwt, low 0/1)', () => {
  const settings = {
    family: 'binomial' as const,
    target: 'low',
    features: ['age', 'lwt', 'smoke', 'ht', 'ui'],
    weights: 'ftv',
    offset: 'ptl',
    cv: { nfolds: 5, seed: 1, measure: 'class' as const },
  };

  it('R: family binomial, y coded 0/1, type.measure class', async () => {
    const r = rCode(await result('birthwt.csv', settings), options);
    expect(r).toContain('y <- as.integer(d[["low"]] == 1)');
    expect(r).toMatch(/fit <- glmnet\(x, y, family = "binomial", weights = w, offset = o,/);
    expect(r).toContain('type.measure = "class"');
  });

  it('scikit-learn: C = 1/(Σw·λ) with saga for the elastic net, lbfgs for ridge; no offset, said so', async () => {
    const enet = pythonCode(await result('birthwt.csv', { ...settings, alpha: 0.5 }), options);
    expect(enet).toContain('C = 1 / (w.sum() * lam)');
    expect(enet).toContain('LogisticRegression(penalty="elasticnet", solver="saga", l1_ratio=0.5,');
    expect(enet).toContain('.fit(Xs, y, sample_weight=w)');
    expect(enet).toContain('Not equivalent: LogisticRegression takes no offset');
    const { weights: _w, offset: _o, ...plain } = settings;
    const ridge = pythonCode(await result('birthwt.csv', { ...plain, alpha: 0 }), options);
    expect(ridge).toContain('C = 1 / (len(y) * lam)');
    expect(ridge).toContain('LogisticRegression(penalty="l2", solver="lbfgs",');
    expect(ridge).not.toContain('Not equivalent');
  });

  it('Spark: LogisticRegression on a 0/1 label with weightCol, and its missing offset said', async () => {
    const spark = pysparkCode(await result('birthwt.csv', settings), options);
    expect(spark).toContain('d = d.withColumn("shrinkage_label", (d["low"] == 1).cast("double"))');
    expect(spark).toMatch(
      /LogisticRegression\(family="binomial", .*labelCol="shrinkage_label", weightCol="ftv", regParam=/,
    );
    expect(spark).toContain('takes no offset');
  });
});

describe('reproduce code for Poisson regression (quine, Days)', () => {
  const settings = {
    family: 'poisson' as const,
    target: 'Days',
    features: ['Eth', 'Sex', 'Age', 'Lrn'],
  };

  it('scikit-learn: PoissonRegressor(alpha = λ) for ridge only; otherwise no equivalent, said why', async () => {
    const ridge = pythonCode(await result('quine.csv', { ...settings, alpha: 0 }), options);
    expect(ridge).toMatch(/PoissonRegressor\(alpha=lam, fit_intercept=True/);
    const lasso = pythonCode(await result('quine.csv', { ...settings, alpha: 1 }), options);
    expect(lasso).not.toContain('PoissonRegressor(');
    expect(lasso).toContain('Not equivalent: scikit-learn has no L1-penalized Poisson regression');
  });

  it('R and Spark: family poisson; GeneralizedLinearRegression (log link, L2 only)', async () => {
    const fit = await result('quine.csv', { ...settings, alpha: 1 });
    expect(rCode(fit, options)).toMatch(/glmnet\(x, y, family = "poisson",/);
    const spark = pysparkCode(fit, options);
    expect(spark).toMatch(
      /GeneralizedLinearRegression\(family="poisson", link="log", .*labelCol="Days"/,
    );
    expect(spark).toContain("cannot fit this fit's L1 part (alpha = 1)");
  });
});
