/**
 * The family descriptor is the only place outside the solver that knows a family: a second
 * family registered here (a copy of gaussian under another name, with its own label, measures,
 * test metrics and R spelling) flows through the schema, the CLI's flags, the analysis, the
 * result, the report, the reproduce code, the model file and the CLI summary with no other
 * change. Registering it is mocking the two registries, exactly the lines a new family adds.
 */
import { describe, expect, it, vi } from 'vitest';
import type { FamilyDescriptor } from '../../../shared/analysis/families';
import type { Family, FamilyName } from '../../../shared/solver/family';

const FAKE = 'fake' as FamilyName;

vi.mock('../../../shared/solver/families/index', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../shared/solver/families/index')>();
  // A shifted inverse link, so that predictions on the response scale are told from η.
  const fake: Family = {
    ...real.FAMILIES.gaussian,
    name: FAKE,
    cvMeasures: ['mae'],
    inverseLink: (eta) => eta + 1000,
  };
  const FAMILIES = Object.freeze({ ...real.FAMILIES, [FAKE]: fake });
  return { FAMILIES, familyByName: (name: FamilyName) => FAMILIES[name] };
});

vi.mock('../../../shared/analysis/families/registry', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../shared/analysis/families/registry')>();
  const { FAMILIES } = await import('../../../shared/solver/families/index');
  const gaussian = real.DESCRIPTORS.gaussian;
  const fake: FamilyDescriptor = {
    ...gaussian,
    name: FAKE,
    label: 'Fake regression (test)',
    solver: FAMILIES[FAKE],
    measures: [{ id: 'mae', label: 'Mean absolute error' }],
    testMetrics: gaussian.testMetrics.filter((m) => m.key !== 'mae'),
    objective: () => 'The fake objective.',
    reproduce: { ...gaussian.reproduce, rFamily: 'fakefamily', rTypeMeasure: () => 'fakemeasure' },
  };
  return { DESCRIPTORS: Object.freeze({ ...real.DESCRIPTORS, [FAKE]: fake }) };
});

const { analysisSettingsSchema, settingsProblems } = await import(
  '../../../shared/analysis/schema'
);
const { DEFAULT_SETTINGS } = await import('../../../shared/analysis/settings');
const { runAnalysis } = await import('../../../shared/analysis/run');
const { analysisResult, analysisResultSchema } = await import('../../../shared/analysis/result');
const { resultShapeProblem } = await import('../../../shared/analysis/resultShape');
const { buildModel, parseModel, scoreDataset } = await import('../../../shared/analysis/model');
const { readCsvText } = await import('../../../shared/data/csv');
const { renderReport } = await import('../../../shared/report/html');
const { rCode } = await import('../../../shared/report/reproduce');
const { parseFitArgs } = await import('../../../electron/cli/fitArgs');
const { formatSummary } = await import('../../../electron/cli/summary');
const { FIT_HELP } = await import('../../../electron/cli/usage');
const { fromSettings, toSettings, withFamily } = await import('../../../renderer/lib/settingsForm');

/** 40 rows, y = 2·x1 − x2 + noise; rows with split = test are held out. */
function dataset() {
  const lines = ['x1,x2,y,split'];
  for (let i = 0; i < 40; i++) {
    const x1 = Math.sin(i + 1);
    const x2 = Math.cos(3 * i);
    const y = 2 * x1 - x2 + 0.1 * Math.sin(7 * i);
    lines.push(`${x1},${x2},${y},${i % 4 === 0 ? 'test' : 'train'}`);
  }
  return readCsvText(lines.join('\n'), { fileName: 'fake.csv' });
}

