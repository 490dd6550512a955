/** The model form's coefficient bounds: the Non-negative box, and bounds set elsewhere kept. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DatasetService } from '../../../electron/services/datasetService';
import {
  defaultForm,
  fieldProblems,
  fromSettings,
  toSettings,
} from '../../../renderer/lib/settingsForm';
import type { DatasetInfo } from '../../../shared/ipc/contract';
import { fixturesDir } from '../../helpers/fixtures';

let info: DatasetInfo;

beforeAll(async () => {
  info = await new DatasetService().openBytes(
    new Uint8Array(readFileSync(join(fixturesDir, 'data/prostate.csv'))),
    'prostate.csv',
  );
});

describe('coefficient bounds in the model form', () => {
  it('is unbounded by default, and the box sets lower.limits = 0 for every column', () => {
    const form = { ...defaultForm(info), target: 'lpsa' };
    expect(toSettings(form).lowerLimits).toBeUndefined();
    expect(toSettings(form).upperLimits).toBeUndefined();
    const settings = toSettings({ ...form, nonNegative: true });
    expect(settings.lowerLimits).toBe(0);
    expect(fromSettings(settings, info).nonNegative).toBe(true);
    expect(fieldProblems({ ...form, nonNegative: true })).toEqual({});
  });

  it('keeps bounds by column from the CLI through the form, and the box replaces lower ones', () => {
    const form = { ...defaultForm(info), target: 'lpsa' };
    const cli = { ...toSettings(form), lowerLimits: { lcavol: -1 }, upperLimits: 2 };
    const back = fromSettings(cli, info);
    expect(back.nonNegative).toBe(false);
    expect(toSettings(back).lowerLimits).toEqual({ lcavol: -1 });
    expect(toSettings(back).upperLimits).toBe(2);
    const boxed = toSettings({ ...back, nonNegative: true });
    expect(boxed.lowerLimits).toBe(0);
    expect(boxed.upperLimits).toBe(2);
  });
});
