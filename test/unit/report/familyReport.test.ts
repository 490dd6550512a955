/**
 * The report of a logistic and a Poisson fit (issue 15, item 6): the modelled class, the ROC
 * curve with the AUC the solver computes, calibration, counts at 0.5 adding up to the rows,
 * exp(β) columns, and every user string (class names) escaped.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { predictionsAt } from '../../../shared/analysis/predictions';
import { analysisReport } from '../../../shared/analysis/report';
import { analysisResult } from '../../../shared/analysis/result';
import { runAnalysis } from '../../../shared/analysis/run';
import { type AnalysisSettings, DEFAULT_SETTINGS } from '../../../shared/analysis/settings';
import { readCsvText } from '../../../shared/data/csv';
import { weightedAuc } from '../../../shared/solver/families/binomial';

async function fitReport(csv: string, fileName: string, settings: Partial<AnalysisSettings>) {
  const dataset = readCsvText(csv, { fileName });
  const full = { ...DEFAULT_SETTINGS, ...settings } as AnalysisSettings;
  const run = await runAnalysis(dataset, full);
  const result = analysisResult(
    run,
    full,
    { file: fileName, sha256: '0'.repeat(64) },
    { readSeconds: 0 },
  );
  return { run, result };
}

const pima = readFileSync(join(__dirname, '../../fixtures/data/pima.csv'), 'utf8');

describe('the logistic report', () => {
  it('draws the ROC with the solver’s AUC and calibration, and counts every row', async () => {
    const { run, result } = await fitReport(pima, 'pima.csv', {
      family: 'binomial',
      target: 'type',
      exclude: ['set', 'weight'],
    });
    const k = 20;
    const html = analysisReport(run, result, k);
    const p = predictionsAt(run, k);
    const rows = Int32Array.from(p.actual, (_, i) => i);
    const auc = weightedAuc(
      Float64Array.from(p.actual),
      rows,
      Float64Array.from(p.predicted),
      0,
      null,
    );
    expect(html).toContain(
      `aria-label="ROC curve: true against false positive rate, AUC ${Number(auc.toPrecision(3))}"`,
    );
    expect(html).toContain(
      'aria-label="Calibration: observed rate against mean predicted probability',
    );
    expect(html).toContain('modelling P(<bdi>type</bdi> = <bdi>Yes</bdi>)');
    const counts =
      /(\d+) true and (\d+) false positives, (\d+) true and (\d+) false negatives/.exec(html)!;
    expect(
      counts
        .slice(1)
        .map(Number)
        .reduce((a, b) => a + b),
    ).toBe(result.n);
    expect(html).toContain('Odds ratio per unit, exp(β)');
    expect(html).not.toContain('Predicted vs actual');
  });

  it('escapes class names', async () => {
    const lines = ['x,cls'];
    for (let i = 0; i < 40; i++) lines.push(`${i % 7},${(i * 5) % 3 === 0 ? '<b>no' : 'yes&"'}`);
    const { run, result } = await fitReport(`${lines.join('\n')}\n`, 'c.csv', {
      family: 'binomial',
      target: 'cls',
    });
    const html = analysisReport(run, result, 5);
    expect(html).not.toContain('<b>no');
    expect(html).toContain('&lt;b&gt;no');
    expect(html).toContain('yes&amp;&quot;');
  });
});

describe('the Poisson report', () => {
  it('plots predicted against observed counts, with rate ratios and no ROC', async () => {
    const quine = readFileSync(join(__dirname, '../../fixtures/data/quine.csv'), 'utf8');
    const { run, result } = await fitReport(quine, 'quine.csv', {
      family: 'poisson',
      target: 'Days',
    });
    const html = analysisReport(run, result, 30);
    expect(html).toContain('Predicted vs observed (training rows)');
    expect(html).toMatch(/Poisson deviance \d/);
    expect(html).toContain('Rate ratio per sd');
    expect(html).not.toContain('ROC curve');
  });
});
