/**
 * Observation weights and an offset as columns of the data, through runAnalysis: R's weighted
 * fit and cv.glmnet reproduced from the CSV; the columns validated like the target; rows
 * missing them dropped (also with imputation); the offset in test scores, the model file and
 * scoring; weights in the test error but never in a prediction.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildModel, parseModel, scoreDataset } from '../../../shared/analysis/model';
import { predictionsAt } from '../../../shared/analysis/predictions';
import { analysisResult } from '../../../shared/analysis/result';
import { runAnalysis } from '../../../shared/analysis/run';
import { type AnalysisSettings, DEFAULT_SETTINGS } from '../../../shared/analysis/settings';
import { readCsvText } from '../../../shared/data/csv';
import { DataError } from '../../../shared/data/errors';
import { fitPath } from '../../../shared/solver';
import { fixtureDataPath, loadFixture, maxScaledDifference } from '../../helpers/fixtures';

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

/** 40 rows: a, b, a weight column w, an offset column o and y = 1 + 2a − b + o + noise. */
function weightedCsv(edit: (cells: Record<string, string>, i: number) => void = () => {}): string {
  const lines = ['a,b,w,o,split,y'];
  for (let i = 0; i < 40; i++) {
    const a = ((i * 7) % 11) - 5;
    const b = (i * 3) % 5;
    const o = (i % 4) * 0.5;
    const cells: Record<string, string> = {
      a: String(a),
      b: String(b),
      w: String(1 + (i % 3)),
      o: String(o),
      split: i % 5 === 0 ? 'test' : 'train',
      y: String(1 + 2 * a - b + o + ((i * 13) % 7) / 10),
    };
    edit(cells, i);
    lines.push(['a', 'b', 'w', 'o', 'split', 'y'].map((k) => cells[k]).join(','));
  }
  return `${lines.join('\n')}\n`;
}

const settingsFor = (extra: Partial<AnalysisSettings>): AnalysisSettings => ({
  ...DEFAULT_SETTINGS,
  target: 'y',
  exclude: ['split'],
  ...extra,
});

const run = (text: string, extra: Partial<AnalysisSettings>) =>
  runAnalysis(readCsvText(text, { fileName: 'w.csv' }), settingsFor(extra));

async function refusal(promise: Promise<unknown>): Promise<DataError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DataError);
  return error as DataError;
}

describe('weights and offset from the data reproduce R glmnet', () => {
  it('pima-gaussian-weights-enet-0.5: path at 1e-7, cv.glmnet at 1e-6 from the CSV with its fold ids', async () => {
    const f = loadFixture('pima-gaussian-weights-enet-0.5');
    const lines = readFileSync(fixtureDataPath(f), 'utf8').trim().split('\n');
    const text = [
      `${lines[0]},fold`,
      ...lines.slice(1).map((line, i) => `${line},${f.cv!.foldid[i]}`),
    ].join('\n');
    const analysis = await runAnalysis(readCsvText(text, { fileName: 'pima.csv' }), {
      ...DEFAULT_SETTINGS,
      target: f.target,
      features: f.features,
      weights: f.weights!,
      alpha: f.alpha,
      thresh: 1e-14,
      cv: { nfolds: 10, seed: 1, measure: 'mse', foldidColumn: 'fold' },
    });
    expect(analysis.path.lambda).toHaveLength(f.path.lambda.length);
    expect(maxScaledDifference(analysis.path.beta, f.path.beta)).toBeLessThan(1e-7);
    expect(maxScaledDifference([analysis.path.a0], [f.path.a0])).toBeLessThan(1e-7);
    const cv = analysis.cv!;
    expect(Math.max(...cv.cvm.map((v, l) => relative(v, f.cv!.cvm[l]!)))).toBeLessThan(1e-6);
    expect(Math.max(...cv.cvsd.map((v, l) => relative(v, f.cv!.cvsd[l]!)))).toBeLessThan(1e-6);
    expect(relative(cv.lambdaMin, f.cv!.lambda_min)).toBeLessThan(1e-6);
    expect(relative(cv.lambda1se, f.cv!.lambda_1se)).toBeLessThan(1e-6);
  });
});

