/**
 * The prediction sample the logistic and Poisson charts draw: response-scale predictions
 * (probabilities, expected counts), observed y as the model codes it, and the rows' weights;
 * the weighted ROC on it gives the AUC the family's own test score computes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rocCurve } from '../../../shared/analysis/classification';
import { describeFamily } from '../../../shared/analysis/families';
import { predictionsAt } from '../../../shared/analysis/predictions';
import { runAnalysis } from '../../../shared/analysis/run';
import { type AnalysisSettings, DEFAULT_SETTINGS } from '../../../shared/analysis/settings';
import { readCsvText } from '../../../shared/data/csv';

const read = (name: string) =>
  readCsvText(readFileSync(join(__dirname, '../../fixtures/data', name), 'utf8'), {
    fileName: name,
  });

describe('predictionsAt for GLM families', () => {
  it('logistic: probabilities, 0/1 y and the weights; its weighted AUC is the test AUC', async () => {
    const settings = {
      ...DEFAULT_SETTINGS,
      family: 'binomial',
      target: 'type',
      weights: 'weight',
      exclude: ['weight'],
      testRows: { column: 'set', value: 'test' },
    } as AnalysisSettings;
    const run = await runAnalysis(read('pima.csv'), settings);
    const k = 25;
    const p = predictionsAt(run, k);
    expect(p.set).toBe('test');
    expect(p.actual.every((y) => y === 0 || y === 1)).toBe(true);
    expect(p.actual).toContain(0);
    expect(p.actual).toContain(1);
    expect(p.predicted.every((v) => v > 0 && v < 1)).toBe(true);
    expect(p.weights).toHaveLength(p.actual.length);
    const scores = describeFamily('binomial').score(
      Float64Array.from(p.actual),
      Float64Array.from(p.predicted),
      0,
      Float64Array.from(p.weights!),
    );
    expect(rocCurve(p.actual, p.predicted, p.weights).auc).toBeCloseTo(scores.auc!, 12);
    // Unweighted it differs: the weights reach the chart.
    expect(rocCurve(p.actual, p.predicted).auc).not.toBeCloseTo(scores.auc!, 6);
  });

  it('Poisson: positive expected counts for whole-number y, no weights when none', async () => {
    const settings = { ...DEFAULT_SETTINGS, family: 'poisson', target: 'Days' } as AnalysisSettings;
    const run = await runAnalysis(read('quine.csv'), settings);
    const p = predictionsAt(run, 30);
    expect(p.weights).toBeUndefined();
    expect(p.actual.every((y) => Number.isInteger(y) && y >= 0)).toBe(true);
    expect(p.predicted.every((mu) => mu > 0)).toBe(true);
    // An intercept-only fit predicts the mean count (λ_max: nothing selected).
    const first = predictionsAt(run, 0);
    const mean = first.actual.reduce((a, b) => a + b, 0) / first.actual.length;
    expect(first.predicted[0]).toBeCloseTo(mean, 8);
  });
});