describe('a second family registered only in its two registries', () => {
  it('is a valid family setting, with its own measures', () => {
    const base = { ...DEFAULT_SETTINGS, target: 'y', family: FAKE };
    expect(settingsProblems({ ...base, cv: { nfolds: 3, seed: 1, measure: 'mae' } })).toEqual([]);
    expect(settingsProblems({ ...base, cv: { nfolds: 3, seed: 1, measure: 'mse' } })).toEqual([
      { path: ['cv', 'measure'], message: 'must be mae for fake regression (test)' },
    ]);
    expect(settingsProblems({ ...base, family: 'nope' })).toEqual([
      { path: ['family'], message: 'must be gaussian or binomial or poisson or fake' },
    ]);
  });

  it('is accepted by the CLI, with its default measure, and listed in its help', () => {
    const args = ['--data', 'fake.csv', '--target', 'y', '--family', 'fake', '--cv', '3'];
    const { settings } = parseFitArgs(args);
    expect(settings.family).toBe(FAKE);
    expect(settings.cv?.measure).toBe('mae');
    expect(() => parseFitArgs([...args, '--measure', 'mse'])).toThrow(
      "--measure must be mae; got 'mse'.",
    );
    expect(() => parseFitArgs(['--data', 'a.csv', '--target', 'y', '--family', 'nope'])).toThrow(
      "--family must be gaussian or binomial or poisson or fake; got 'nope'.",
    );
    expect(FIT_HELP).toContain('fake: Fake regression (test), CV measures mae');
  });

  it("is the app form's family, with its measures", () => {
    const settings = {
      ...DEFAULT_SETTINGS,
      target: 'y',
      features: ['x1'],
      cv: { nfolds: 5, seed: 1, measure: 'mse' as const },
    };
    const info = { summary: { columns: [], rowCount: 40 } } as unknown as Parameters<
      typeof fromSettings
    >[1];
    const form = fromSettings(settings, info);
    expect(form.family).toBe('gaussian');
    const fake = withFamily(form, FAKE);
    expect(fake.measure).toBe('mae');
    expect(toSettings(fake)).toMatchObject({ family: FAKE, cv: { measure: 'mae' } });
    expect(withFamily({ ...form, measure: 'mae' }, 'gaussian').measure).toBe('mae');
  });

  it('flows through the analysis, result, report, reproduce code, model file and CLI summary', async () => {
    const settings = {
      ...DEFAULT_SETTINGS,
      family: FAKE,
      target: 'y',
      features: ['x1', 'x2'],
      nlambda: 10,
      cv: { nfolds: 3, seed: 1, measure: 'mae' as const },
      testRows: { column: 'split', value: 'test' },
    };
    const run = await runAnalysis(dataset(), settings);
    expect(run.path.options.family).toBe(FAKE);
    const result = analysisResult(
      run,
      settings,
      { file: 'fake.csv', sha256: 'x' },
      { readSeconds: 0 },
    );
    expect(analysisResultSchema.parse(JSON.parse(JSON.stringify(result))).settings.family).toBe(
      FAKE,
    );
    expect(result.cv?.measure).toBe('mae');
    // The fake family's test metrics: MSE and R², no MAE.
    expect(Object.keys(result.test!)).toEqual(['n', 'mse', 'r2', 'atLambdaMin', 'atLambda1se']);
    expect(resultShapeProblem(result)).toBeUndefined();

    const html = renderReport({ result, selectedIndex: 3, generatedAt: new Date(0) });
    expect(html).toContain('fake.csv · Fake regression (test) ·');
    expect(html).toContain('<p>The fake objective.</p>');
    const r = rCode(result, { index: 3, dataPath: 'fake.csv' });
    expect(r).toContain('fit <- glmnet(x, y, family = "fakefamily",');
    expect(r).toContain('type.measure = "fakemeasure"');

    const model = buildModel(result, 3);
    expect(parseModel(JSON.parse(JSON.stringify(model)), 'm.json').family).toBe(FAKE);
    // Scoring and the test scores are on the response scale: g⁻¹(η) = η + 1000 here.
    const data = dataset();
    const x = (j: number, i: number) => {
      const column = data.columns[j]!;
      if (column.kind !== 'numeric') throw new Error('x1 and x2 are numeric');
      return column.values[i]!;
    };
    const eta = (i: number) =>
      model.intercept + model.coefficients[0]! * x(0, i) + model.coefficients[1]! * x(1, i);
    const { predictions } = scoreDataset(model, data);
    expect(predictions[5]).toBeCloseTo(eta(5) + 1000, 9);
    expect(result.test!.mse![3]).toBeGreaterThan(900 ** 2);

    const summary = formatSummary(result);
    expect(summary).toMatch(/3-fold cross-validation \(mae\)/);
    expect(summary).toMatch(/test rows: 10 held out; at λ_min: MSE [^,]+, R² [^;]+; at λ_1se/);
    expect(summary).not.toMatch(/MAE/);
  });
});

describe('files saved before families', () => {
  it('read as gaussian: results, model files; a model of an unknown family is refused', async () => {
    const settings = { ...DEFAULT_SETTINGS, target: 'y', features: ['x1', 'x2'], nlambda: 5 };
    const run = await runAnalysis(dataset(), settings);
    const result = analysisResult(
      run,
      settings,
      { file: 'f.csv', sha256: 'x' },
      { readSeconds: 0 },
    );
    expect(result.settings.family).toBe('gaussian');
    // Settings of projects saved before families (the IPC contract and project files parse them).
    const { family: ___, ...oldInput } = settings;
    expect(analysisSettingsSchema.parse(oldInput).family).toBe('gaussian');
    const { family: _, ...oldSettings } = result.settings;
    const old = analysisResultSchema.parse({ ...result, settings: oldSettings });
    expect(old.settings.family).toBeUndefined();
    expect(resultShapeProblem(old)).toBeUndefined();
    expect(formatSummary(old)).toEqual(formatSummary(result));

    const { family: __, ...oldModel } = buildModel(result, 2);
    expect(parseModel(oldModel, 'm.json').family).toBe('gaussian');
    expect(() => parseModel({ ...oldModel, family: 'nope' }, 'm.json')).toThrow(
      "m.json: This model was fitted with the family 'nope', which this version of Shrinkage does not know (it knows gaussian, binomial, poisson, fake).",
    );
  });
});
