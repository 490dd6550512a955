/**
 * The report's relaxed-lasso section and its reproduce code, from a relaxed analysis of the
 * diabetes fixture (test/fixtures/glmnet-relax, R's cv.glmnet(relax = TRUE)) on its folds:
 * the chosen (λ, γ) as R chose them, a CV curve per γ with both choices marked, coefficients
 * that are the blend at each choice, and R code that asks glmnet for the same thing.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analysisResult } from '../../../shared/analysis/result';
import { runAnalysis } from '../../../shared/analysis/run';
import { DEFAULT_SETTINGS } from '../../../shared/analysis/settings';
import { readCsvText } from '../../../shared/data/csv';
import { renderReport } from '../../../shared/report/html';
import { pythonCode, rCode } from '../../../shared/report/reproduce';
import { fixturesDir } from '../../helpers/fixtures';

const fixture = JSON.parse(
  readFileSync(`${fixturesDir}glmnet-relax/diabetes-relax.json`, 'utf8'),
) as {
  features: string[];
  foldid: number[];
  thresh: number;
  gamma_min: number;
  gamma_1se: number;
  lambda_min: number;
  blended: { gamma: number; a0: number[]; beta: number[][] }[];
};

async function relaxedResult() {
  const lines = readFileSync(`${fixturesDir}data/diabetes.csv`, 'utf8').trim().split('\n');
  const text = lines.map((line, i) => `${line},${i === 0 ? 'fold' : fixture.foldid[i - 1]}`);
  const dataset = readCsvText(`${text.join('\n')}\n`, { fileName: 'diabetes.csv' });
  const settings = {
    ...DEFAULT_SETTINGS,
    target: 'y',
    features: fixture.features,
    thresh: fixture.thresh,
    maxIter: 10_000_000,
    relax: true,
    cv: { nfolds: 10, seed: 1, foldidColumn: 'fold', measure: 'mse' as const },
  };
  const run = await runAnalysis(dataset, settings);
  return analysisResult(run, settings, { file: 'diabetes.csv', sha256: 'x' }, { readSeconds: 0 });
}

const result = await relaxedResult();

describe('relaxed lasso in the report', () => {
  const cv = result.relaxed!.cv!;
  const html = renderReport({
    result,
    selectedIndex: result.cv!.indexMin,
    generatedAt: new Date(0),
  });
  const section = html.slice(
    html.indexOf('<h2>Relaxed lasso</h2>'),
    html.indexOf('<h2>Settings</h2>'),
  );

  it('names the (λ, γ) of min and 1se as cv.glmnet chose them', () => {
    expect(section).toContain('<caption>The (λ, γ) chosen</caption>');
    const rows = [
      ...section.matchAll(
        /<tr><th scope="row">(min|1se)<\/th><td class="num">([^<]+)<\/td><td class="num">([^<]+)<\/td>/g,
      ),
    ];
    expect(rows.map((m) => m[1])).toEqual(['min', '1se']);
    expect(Number(rows[0]![2])).toBeCloseTo(fixture.lambda_min, 3);
    expect(Number(rows[0]![3])).toBe(fixture.gamma_min);
    expect(Number(rows[1]![3])).toBe(fixture.gamma_1se);
  });

  it('draws one CV curve per γ with both choices marked', () => {
    const svg = section.slice(section.indexOf('<svg'), section.indexOf('</svg>'));
    expect(svg).toContain('CV error of every γ (relaxed lasso)');
    for (const gamma of result.relaxed!.gammas)
      expect(svg).toContain(`<title>γ = ${gamma}</title>`);
    expect(svg.match(/class="alpha-rule-point"/g)).toHaveLength(2);
    expect(svg).toContain('class="one-se-bound"');
  });

  it('lists the blended coefficients at (λ_min, γ_min) as R computes them', () => {
    const reference = fixture.blended[cv.gammaIndexMin]!;
    const beta = reference.beta[cv.indexMin]!;
    const j = beta.findIndex((b) => Math.abs(b) > 1);
    const name = result.columns[j]!;
    const row = section.match(new RegExp(`<bdi>${name}</bdi></th><td class="num">([^<]+)</td>`));
    expect(Number(row![1])).toBeCloseTo(beta[j]!, 1);
    expect(Number(row![1]) / beta[j]!).toBeCloseTo(1, 3);
  });

  it('gives R code for cv.glmnet(relax = TRUE) on the same folds, and says scikit-learn has none', () => {
    const r = rCode(result, { index: result.cv!.indexMin, dataPath: 'diabetes.csv' });
    expect(r).toMatch(
      /rcv <- cv\.glmnet\(x, y, foldid = foldid, type\.measure = "mse", .*relax = TRUE, gamma = c\(0, 0\.25, 0\.5, 0\.75, 1\)\)/,
    );
    expect(r).toContain('coef(rcv, s = "lambda.min", gamma = r$gamma.min)');
    expect(pythonCode(result, { index: 0, dataPath: 'diabetes.csv' })).toContain(
      'scikit-learn has no relaxed lasso',
    );
  });
});
