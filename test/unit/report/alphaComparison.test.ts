/**
 * The α comparison (issue 16, item 11): every candidate ranked at a λ rule with "within 1 SE
 * of the best" (shared/analysis/alphaComparison.ts), what the result keeps per candidate, and
 * the report's table and overlaid CV curves.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type AlphaSearch,
  alphaComparison,
  oneSeBound,
  ruleAt,
} from '../../../shared/analysis/alphaComparison';
import { type AnalysisResult, analysisResult } from '../../../shared/analysis/result';
import { resultShapeProblem } from '../../../shared/analysis/resultShape';
import { runAnalysis } from '../../../shared/analysis/run';
import { type AnalysisSettings, DEFAULT_SETTINGS } from '../../../shared/analysis/settings';
import { readCsvText } from '../../../shared/data/csv';
import { renderReport } from '../../../shared/report/html';
import { pythonCode, rCode } from '../../../shared/report/reproduce';
import { fixturesDir } from '../../helpers/fixtures';

const candidate = (alpha: number, cvmMin: number, cvsdMin: number, cvm1se: number) => ({
  alpha,
  lambdaMin: alpha + 0.1,
  lambda1se: alpha + 0.2,
  cvmMin,
  cvsdMin,
  pathLength: 10,
  cvm1se,
  cvsd1se: 1,
  nzeroMin: 5,
  nzero1se: 3,
});

describe('alphaComparison', () => {
  const search: AlphaSearch = {
    bestAlpha: 0.5,
    candidates: [candidate(1, 10.5, 1, 12), candidate(0.5, 10, 0.4, 13), candidate(0, 12, 1, 11.5)],
  };

  it('ranks every α at λ_min, marks the chosen one and those within 1 SE of the best', () => {
    const rows = alphaComparison(search, 'min', false);
    expect(rows.map((r) => r.alpha)).toEqual([0.5, 1, 0]);
    expect(rows.map((r) => r.rank)).toEqual([1, 2, 3]);
    // Best 10 ± 0.4: 10.5 is outside, 12 too.
    expect(rows.map((r) => r.withinOneSe)).toEqual([true, false, false]);
    expect(rows.map((r) => r.chosen)).toEqual([true, false, false]);
    expect(rows[0]!.lambda).toBe(0.6);
    expect(oneSeBound(rows, false)).toBeCloseTo(10.4);
  });

  it('ranks at λ_1se with the λ_1se values: another order', () => {
    const rows = alphaComparison(search, '1se', false);
    expect(rows.map((r) => r.alpha)).toEqual([0, 1, 0.5]);
    expect(rows.map((r) => r.cvm)).toEqual([11.5, 12, 13]);
    // Best 11.5 ± 1: 12 is within, 13 is not.
    expect(rows.map((r) => r.withinOneSe)).toEqual([true, true, false]);
    expect(rows.map((r) => r.nzero)).toEqual([3, 3, 3]);
  });

  it('larger is better for AUC: the largest first, the bound below it', () => {
    const rows = alphaComparison(search, 'min', true);
    expect(rows.map((r) => r.alpha)).toEqual([0, 1, 0.5]);
    expect(oneSeBound(rows, true)).toBe(11);
    expect(rows.map((r) => r.withinOneSe)).toEqual([true, false, false]);
  });

  it('equal values share a rank; results saved before λ_1se values rank at λ_min', () => {
    const tied: AlphaSearch = {
      bestAlpha: 1,
      candidates: [candidate(1, 10, 1, 11), candidate(0.5, 10, 1, 11)],
    };
    expect(alphaComparison(tied, 'min', false).map((r) => r.rank)).toEqual([1, 1]);
    const old: AlphaSearch = {
      bestAlpha: 1,
      candidates: search.candidates.map(
        ({ cvm1se: _a, cvsd1se: _b, nzeroMin: _c, nzero1se: _d, ...rest }) => rest,
      ),
    };
    const rows = alphaComparison(old, '1se', false);
    expect(rows.map((r) => r.cvm)).toEqual([10, 10.5, 12]);
    expect(rows[0]!.nzero).toBeUndefined();
  });
});

async function compared(): Promise<AnalysisResult> {
  const settings: AnalysisSettings = {
    ...DEFAULT_SETTINGS,
    target: 'y',
    alpha: 1,
    alphas: [1, 0.5, 0],
    cv: { nfolds: 5, seed: 2, measure: 'mse' },
  };
  const dataset = readCsvText(readFileSync(join(fixturesDir, 'data/diabetes.csv'), 'utf8'), {
    fileName: 'diabetes.csv',
  });
  return analysisResult(
    await runAnalysis(dataset, settings),
    settings,
    { file: dataset.fileName, sha256: 'a'.repeat(64) },
    { readSeconds: 0 },
  );
}

describe('a comparison in the result and the report', () => {
  it('keeps every candidate’s CV curve and, but for the chosen one, its path', async () => {
    const result = await compared();
    const search = result.alphaSearch!;
    expect(search.candidates.map((c) => c.alpha)).toEqual([1, 0.5, 0]);
    expect(resultShapeProblem(result)).toBeUndefined();
    for (const c of search.candidates) {
      expect(c.cv!.cvm).toHaveLength(c.pathLength);
      expect(c.cvm1se).toBe(c.cv!.cvm[c.cv!.index1se]);
      expect(c.nzero1se).toBe(c.cv!.nzero[c.cv!.index1se]);
      if (c.alpha === search.bestAlpha) {
        expect(c.path).toBeUndefined();
        expect(c.cv!.cvm).toEqual(result.cv!.cvm);
      } else {
        expect(c.path!.beta).toHaveLength(c.pathLength);
        expect(c.path!.beta[0]).toHaveLength(result.columns.length);
      }
    }
    // A damaged candidate is caught, not drawn.
    // (JSON, as a saved project reads it: the chosen one's curve is the result's own arrays.)
    const damaged = JSON.parse(JSON.stringify(result)) as AnalysisResult;
    const other = damaged.alphaSearch!.candidates.find((c) => c.alpha !== search.bestAlpha)!;
    other.cv!.cvm.pop();
    expect(resultShapeProblem(damaged)).toContain(`α = ${other.alpha} has a CV curve`);
  });

  it('the report ranks every α at the rule of its λ and overlays their CV curves', async () => {
    const result = await compared();
    const at = (index: number) =>
      renderReport({ result, selectedIndex: index, generatedAt: new Date(0) });
    const html1se = at(result.cv!.index1se);
    expect(ruleAt(result, result.cv!.index1se)).toBe('1se');
    const section = html1se.slice(html1se.indexOf('<h2>α compared on the same folds</h2>'));
    expect(section).toContain('<caption>Every α at its λ_1se</caption>');
    const rows = alphaComparison(result.alphaSearch!, '1se', false);
    // The table's rows in rank order, with the 1-SE verdict.
    const order = [...section.matchAll(/<tr><th scope="row">(\d)<\/th><td>([\d.]+) \(/g)].map((m) =>
      Number(m[2]),
    );
    expect(order).toEqual(rows.map((r) => r.alpha));
    expect(section).toContain('within 1 SE');
    expect(section).toContain('— chosen');
    // The overlay: one curve per α, one dot per α at its rule, the bound.
    const svg = section.slice(section.indexOf('<svg'), section.indexOf('</svg>'));
    expect(svg).toContain('aria-label="Cross-validation error of every compared α against log λ"');
    expect(svg.match(/<path /g)).toHaveLength(3);
    expect(svg.match(/class="alpha-rule-point"/g)).toHaveLength(3);
    expect(svg.match(/class="one-se-bound"/g)).toHaveLength(1);
    expect(svg).toContain('α = 0.5');
    // At λ_min the report ranks at λ_min.
    expect(at(result.cv!.indexMin)).toContain('<caption>Every α at its λ_min</caption>');
  });

  it('the reproduce code loops over the α grid on the same folds, at the report’s rule', async () => {
    const result = await compared();
    const r = rCode(result, { index: result.cv!.index1se, dataPath: 'diabetes.csv' });
    expect(r).toContain('lapply(c(1, 0.5, 0), function(a) {');
    expect(r).toMatch(
      /cva <- cv\.glmnet\(x, y, foldid = foldid, type\.measure = "mse", .*alpha = a,/,
    );
    expect(r).toContain('cva$lambda.1se');
    expect(r).toContain('within.1se');
    const py = pythonCode(result, { index: result.cv!.indexMin, dataPath: 'diabetes.csv' });
    expect(py).toContain('def cv_curve(a, lambdas):');
    expect(py.match(/comparison\.append\(/g)).toHaveLength(3);
    expect(py).not.toContain('λ_1se: the largest λ within 1 SE');
  });
});
