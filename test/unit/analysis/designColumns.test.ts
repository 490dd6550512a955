/**
 * Design columns carry their feature and level as data: a numeric column named `g=z` next to
 * a categorical `g` with level `z` gives two distinct design columns, and a saved model
 * scores every row as the fit did.
 */
import { describe, expect, it } from 'vitest';
import { buildModel, parseModel, scoreDataset } from '../../../shared/analysis/model';
import { analysisResult } from '../../../shared/analysis/result';
import { runAnalysis } from '../../../shared/analysis/run';
import { DEFAULT_SETTINGS } from '../../../shared/analysis/settings';
import { readCsvText } from '../../../shared/data/csv';
import { prepareDesign } from '../../../shared/data/design';
import { DataError } from '../../../shared/data/errors';
import { categoricalFeatures, rCode } from '../../../shared/report/reproduce';

/** 60 rows: g in p, q, z; a numeric column literally named g=z; y depends on both. */
function clashCsv(): string {
  const lines = ['g,g=z,y'];
  for (let i = 0; i < 60; i++) {
    const g = 'pqz'[i % 3]!;
    const x = ((i * 37) % 11) - 5;
    lines.push(`${g},${x},${(g === 'z' ? 3 : g === 'q' ? -1 : 0) + 0.5 * x + ((i * 13) % 7) / 10}`);
  }
  return `${lines.join('\n')}\n`;
}

async function clashResult() {
  const dataset = readCsvText(clashCsv(), { fileName: 'clash.csv' });
  const settings = { ...DEFAULT_SETTINGS, target: 'y' };
  const analysis = await runAnalysis(dataset, settings);
  const json = analysisResult(
    analysis,
    settings,
    { file: 'clash.csv', sha256: 'a'.repeat(64) },
    {
      readSeconds: 0,
    },
  );
  return { dataset, analysis, json };
}

describe('design columns whose generated name equals another column', () => {
  it('are named apart, described by records, and the rename is reported', () => {
    const dataset = readCsvText(clashCsv(), { fileName: 'clash.csv' });
    const prepared = prepareDesign(dataset, { target: 'y' });
    expect(prepared.columns).toEqual([
      { name: 'g=p', feature: 'g', kind: 'level', level: 'p' },
      { name: 'g=q', feature: 'g', kind: 'level', level: 'q' },
      { name: 'g=z_2', feature: 'g', kind: 'level', level: 'z' },
      { name: 'g=z', feature: 'g=z', kind: 'numeric' },
    ]);
    expect(prepared.warnings).toEqual([
      {
        code: 'renamed-level-column',
        columns: ['g=z_2'],
        message: expect.stringMatching(
          /level 'z' of 'g' is called 'g=z_2', because 'g=z' already names another column/,
        ),
      },
    ]);
  });

  it('a saved model scores every row exactly as the fit predicted it', async () => {
    const { dataset, analysis, json } = await clashResult();
    const k = json.path.lambda.length - 1;
    const model = parseModel(JSON.parse(JSON.stringify(buildModel(json, k))), 'model.json');
    expect(model.features).toEqual([
      { name: 'g', kind: 'categorical' },
      { name: 'g=z', kind: 'numeric' },
    ]);
    const scores = scoreDataset(model, dataset);
    expect(scores.unscored).toBe(0);
    const { values, n, p } = analysis.fitted.design;
    for (let i = 0; i < n; i++) {
      let expected = json.path.a0[k]!;
      for (let j = 0; j < p; j++) expected += json.path.beta[k]![j]! * values[j * n + i]!;
      expect(scores.predictions[i]).toBeCloseTo(expected, 10);
    }
  });

  it('the reproduce code knows g is categorical and g=z numeric without reading names', async () => {
    const { json } = await clashResult();
    expect(categoricalFeatures(json)).toEqual(['g']);
    expect(rCode(json, { index: 0, dataPath: 'clash.csv' })).toContain('levels = c("p", "q", "z")');
  });

  it('a version-1 model written from such data is refused, saying to fit again', async () => {
    const { json } = await clashResult();
    const v2 = buildModel(json, 5);
    // What version 1 wrote: levels by name prefix (p, q, z, z) and the names only.
    const v1 = {
      ...v2,
      formatVersion: 1,
      features: [
        { name: 'g', kind: 'categorical', levels: ['p', 'q', 'z', 'z'] },
        { name: 'g=z', kind: 'numeric' },
      ],
      columns: ['g=p', 'g=q', 'g=z', 'g=z'],
    };
    expect(() => parseModel(v1, 'old.json')).toThrow(DataError);
    expect(() => parseModel(v1, 'old.json')).toThrow(/Fit the model again/);
  });

  it('a sound version-1 model still loads and scores the same as its version-2 twin', async () => {
    const csv = 'color,size,y\nred,1,2\nblue,2,3.5\nred,3,4\ngreen,4,6\nblue,5,6.5\ngreen,6,9\n';
    const dataset = readCsvText(csv, { fileName: 'small.csv' });
    const settings = { ...DEFAULT_SETTINGS, target: 'y' };
    const json = analysisResult(
      await runAnalysis(dataset, settings),
      settings,
      {
        file: 'small.csv',
        sha256: 'a'.repeat(64),
      },
      { readSeconds: 0 },
    );
    const v2 = buildModel(json, 10);
    const v1 = {
      ...v2,
      formatVersion: 1,
      features: [
        { name: 'color', kind: 'categorical', levels: ['blue', 'green', 'red'] },
        { name: 'size', kind: 'numeric' },
      ],
      columns: ['color=blue', 'color=green', 'color=red', 'size'],
    };
    const old = scoreDataset(parseModel(v1, 'old.json'), dataset).predictions;
    expect(Array.from(old)).toEqual(Array.from(scoreDataset(v2, dataset).predictions));
    expect(old.every(Number.isFinite)).toBe(true);
  });
});
