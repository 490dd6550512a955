/**
 * The model form's analyst settings (issue 16, item 9): penalty factors by feature, row
 * filters, a fold-id column, explicit λ, a custom α grid, thresh and max sweeps, and a random
 * hold-out; each to AnalysisSettings and back (what a saved project restores), and each
 * refused next to its field in the schema's words.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DatasetService } from '../../../electron/services/datasetService';
import { projectRestore } from '../../../renderer/lib/projectRestore';
import {
  defaultForm,
  fieldProblems,
  formProblem,
  fromSettings,
  type ModelForm,
  parseNumberList,
  penaltyFactorOf,
  toSettings,
  withPenaltyFactor,
} from '../../../renderer/lib/settingsForm';
import { typedLambda } from '../../../renderer/lib/typedLambda';
import { initialState, reducer } from '../../../renderer/state/workbench';
import { DEFAULT_SETTINGS } from '../../../shared/analysis/settings';
import type { DatasetInfo } from '../../../shared/ipc/contract';
import { examplesDir } from '../../helpers/fixtures';

let info: DatasetInfo;
let form: ModelForm;

beforeAll(async () => {
  info = await new DatasetService().openBytes(
    new Uint8Array(readFileSync(join(examplesDir, 'diabetes.csv'))),
    'diabetes.csv',
  );
  form = defaultForm(info);
});

/** A form with every analyst setting changed from its default. */
function everySetting(): ModelForm {
  return withPenaltyFactor(
    withPenaltyFactor(
      {
        ...form,
        rowFilters: [{ column: 'sex', value: '2' }],
        foldColumn: 'age',
        lambda: '1, 0.1, 0.01',
        compare: true,
        alphaGrid: '0, 0.25, 0.5, 0.75, 1',
        thresh: '1e-10',
        maxIter: '5000',
        testMode: 'random',
        testPercent: '25',
        testSeed: 9,
      },
      ['bmi'],
      0,
    ),
    ['s1', 's2'],
    2.5,
  );
}

