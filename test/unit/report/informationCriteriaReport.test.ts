/**
 * The report's CV-free λ choice: the criteria's section (σ² and df stated, a table of the three
 * choices, an inline SVG of the criteria against λ), the choices marked on the path chart, and
 * reproduce code (R from glmnet's fit; Python's LassoLarsIC only for a plain lasso).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type AnalysisSettings, DEFAULT_SETTINGS } from '../../../shared/analysis/settings';
import { renderReport } from '../../../shared/report/html';
import { pythonCode, rCode } from '../../../shared/report/reproduce';
import { analyse } from '../../helpers/analyse';
import { fixturesDir } from '../../helpers/fixtures';

const data = join(fixturesDir, 'data/diabetes.csv');
const base: AnalysisSettings = { ...DEFAULT_SETTINGS, target: 'y', nlambda: 40 };

describe('report: information criteria', () => {
  it('states σ² and df, tables the three choices, draws them and marks them on the path', async () => {
    const result = await analyse(data, base);
    const ic = result.informationCriteria!;
    const html = renderReport({ result, selectedIndex: ic.indexBic, generatedAt: new Date(0) });
    expect(html).toContain('<h2>λ chosen without cross-validation</h2>');
    expect(html).toMatch(/σ² = 2933, estimated from the least-squares fit on every column/);
    expect(html).toContain('number of nonzero coefficients');
    expect(html).toMatch(/<strong>λ = [^<]+<\/strong> \([^)]*λ_BIC[^)]*\)/);
    const section = html.slice(html.indexOf('λ chosen without cross-validation'));
    expect(section.match(/<th scope="row">(AIC|BIC|EBIC) \(λ_/g)).toHaveLength(3);
    expect(section).toContain('aria-label="AIC, BIC and extended BIC against log λ"');
    expect(section.match(/class="ic-minimum"/g)).toHaveLength(3);
    // The path chart carries the criteria's marks, as λ_min and λ_1se.
    const path = html.slice(html.indexOf('Coefficient path'), html.indexOf('</svg>'));
    expect(path).toMatch(/selected = .*λ_BIC/);
  });

  it('reproduce code: R from glmnet’s deviance and df; Python LassoLarsIC for a plain lasso', async () => {
    const lasso = await analyse(data, base);
    const index = lasso.informationCriteria!.indexBic;
    const r = rCode(lasso, { index, dataPath: 'diabetes.csv' });
    expect(r).toContain('df <- fit$df');
    expect(r).toContain('sigma2 <- sum(ols$residuals^2) / (n - ols$rank)');
    expect(r).toContain('lambda.bic = fit$lambda[which.min(bic)]');
    const py = pythonCode(lasso, { index, dataPath: 'diabetes.csv' });
    expect(py).toContain('LassoLarsIC(criterion=criterion, fit_intercept=True).fit(X_ic, y)');
    expect(py).toContain('X_ic = X / X.std(axis=0)');
    expect(py).toMatch(/not at Shrinkage’s λ grid/);

    const net = await analyse(data, { ...base, alpha: 0.5 });
    const rNet = rCode(net, { index: 0, dataPath: 'diabetes.csv' });
    expect(rNet).toContain('sum(diag(solve(G + D, G))) - 1');
    expect(rNet).toContain('fit$lambda[l] * (1 - 0.5) * pf[A]');
    expect(pythonCode(net, { index: 0, dataPath: 'diabetes.csv' })).toContain(
      'no scikit-learn counterpart',
    );
    const html = renderReport({ result: net, selectedIndex: 0, generatedAt: new Date(0) });
    expect(html).toContain('effective degrees of freedom');
  });

  it('binomial: deviance-based, no σ²', async () => {
    const result = await analyse(join(fixturesDir, 'data/pima.csv'), {
      ...base,
      family: 'binomial',
      target: 'type',
      exclude: ['set', 'weight'],
      nlambda: 20,
    });
    const html = renderReport({ result, selectedIndex: 5, generatedAt: new Date(0) });
    expect(html).toContain('AIC = deviance + 2·df');
    expect(rCode(result, { index: 5, dataPath: 'pima.csv' })).toContain(
      'aic <- deviance(fit) + 2 * df',
    );
  });
});
