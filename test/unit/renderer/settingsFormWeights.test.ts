/** The model form's weight and offset choices: never features, kept through settings and back. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DatasetService } from '../../../electron/services/datasetService';
import {
  defaultForm,
  formProblem,
  fromSettings,
  numericColumns,
  suggestFeatures,
  toSettings,
} from '../../../renderer/lib/settingsForm';
import type { DatasetInfo } from '../../../shared/ipc/contract';
import { fixturesDir } from '../../helpers/fixtures';

let info: DatasetInfo;

beforeAll(async () => {
  info = await new DatasetService().openBytes(
    new Uint8Array(readFileSync(join(fixturesDir, 'data/pima.csv'))),
    'pima.csv',
  );
});

describe('weights and offset in the model form', () => {
  it('offers the numeric columns other than the target', () => {
    const form = { ...defaultForm(info), target: 'glu' };
    expect(numericColumns(info, 'glu')).toEqual([
      'npreg',
      'bp',
      'skin',
      'bmi',
      'ped',
      'age',
      'weight',
    ]);
    expect(toSettings(form).weights).toBeUndefined();
    expect(toSettings(form).offset).toBeUndefined();
  });

  it('passes the chosen columns to the settings and leaves them out of the features', () => {
    const form = {
      ...defaultForm(info),
      target: 'glu',
      features: suggestFeatures(info, 'glu'),
      weights: 'weight',
      offset: 'age',
    };
    expect(form.features).toContain('weight');
    const settings = toSettings(form);
    expect(settings).toMatchObject({ weights: 'weight', offset: 'age' });
    expect(settings.features).not.toContain('weight');
    expect(settings.features).not.toContain('age');
    expect(formProblem(form, info)).toBeUndefined();
    const restored = fromSettings(settings, info);
    expect(restored).toMatchObject({ weights: 'weight', offset: 'age' });
    expect(toSettings(restored)).toEqual(settings);
  });

  it('refuses the target as the weight or offset column', () => {
    const form = { ...defaultForm(info), target: 'glu' };
    expect(formProblem({ ...form, weights: 'glu' }, info)).toMatch(/observation weights/);
    expect(formProblem({ ...form, offset: 'glu' }, info)).toMatch(/offset/);
  });
});