describe('the analyst settings in the form', () => {
  it('become the engine’s settings', () => {
    const settings = toSettings(everySetting());
    expect(settings).toMatchObject({
      rows: [{ column: 'sex', value: '2' }],
      cv: { foldidColumn: 'age', seed: 1 },
      lambda: [1, 0.1, 0.01],
      alphas: [0, 0.25, 0.5, 0.75, 1],
      thresh: 1e-10,
      maxIter: 5000,
      testSplit: { fraction: 0.25, seed: 9 },
      penaltyFactor: { bmi: 0, s1: 2.5, s2: 2.5 },
    });
    expect(settings.testRows).toBeUndefined();
    // The filter and fold-id columns are never features.
    expect(settings.features).not.toContain('sex');
    expect(settings.features).not.toContain('age');
    expect(formProblem(everySetting(), info)).toBeUndefined();
  });

  it('come back from settings, as an opened project restores them', () => {
    const settings = toSettings(everySetting());
    const { action } = projectRestore({
      fileName: 'study.shrinkage',
      dataset: info,
      dataVerified: true,
      settings,
      selectedIndex: 0,
      savedResult: null,
      warnings: [],
    });
    expect(toSettings(action.form!)).toEqual(settings);
    expect(action.form).toMatchObject({
      foldColumn: 'age',
      testMode: 'random',
      testPercent: '25',
      alphaGrid: '0, 0.25, 0.5, 0.75, 1',
      lambda: '1, 0.1, 0.01',
    });
    // Test rows by a column come back as such.
    const byColumn = toSettings({ ...form, testMode: 'column', testColumn: 'sex', testValue: '1' });
    expect(fromSettings(byColumn, info)).toMatchObject({ testMode: 'column', testColumn: 'sex' });
  });

  it('keep factors by design column made elsewhere, and drop those of unticked features', () => {
    const settings = { ...DEFAULT_SETTINGS, target: 'y', penaltyFactor: { 'g=a': 0, bmi: 3 } };
    const restored = fromSettings(settings, info);
    expect(penaltyFactorOf(restored, 'bmi')).toBe(3);
    expect(toSettings(restored).penaltyFactor).toEqual({ bmi: 3, 'g=a': 0 });
    const unticked = { ...restored, features: restored.features.filter((f) => f !== 'bmi') };
    expect(toSettings(unticked).penaltyFactor).toEqual({ 'g=a': 0 });
  });

  it('set factors by name only, a column called __proto__ included', () => {
    const odd = withPenaltyFactor(form, ['__proto__'], 0);
    expect(Object.hasOwn(odd.penaltyFactors, '__proto__')).toBe(true);
    expect(penaltyFactorOf(odd, '__proto__')).toBe(0);
    expect(penaltyFactorOf(form, '__proto__')).toBe(1);
    expect(penaltyFactorOf(form, 'constructor')).toBe(1);
    // 1 is the default: setting it removes the entry.
    expect(withPenaltyFactor(odd, ['__proto__'], 1).penaltyFactors).toEqual({});
  });

  it('are refused next to their field, in the schema’s words', () => {
    const problems = (patch: Partial<ModelForm>) => fieldProblems({ ...form, ...patch });
    expect(problems({ compare: true, alphaGrid: '1, 2' }).alphaGrid).toBe(
      'α values must be a number from 0 (ridge) to 1 (lasso) (check value 2).',
    );
    expect(problems({ compare: true, alphaGrid: '1, x' }).alphaGrid).toBe(
      'α values must be a number from 0 (ridge) to 1 (lasso) (check value 2).',
    );
    expect(problems({ compare: true, alphaGrid: '0.5' }).alphaGrid).toMatch(/two or more/);
    expect(problems({ compare: true, alphaGrid: '1, 0.5, 1' }).alphaGrid).toMatch(/given twice/);
    expect(problems({ lambda: '0.1, -1' }).lambda).toBe(
      'λ values must be a list of numbers ≥ 0 (check value 2).',
    );
    expect(problems({ thresh: '0' }).thresh).toBe(
      'Convergence threshold must be a number greater than 0 and at most 1, such as 1e-7.',
    );
    expect(problems({ thresh: '' }).thresh).toMatch(/^Convergence threshold must be a number/);
    expect(problems({ maxIter: '2.5' }).maxIter).toBe(
      'Maximum passes must be a whole number from 1 to 100000000.',
    );
    expect(problems({ testMode: 'random', testPercent: '100' }).testPercent).toMatch(
      /percentage strictly between 0 and 100/,
    );
    expect(problems({ testMode: 'random', testPercent: '20 %' }).testPercent).toBeUndefined();
    expect(fieldProblems(withPenaltyFactor(form, ['bmi'], -1)).penaltyFactors).toBe(
      'The penalty factor of bmi must be a number ≥ 0 for each column (or Inf to exclude it).',
    );
    expect(
      problems({
        rowFilters: [
          { column: 'sex', value: '2' },
          { column: '', value: '' },
        ],
      }).rowFilters,
    ).toBe('Row filter 2: its column must be a column name, not empty.');
    // The Run bar says the first of them.
    expect(formProblem({ ...form, thresh: '0' }, info)).toMatch(/^Convergence threshold/);
    expect(formProblem({ ...form, testMode: 'column' }, info)).toMatch(/Choose the column/);
  });

  it('read lists as typed: commas, semicolons or spaces; anything else is NaN', () => {
    expect(parseNumberList('0, 0.25;0.5 1  1e-3')).toEqual([0, 0.25, 0.5, 1, 0.001]);
    expect(parseNumberList('1,,0x10, 2a')).toEqual([1, Number.NaN, Number.NaN]);
    expect(parseNumberList('  ')).toEqual([]);
  });
});

describe('an exact refit', () => {
  it('runs the form with its λ set, which becomes the form and the fitted form', () => {
    const state = { ...initialState, dataset: info, form };
    const refit = { ...form, lambda: '0.5' };
    const next = reducer(state, { type: 'runRequested', form: refit });
    expect(next.form).toBe(refit);
    expect(next.runForm).toBe(refit);
    expect(next.run.status).toBe('running');
    expect(toSettings(next.runForm!).lambda).toEqual([0.5]);
    // A plain Run runs the form as it is.
    expect(reducer(state, { type: 'runRequested' }).runForm).toBe(form);
  });
});

describe('a typed λ', () => {
  const lambdas = [10, 1, 0.1, 0.01];
  it('goes to the nearest fitted λ on the log scale, and says when it is one', () => {
    // 0.4 is nearer 0.1 than 1 on the line, but nearer 1 on the log scale the grid uses.
    expect(typedLambda('0.4', lambdas)).toMatchObject({ ok: true, index: 1, exact: false });
    expect(typedLambda('0.2', lambdas)).toMatchObject({ index: 2 });
    expect(typedLambda('0.35', lambdas)).toMatchObject({ index: 1 });
    expect(typedLambda('1', lambdas)).toMatchObject({ index: 1, exact: true });
    expect(typedLambda('50', lambdas)).toMatchObject({ index: 0, outside: 'above' });
    expect(typedLambda('0', lambdas)).toMatchObject({ index: 3, outside: 'below' });
    expect(typedLambda('-1', lambdas)).toMatchObject({ ok: false });
    expect(typedLambda('0.1 0.2', lambdas)).toMatchObject({ ok: false });
  });
});
