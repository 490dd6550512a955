/**
 * Scoring with binomial and Poisson models: probabilities of the positive class and the class
 * predicted at a threshold; expected counts with the scoring file's offset column. Each value
 * is recomputed here from the model's coefficients (reference-free).
 */
import { describe, expect, it } from 'vitest';
import { buildModel, parseModel } from '../../../shared/analysis/model';
import { analysisResult } from '../../../shared/analysis/result';
import { runAnalysis } from '../../../shared/analysis/run';
import { scoredCsv } from '../../../shared/analysis/scoredCsv';
import { type AnalysisSettings, DEFAULT_SETTINGS } from '../../../shared/analysis/settings';
import { readCsvText } from '../../../shared/data/csv';

async function modelOf(text: string, settings: Partial<AnalysisSettings>) {
  const all = { ...DEFAULT_SETTINGS, target: 'y', nlambda: 20, ...settings } as AnalysisSettings;
  const run = await runAnalysis(readCsvText(text, { fileName: 'fit.csv' }), all);
  const result = analysisResult(run, all, { file: 'fit.csv', sha256: 'x' }, { readSeconds: 0 });
  const last = result.path.lambda.length - 1;
  // Through JSON, as a model file travels.
  return parseModel(JSON.parse(JSON.stringify(buildModel(result, last))), 'm.json');
}

const rows = (text: string) =>
  text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split(','));

describe('scoring a logistic model', () => {
  const lines = ['x,y'];
  for (let i = 0; i < 60; i++)
    lines.push(`${Math.sin(i)},${Math.sin(i) + 0.6 * Math.cos(5 * i) > 0 ? 'sick' : 'well'}`);
  const data = lines.join('\n');

  it('writes P(y = positive) and the class above the threshold', async () => {
    const model = await modelOf(data, { family: 'binomial', positiveClass: 'sick' });
    expect(model.classes).toEqual({ negative: 'well', positive: 'sick' });
    const input = 'x\n-2\n-0.1\n0.05\n3\n';
    const dataset = readCsvText(input, { fileName: 'new.csv' });
    for (const threshold of [0.5, 0.2, 0.9]) {
      const out = rows(scoredCsv(input, dataset, model, threshold).csv);
      const header = scoredCsv(input, dataset, model, threshold).csv.split(/\r?\n/)[0];
      expect(header).toBe('x,probability_y,predicted_y');
      for (const [x, p, predicted] of out) {
        const eta = model.intercept + model.coefficients[0]! * Number(x);
        expect(Number(p)).toBeCloseTo(1 / (1 + Math.exp(-eta)), 12);
        expect(predicted).toBe(Number(p) > threshold ? 'sick' : 'well');
      }
      // The thresholds split these rows differently: the test can tell them apart.
      expect(new Set(out.map((r) => r[2])).size).toBe(2);
    }
  });

  it('refuses a threshold outside (0, 1)', async () => {
    const model = await modelOf(data, { family: 'binomial' });
    const dataset = readCsvText('x\n1\n', { fileName: 'new.csv' });
    for (const t of [0, 1, -0.5, Number.NaN])
      expect(() => scoredCsv('x\n1\n', dataset, model, t)).toThrow(/strictly between 0 and 1/);
  });
});

describe('scoring a Poisson model with an offset', () => {
  const lines = ['x,exposure,y'];
  for (let i = 0; i < 80; i++) {
    const x = Math.sin(i);
    const exposure = Math.log(1 + (i % 5));
    lines.push(
      `${x},${exposure},${Math.round(Math.exp(0.5 + x + exposure) * (1 + 0.3 * Math.cos(3 * i)))}`,
    );
  }

  it('writes expected counts exp(a0 + xβ + offset), the offset read from the scoring file', async () => {
    const model = await modelOf(lines.join('\n'), {
      family: 'poisson',
      features: ['x'],
      offset: 'exposure',
    });
    expect(model.offset).toBe('exposure');
    expect(model.classes).toBeNull();
    const input = 'x,exposure\n0.5,0\n0.5,1\n-1,2.5\n';
    const dataset = readCsvText(input, { fileName: 'new.csv' });
    const { csv } = scoredCsv(input, dataset, model);
    expect(csv.split(/\r?\n/)[0]).toBe('x,exposure,predicted_y');
    const out = rows(csv);
    for (const [x, offset, count] of out) {
      const eta = model.intercept + model.coefficients[0]! * Number(x) + Number(offset);
      expect(Number(count)).toBeCloseTo(Math.exp(eta), 10);
    }
    // One unit more offset is e times the count.
    expect(Number(out[1]![2]) / Number(out[0]![2])).toBeCloseTo(Math.E, 12);
  });
});