describe('weight and offset columns', () => {
  it('are not default features, and equal the solver given the same vectors', async () => {
    const text = weightedCsv();
    const analysis = await run(text, { weights: 'w', offset: 'o' });
    expect(analysis.prepared.features).toEqual(['a', 'b']);
    const dataset = readCsvText(text, { fileName: 'w.csv' });
    const column = (name: string) =>
      (dataset.columns.find((c) => c.name === name) as { values: Float64Array }).values;
    const direct = fitPath(analysis.prepared.design, analysis.prepared.y, {
      weights: Float64Array.from(column('w')),
      offset: Float64Array.from(column('o')),
    });
    expect(analysis.path.beta).toEqual(direct.beta);
    expect(analysis.path.a0).toEqual(direct.a0);
    const unweighted = await run(text, { offset: 'o' });
    expect(unweighted.path.beta.at(-1)).not.toEqual(analysis.path.beta.at(-1));
  });

  it('an offset is fitting y − offset, and predictions add it back', async () => {
    const withOffset = await run(weightedCsv(), {
      offset: 'o',
      testRows: { column: 'split', value: 'test' },
    });
    const shifted = await run(
      weightedCsv((cells) => {
        cells.y = String(Number(cells.y) - Number(cells.o));
      }),
      { exclude: ['split', 'o'], testRows: { column: 'split', value: 'test' } },
    );
    expect(maxScaledDifference(withOffset.path.beta, shifted.path.beta)).toBeLessThan(1e-12);
    // Test error: the same residuals, so the same numbers.
    expect(withOffset.test!.mse!.at(-1)).toBeCloseTo(shifted.test!.mse!.at(-1)!, 10);
    const sample = predictionsAt(withOffset, withOffset.path.lambda.length - 1);
    const residual = sample.actual.map((y, r) => y - sample.predicted[r]!);
    expect(Math.max(...residual.map(Math.abs))).toBeLessThan(1);
  });

  it('weights the test-set error (as assess.glmnet), and only the error', async () => {
    const test = { column: 'split', value: 'test' };
    const analysis = await run(weightedCsv(), { weights: 'w', testRows: test });
    const rows = analysis.heldOut!;
    const l = analysis.path.lambda.length - 1;
    const beta = analysis.path.beta[l]!;
    let squares = 0;
    let total = 0;
    for (let r = 0; r < rows.design.n; r++) {
      let prediction = analysis.path.a0[l]!;
      for (let j = 0; j < rows.design.p; j++)
        prediction += beta[j]! * rows.design.values[j * rows.design.n + r]!;
      squares += rows.weights![r]! * (rows.y[r]! - prediction) ** 2;
      total += rows.weights![r]!;
    }
    expect(analysis.test!.mse![l]).toBeCloseTo(squares / total, 12);
  });

  it('drops rows missing a weight or an offset, also when imputing, and says so', async () => {
    const text = weightedCsv((cells, i) => {
      if (i === 3) cells.w = '';
      if (i === 6) cells.o = 'NA';
      if (i === 9) cells.a = '';
    });
    const dropped = await run(text, { weights: 'w', offset: 'o' });
    expect(dropped.prepared.rowsDropped).toBe(3);
    expect(dropped.warnings.map((w) => [w.code, w.message])).toContainEqual([
      'rows-dropped',
      '3 rows with a missing target, weight, offset or feature value were dropped (37 of 40 rows used).',
    ]);
    const imputed = await run(text, { weights: 'w', offset: 'o', missing: 'impute' });
    expect(imputed.prepared.rowsDropped).toBe(2);
    expect(imputed.warnings.map((w) => [w.code, w.message])).toContainEqual([
      'rows-dropped',
      '2 rows with a missing target, weight or offset value were dropped (38 of 40 rows used).',
    ]);
  });

  it('refuses a negative weight, naming the file, row and column', async () => {
    const error = await refusal(
      run(
        weightedCsv((cells, i) => {
          if (i === 4) cells.w = '-1';
        }),
        { weights: 'w' },
      ),
    );
    expect(error.location).toEqual({ file: 'w.csv', row: 6, column: 'w' });
    expect(error.message).toMatch(
      /Observation weights must be finite numbers ≥ 0; this row has -1/,
    );
    expect(error.fix).toMatch(/Correct the weight/);
  });

  it('refuses weights that are all 0', async () => {
    const error = await refusal(
      run(
        weightedCsv((cells) => {
          cells.w = '0';
        }),
        { weights: 'w' },
      ),
    );
    expect(error.message).toMatch(/column 'w': The observation weights of the rows used are all 0/);
  });

  it('refuses a missing, non-numeric, target or feature column, by role', async () => {
    const text = weightedCsv();
    expect((await refusal(run(text, { weights: 'nope' }))).message).toMatch(
      /There is no observation weights column named 'nope'/,
    );
    expect((await refusal(run(text, { offset: 'split' }))).message).toMatch(
      /column 'split': The offset column must be numeric, but it holds text/,
    );
    expect((await refusal(run(text, { weights: 'y' }))).message).toMatch(
      /'y' is both the target and the observation weights column/,
    );
    expect((await refusal(run(text, { features: ['a', 'o'], offset: 'o' }))).message).toMatch(
      /'o' is both the offset and a feature/,
    );
  });
});

