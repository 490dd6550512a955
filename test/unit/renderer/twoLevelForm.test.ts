/** The form's two-level coding: single by default, kept through settings and back, named when changed. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DatasetService } from '../../../electron/services/datasetService';
import {
  changedSettings,
  defaultForm,
  fromSettings,
  toSettings,
  twoLevelFeatures,
} from '../../../renderer/lib/settingsForm';
import { parseSettings } from '../../../shared/analysis/schema';
import type { DatasetInfo } from '../../../shared/ipc/contract';
import { fixturesDir } from '../../helpers/fixtures';

let info: DatasetInfo;

beforeAll(async () => {
  info = await new DatasetService().openBytes(
    new Uint8Array(readFileSync(join(fixturesDir, 'data/quine.csv'))),
    'quine.csv',
  );
});

describe('two-level coding in the model form', () => {
  it('starts as one 0/1 column and round-trips through settings', () => {
    const form = { ...defaultForm(info), target: 'Days' };
    expect(form.twoLevelCoding).toBe('single');
    expect(toSettings(form).twoLevelCoding).toBe('single');
    const oneHot = { ...form, twoLevelCoding: 'one-hot' as const };
    expect(fromSettings(toSettings(oneHot), info).twoLevelCoding).toBe('one-hot');
    expect(changedSettings(oneHot, form)).toEqual(['two-level coding']);
  });

  it('restores settings saved without the option as one-hot', () => {
    const { twoLevelCoding: _, ...saved } = toSettings({ ...defaultForm(info), target: 'Days' });
    const settings = parseSettings(saved).settings!;
    expect(fromSettings(settings, info).twoLevelCoding).toBe('one-hot');
  });

  it('lists the chosen two-level features with their levels in code-unit order', () => {
    const form = { ...defaultForm(info), target: 'Days' };
    expect(twoLevelFeatures(form, info)).toEqual([
      { name: 'Eth', levels: ['A', 'N'] },
      { name: 'Sex', levels: ['F', 'M'] },
      { name: 'Lrn', levels: ['AL', 'SL'] },
    ]);
    expect(twoLevelFeatures({ ...form, features: ['Age'] }, info)).toEqual([]);
  });
});
