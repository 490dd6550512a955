/** The model form's Relaxed lasso box: into settings (never with a compared α grid) and back. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DatasetService } from '../../../electron/services/datasetService';
import { defaultForm, fromSettings, toSettings } from '../../../renderer/lib/settingsForm';
import { settingsProblems } from '../../../shared/analysis/schema';
import type { DatasetInfo } from '../../../shared/ipc/contract';
import { fixturesDir } from '../../helpers/fixtures';

let info: DatasetInfo;

beforeAll(async () => {
  info = await new DatasetService().openBytes(
    new Uint8Array(readFileSync(join(fixturesDir, 'data/diabetes.csv'))),
    'diabetes.csv',
  );
});

describe('relaxed lasso in the model form', () => {
  it('is off by default and on when ticked, and the schema accepts it', () => {
    const form = defaultForm(info);
    expect(toSettings(form).relax).toBeUndefined();
    const settings = toSettings({ ...form, relax: true });
    expect(settings.relax).toBe(true);
    expect(settingsProblems(settings)).toEqual([]);
  });

  it('is left out while several α are compared (relax the chosen one afterwards)', () => {
    const settings = toSettings({ ...defaultForm(info), relax: true, compare: true });
    expect(settings.alphas?.length).toBeGreaterThan(1);
    expect(settings.relax).toBeUndefined();
    expect(settingsProblems(settings)).toEqual([]);
  });

  it('comes back from saved settings', () => {
    const settings = toSettings({ ...defaultForm(info), relax: true });
    expect(fromSettings(settings, info).relax).toBe(true);
    expect(fromSettings(toSettings(defaultForm(info)), info).relax).toBe(false);
  });
});