describe('the model and scoring with an offset', () => {
  async function model() {
    const text = weightedCsv();
    const settings = settingsFor({ weights: 'w', offset: 'o', lambda: [0.01] });
    const analysis = await runAnalysis(readCsvText(text, { fileName: 'w.csv' }), settings);
    const json = analysisResult(
      analysis,
      settings,
      { file: 'w.csv', sha256: 'a'.repeat(64) },
      { readSeconds: 0 },
    );
    expect(json.settings).toMatchObject({ weights: 'w', offset: 'o' });
    const written = JSON.parse(JSON.stringify(buildModel(json, 0)));
    // Version 3 and later: a Shrinkage that predates offsets refuses the file instead of
    // ignoring it (version 4 adds reference levels).
    expect(written.formatVersion).toBe(4);
    return parseModel(written, 'model.json');
  }

  it('still reads a version-2 model (written before offsets), with no offset', async () => {
    const { formatVersion: _, offset: __, ...rest } = await model();
    const old = parseModel({ ...rest, formatVersion: 2 }, 'old.json');
    expect(old.offset).toBeUndefined();
    const dataset = readCsvText('a,b\n1,2\n', { fileName: 'new.csv' });
    expect(scoreDataset(old, dataset).predictions[0]).toBeCloseTo(
      old.intercept + old.coefficients[0]! + 2 * old.coefficients[1]!,
      12,
    );
  });

  it('records the offset column and adds the scoring file’s offset; weights play no part', async () => {
    const m = await model();
    expect(m.offset).toBe('o');
    const dataset = readCsvText('a,b,o,w\n1,2,0.5,1\n1,2,3,100\n1,2,,1\n', { fileName: 'new.csv' });
    const { predictions, unscored, warnings } = scoreDataset(m, dataset);
    const base = m.intercept + m.coefficients[0]! + 2 * m.coefficients[1]!;
    expect(predictions[0]).toBeCloseTo(base + 0.5, 12);
    expect(predictions[1]).toBeCloseTo(base + 3, 12);
    expect(predictions[2]).toBeNaN();
    expect(unscored).toBe(1);
    expect(warnings.map((w) => [w.code, w.message])).toContainEqual([
      'rows-not-scored',
      '1 row has missing feature or offset values and were not scored (their prediction is left empty).',
    ]);
  });

  it('refuses a scoring file without the offset column, naming it', async () => {
    const m = await model();
    const dataset = readCsvText('a,b\n1,2\n', { fileName: 'new.csv' });
    expect(() => scoreDataset(m, dataset)).toThrow(
      /new.csv: The model needs column 'o', which this file does not have. The model was fitted with the offset 'o'/,
    );
  });
});
